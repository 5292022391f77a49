package org.karakuri.expr;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/** How conditions read values: as text, as numbers, as dates, and when they are empty. */
final class Values {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    private Values() {}

    /** The text of a value: {@code toString}, and the empty string for {@code null}. */
    static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** The value as a number, reading full-width digits too, or {@code null} when it is none. */
    static BigDecimal number(Object value) {
        if (value instanceof Number n) {
            try {
                return new BigDecimal(n.toString());
            } catch (NumberFormatException notFinite) {
                return null;
            }
        }
        String text = Kana.hankaku(text(value)).strip();
        return NUMBER.matcher(text).matches() ? new BigDecimal(text) : null;
    }

    /** True for {@code null}, blank text (full-width spaces included) and empty collections and maps. */
    static boolean isEmpty(Object value) {
        if (value instanceof Collection<?> c) {
            return c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return m.isEmpty();
        }
        return text(value).isBlank();
    }

    /** {@code ==}: numerically when both are numbers ({@code 1.0 == 1}), else as trimmed text. */
    static boolean same(Object left, Object right) {
        BigDecimal a = number(left);
        BigDecimal b = number(right);
        if (a != null && b != null) {
            return a.compareTo(b) == 0;
        }
        return text(left).strip().equals(text(right).strip());
    }

    /** {@code <} and {@code >}: numerically when both are numbers, else as dates when both are, else as trimmed text. */
    static int compare(Object left, Object right) {
        BigDecimal a = number(left);
        BigDecimal b = number(right);
        if (a != null && b != null) {
            return a.compareTo(b);
        }
        LocalDate x = Dates.dateOrNull(left);
        LocalDate y = Dates.dateOrNull(right);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        return text(left).strip().compareTo(text(right).strip());
    }

    /** {@code contains}: an element {@link #same} as the right side for a collection, else a substring. */
    static boolean contains(Object left, Object right) {
        if (left instanceof Collection<?> c) {
            return c.stream().anyMatch(element -> same(element, right));
        }
        return text(left).contains(text(right));
    }
}
