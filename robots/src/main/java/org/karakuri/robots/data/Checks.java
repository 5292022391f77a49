package org.karakuri.robots.data;

import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.karakuri.expr.ExpressionException;
import org.karakuri.expr.Kana;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.jp.MyNumber;
import org.karakuri.i18n.Suggest;
import org.karakuri.i18n.Position;
import org.karakuri.model.Entries;
import org.karakuri.yaml.YNode;

/**
 * The checks of {@code for-each-row}: what a clerk verifies by eye before typing a row in.
 * Written column → rule, or column → list of rules:
 *
 * <pre>
 * check:
 *   個人番号: my-number
 *   氏名: [required, {max-length: 20}]
 *   フリガナ: [required, katakana]
 *   生年月日: [required, date]
 *   郵便番号: postal-code
 *   受付番号: {pattern: 'R-[0-9]{4}'}
 * </pre>
 *
 * Rules other than {@code required} let an empty cell pass. Full-width digits and hyphens are
 * read like half-width ones. A failing value is shown in the reason, except for a My Number and
 * for columns listed in {@code mask:}.
 */
final class Checks {
    enum Kind {
        REQUIRED("required", false),
        MY_NUMBER("my-number", false),
        DATE("date", false),
        POSTAL_CODE("postal-code", false),
        KATAKANA("katakana", false),
        MAX_LENGTH("max-length", true),
        PATTERN("pattern", true);

        final String yaml;
        final boolean takesValue;

        Kind(String yaml, boolean takesValue) {
            this.yaml = yaml;
            this.takesValue = takesValue;
        }
    }

    /** One rule of a column; {@code max} for max-length, {@code pattern} for pattern. */
    record Rule(Kind kind, int max, Pattern pattern) {}

    /** The rules of one column, and where the author wrote it. */
    record ColumnRules(String column, List<Rule> rules, Position position) {}

    static final String ALL = "required, my-number, date, postal-code, katakana, {max-length: N}, {pattern: regex}";
    private static final Pattern POSTAL = Pattern.compile("〒?\\s*\\d{3}[-‐‑–−]?\\d{4}");
    private static final Template SEIREKI = Template.parse("${value | seireki}");

    private final List<ColumnRules> columns;

    private Checks(List<ColumnRules> columns) {
        this.columns = List.copyOf(columns);
    }

    static final Checks NONE = new Checks(List.of());

    List<ColumnRules> columns() {
        return columns;
    }

    boolean isEmpty() {
        return columns.isEmpty();
    }

    /** Reads {@code check:}; a problem is a KarakuriException placed at the rule that has it. */
    static Checks parse(Entries<YNode> check) {
        if (check == null || check.isEmpty()) {
            return NONE;
        }
        List<ColumnRules> out = new ArrayList<>();
        for (Entries.Entry<YNode> e : check.list()) {
            List<Rule> rules = new ArrayList<>();
            YNode node = e.value();
            if (node == null || node instanceof YNode.Scalar s && s.isNull() || node instanceof YNode.Seq q && q.items().isEmpty()) {
                throw new KarakuriException(e.position(), null, "data.check.empty", e.key(), ALL);
            }
            if (node instanceof YNode.Seq seq) {
                for (YNode item : seq.items()) {
                    addRules(e.key(), item, rules);
                }
            } else {
                addRules(e.key(), node, rules);
            }
            out.add(new ColumnRules(e.key(), rules, e.position()));
        }
        return new Checks(out);
    }

    private static void addRules(String column, YNode node, List<Rule> rules) {
        if (node instanceof YNode.Scalar s) {
            rules.add(rule(column, s, null));
        } else if (node instanceof YNode.Map m) {
            for (YNode.Entry e : m.entries()) {
                rules.add(rule(column, e.key(), e.value()));
            }
        } else {
            throw new KarakuriException(node.position(), null, "data.check.nested-list", column, ALL, "[required, {max-length: 20}]");
        }
    }

