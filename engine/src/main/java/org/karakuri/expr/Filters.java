package org.karakuri.expr;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The filters a {@code ${…}} reference can apply after {@code |}, left to right.
 *
 * <ul>
 *   <li>{@code trim}: strips spaces, full-width ones too; {@code null} becomes "".
 *   <li>{@code upper}, {@code lower}: case in {@link Locale#ROOT}.
 *   <li>{@code zenkaku}, {@code hankaku}: see {@link Kana}.
 *   <li>{@code wareki}: a date (or date text) → {@code 令和6年5月1日}, see {@link Wareki}.
 *   <li>{@code seireki}: Japanese-era text (or any date text) → a {@link LocalDate}.
 *   <li>{@code date:'yyyy/MM/dd'}: a date, date-time or date text formatted with a
 *       {@link DateTimeFormatter} pattern (validated when the template is parsed; text fields
 *       such as {@code E} are Japanese: {@code 水}).
 * </ul>
 * Except for {@code trim}, a {@code null} value stays {@code null}.
 */
public final class Filters {
    private static final Map<String, UnaryOperator<Object>> PLAIN = new LinkedHashMap<>();
    private static final String DATE = "date";
    private static final String DATE_EXAMPLE = "date:'yyyy/MM/dd'";
    private static final Set<String> NAMES;

    static {
        PLAIN.put("trim", value -> Values.text(value).strip());
        PLAIN.put("upper", text(s -> s.toUpperCase(Locale.ROOT)));
        PLAIN.put("lower", text(s -> s.toLowerCase(Locale.ROOT)));
        PLAIN.put("zenkaku", text(Kana::zenkaku));
        PLAIN.put("hankaku", text(Kana::hankaku));
        PLAIN.put("wareki", nonNull(value -> Wareki.format(Dates.date(value))));
        PLAIN.put("seireki", nonNull(Dates::date));
        Set<String> names = new LinkedHashSet<>(PLAIN.keySet());
        names.add(DATE);
        NAMES = Collections.unmodifiableSet(names);
    }

    private Filters() {}

    /** The names of all filters, in the order the documentation lists them. */
    public static Set<String> names() {
        return NAMES;
    }

    static boolean takesArgument(String name) {
        return DATE.equals(name);
    }

    /** How to write the filter with its argument, for messages. */
    static String example(String name) {
        return DATE.equals(name) ? DATE_EXAMPLE : name;
    }

    /**
     * Binds a known filter to its argument ({@code null} when there is none).
     *
     * @throws IllegalArgumentException when the argument is not a valid date pattern
     */
    static Filter create(String name, String argument) {
        if (DATE.equals(name)) {
            DateTimeFormatter formatter = DateTimeFormatter.ofPattern(argument, Locale.JAPANESE);
            return new Filter(name, argument, nonNull(value -> formatDate(formatter, argument, value)));
        }
        return new Filter(name, null, PLAIN.get(name));
    }

    /** The known name nearest to {@code name} by edit distance. */
    static String closest(String name) {
        return NAMES.stream().min(Comparator.comparingInt(known -> distance(name, known))).orElseThrow();
    }

    private static Object formatDate(DateTimeFormatter formatter, String pattern, Object value) {
        TemporalAccessor temporal = Dates.temporal(value);
        try {
            return formatter.format(temporal);
        } catch (DateTimeException e) {
            throw new ExpressionException(0, "expr.date-format-failed", pattern, Values.text(value));
        }
    }

    private static UnaryOperator<Object> text(UnaryOperator<String> f) {
        return nonNull(value -> f.apply(Values.text(value)));
    }

    private static UnaryOperator<Object> nonNull(Function<Object, Object> f) {
        return value -> value == null ? null : f.apply(value);
    }

    /** Levenshtein distance, case-insensitive. */
    private static int distance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] row = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int above = row[j];
                int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + cost);
                diagonal = above;
            }
        }
        return row[y.length()];
    }
}
