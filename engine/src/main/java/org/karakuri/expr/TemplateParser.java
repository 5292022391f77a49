package org.karakuri.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads templates. Offsets in errors and in the parts it returns count from the start of
 * the whole source, so that a condition can parse the templates inside it in place.
 */
final class TemplateParser {
    private static final Pattern REFERENCE = Pattern.compile(
            "[\\p{L}_][\\p{L}\\p{N}_-]*(\\.[^|}]+)*"
            + "|env:[A-Za-z_][A-Za-z0-9_]*"
            + "|secret:[A-Za-z0-9_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");

    /** An expression and the index just after its closing brace. */
    record Parsed(Expression expression, int end) {}

    private final String src;

    TemplateParser(String src) {
        this.src = src;
    }

    /** The parts of {@code src[start, end)}. */
    List<Template.Part> parts(int start, int end) {
        List<Template.Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = start;
        while (i < end) {
            if (src.startsWith("$${", i) && i + 3 <= end) {
                text.append("${");
                i += 3;
            } else if (src.startsWith("${", i) && i + 2 <= end) {
                if (text.length() > 0) {
                    parts.add(new Template.Text(text.toString()));
                    text.setLength(0);
                }
                Parsed parsed = expression(i, end);
                parts.add(parsed.expression());
                i = parsed.end();
            } else {
                text.append(src.charAt(i++));
            }
        }
        if (text.length() > 0) {
            parts.add(new Template.Text(text.toString()));
        }
        return parts;
    }

    /** The {@code ${…}} starting at {@code dollar}, which must end before {@code end}. */
    Parsed expression(int dollar, int end) {
        int i = dollar + 2;
        while (i < end && src.charAt(i) != '|' && src.charAt(i) != '}') {
            i++;
        }
        if (i == end) {
            throw unclosed(dollar);
        }
        String reference = reference(dollar, dollar + 2, i);
        List<Filter> filters = new ArrayList<>();
        while (src.charAt(i) == '|') {
            i = filter(dollar, i, end, filters);
        }
        return new Parsed(new Expression(dollar, reference, List.copyOf(filters)), i + 1);
    }

    private String reference(int dollar, int start, int end) {
        String raw = src.substring(start, end);
        String reference = raw.strip();
        if (reference.isEmpty()) {
            throw new ExpressionException(dollar, "expr.empty-reference");
        }
        if (!REFERENCE.matcher(reference).matches()) {
            int at = start + raw.length() - raw.stripLeading().length();
            throw new ExpressionException(at, "expr.bad-reference", reference);
        }
        return reference;
    }

    /** Reads the filter after the {@code |} at {@code bar}; returns the index of the next {@code |} or <code>}</code>. */
    private int filter(int dollar, int bar, int end, List<Filter> filters) {
        int i = skipSpaces(bar + 1, end);
        int nameStart = i;
        while (i < end && isNameChar(src.charAt(i))) {
            i++;
        }
        if (i == end) {
            throw unclosed(dollar);
        }
        if (i == nameStart) {
            throw new ExpressionException(bar, "expr.missing-filter", String.join(", ", Filters.names()));
        }
        String name = src.substring(nameStart, i);
        if (!Filters.names().contains(name)) {
            throw new ExpressionException(nameStart, "expr.unknown-filter",
                    name, Filters.closest(name), String.join(", ", Filters.names()));
        }
        i = skipSpaces(i, end);
        String argument = null;
        int argumentStart = -1;
        if (i < end && src.charAt(i) == ':') {
            if (!Filters.takesArgument(name)) {
                throw new ExpressionException(i, "expr.filter-takes-no-argument", name);
            }
            argumentStart = skipSpaces(i + 1, end);
            argument = quoted(dollar, name, nameStart, argumentStart, end);
            i = skipSpaces(argumentStart + argument.length() + 2, end);
        }
        if (Filters.takesArgument(name) && (argument == null || argument.isBlank())) {
            throw new ExpressionException(nameStart, "expr.filter-needs-argument", name, Filters.example(name));
        }
        if (i == end) {
            throw unclosed(dollar);
        }
        if (src.charAt(i) != '|' && src.charAt(i) != '}') {
            int stop = i;
            while (stop < end && !Character.isWhitespace(src.charAt(stop)) && "|}".indexOf(src.charAt(stop)) < 0) {
                stop++;
            }
            throw new ExpressionException(i, "expr.unexpected-text", src.substring(i, stop));
        }
        try {
            filters.add(Filters.create(name, argument));
        } catch (IllegalArgumentException e) {
            throw new ExpressionException(argumentStart, "expr.bad-date-pattern", argument, e.getMessage());
        }
        return i;
    }

    /** The text of the quoted argument starting at {@code at}, without its quotes. */
    private String quoted(int dollar, String name, int nameStart, int at, int end) {
        if (at == end) {
            throw unclosed(dollar);
        }
        char quote = src.charAt(at);
        if (quote == '|' || quote == '}') {
            throw new ExpressionException(nameStart, "expr.filter-needs-argument", name, Filters.example(name));
        }
        if (quote != '\'' && quote != '"') {
            int stop = at;
            while (stop < end && "|}".indexOf(src.charAt(stop)) < 0) {
                stop++;
            }
            throw new ExpressionException(at, "expr.unquoted-argument", name, src.substring(at, stop).strip());
        }
        int close = src.indexOf(quote, at + 1);
        if (close < 0 || close >= end) {
            throw new ExpressionException(at, "expr.unclosed-quote", String.valueOf(quote));
        }
        return src.substring(at + 1, close);
    }

    private int skipSpaces(int i, int end) {
        while (i < end && Character.isWhitespace(src.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    private static ExpressionException unclosed(int dollar) {
        return new ExpressionException(dollar, "expr.unclosed");
    }
}