    private static Rule rule(String column, YNode.Scalar name, YNode value) {
        String written = name.value() == null ? "" : name.value().strip();
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.yaml.equals(written)).findFirst().orElseThrow(() -> {
            List<String> names = Arrays.stream(Kind.values()).map(k -> k.yaml).toList();
            Object hint = Suggest.closest(written, names).map(c -> (Object) new Messages.Text("suggest.did-you-mean", c)).orElse("");
            return new KarakuriException(name.position(), null, "data.check.unknown-rule", written, column, hint, ALL);
        });
        if (kind.takesValue && value == null) {
            throw new KarakuriException(name.position(), null, "data.check.needs-value", kind.yaml, column,
                kind == Kind.MAX_LENGTH ? "{max-length: 20}" : "{pattern: '[0-9]+'}");
        }
        if (!kind.takesValue) {
            if (value != null) {
                throw new KarakuriException(value.position(), null, "data.check.takes-no-value", kind.yaml, column);
            }
            return new Rule(kind, 0, null);
        }
        String text = value instanceof YNode.Scalar s && !s.isNull() ? s.value().strip() : "";
        if (kind == Kind.MAX_LENGTH) {
            try {
                int max = Integer.parseInt(text);
                if (max > 0) {
                    return new Rule(kind, max, null);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new KarakuriException(value.position(), null, "data.check.bad-max-length", text, column);
        }
        try {
            return new Rule(kind, 0, Pattern.compile(text));
        } catch (PatternSyntaxException e) {
            throw new KarakuriException(value.position(), null, "data.check.bad-pattern", text, column, e.getDescription());
        }
    }

    /**
     * Why the row must not be entered, one reason per failed rule in the user's language; empty
     * when it passes. Values of {@code masked} columns and My Numbers are never shown.
     */
    List<String> problems(Row row, Set<String> masked) {
        if (columns.isEmpty()) {
            return List.of();
        }
        Messages m = Messages.get();
        List<String> problems = new ArrayList<>();
        for (ColumnRules c : columns) {
            Object value = row.get(c.column());
            boolean hidden = masked.contains(Columns.key(c.column()));
            for (Rule rule : c.rules()) {
                String problem = check(rule, c.column(), value, hidden, m);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        return problems;
    }

    private static String check(Rule rule, String column, Object value, boolean hidden, Messages m) {
        String text = text(value);
        if (text.isBlank()) {
            return rule.kind() == Kind.REQUIRED ? m.format("data.check.failed.required", column) : null;
        }
        String shown = hidden ? "********" : text;
        return switch (rule.kind()) {
            case REQUIRED -> null;
            case MY_NUMBER -> myNumberProblem(value, text, column, m);
            case DATE -> value instanceof TemporalAccessor || isDate(text) ? null : m.format("data.check.failed.date", column, shown);
            case POSTAL_CODE -> POSTAL.matcher(Kana.hankaku(postalText(value, text)).strip()).matches() ? null
                : m.format("data.check.failed.postal-code", column, shown);
            case KATAKANA -> isKatakana(text) ? null : m.format("data.check.failed.katakana", column, shown);
            case MAX_LENGTH -> {
                int length = text.codePointCount(0, text.length());
                yield length <= rule.max() ? null : m.format("data.check.failed.max-length", column, length, rule.max());
            }
            case PATTERN -> rule.pattern().matcher(text).matches() ? null
                : m.format("data.check.failed.pattern", column, shown, rule.pattern().pattern());
        };
    }

    private static String myNumberProblem(Object value, String text, String column, Messages m) {
        String digits = Kana.hankaku(text).replaceAll("[\\s\\-‐]", "");
        if (value instanceof Long n && n >= 0 && digits.length() < 12) {
            digits = "0".repeat(12 - digits.length()) + digits; // Excel drops leading zeros of numbers
        }
        if (!digits.matches("\\d{12}")) {
            return m.format("data.check.failed.my-number-digits", column, digits.codePointCount(0, digits.length()));
        }
        return MyNumber.isValid(digits) ? null : m.format("data.check.failed.my-number-check-digit", column);
    }

    private static String postalText(Object value, String text) {
        if (value instanceof Long n && n >= 0 && text.length() < 7) {
            return "0".repeat(7 - text.length()) + text; // 060-0001 kept as the number 600001
        }
        return text;
    }

    /** True when the date filters ({@code wareki}, {@code date:'…'}) can read the text. */
    static boolean isDate(String text) {
        try {
            SEIREKI.evaluate(reference -> text);
            return true;
        } catch (ExpressionException e) {
            return false;
        }
    }

    /** Full- or half-width katakana, with ー, ・ and spaces. */
    static boolean isKatakana(String text) {
        boolean kana = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '\u30A1' && c <= '\u30FA') || (c >= '\uFF66' && c <= '\uFF9D')) {
                kana = true;
            } else if (!(c == 'ー' || c == '・' || c == 'ヽ' || c == 'ヾ' || c == '\uFF70' || c == '\uFF65' || c == '\uFF9E' || c == '\uFF9F'
                || c == ' ' || c == '\u3000' || c == '゛' || c == '゜')) {
                return false;
            }
        }
        return kana;
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    /** The checked columns, for messages. */
    String listed() {
        return columns.stream().map(ColumnRules::column).collect(Collectors.joining(", "));
    }
}
