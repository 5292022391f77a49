package org.karakuri.expr;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dates from values: date objects as they are, and text written as {@code 2024-05-01},
 * {@code 2024/05/01}, {@code 2024/5/1}, {@code 2024.5.1}, {@code 2024年5月1日} or in a Japanese
 * era ({@code 令和6年5月1日}, {@code R6.5.1}), with full-width digits too. ISO text may carry a
 * time ({@code 2024-05-01T09:30}), which the {@code date} filter can format.
 */
final class Dates {
    private static final Pattern SEPARATED = Pattern.compile(
            "(?<y>\\d{4})(?<sep>[-/.])(?<m>\\d{1,2})\\k<sep>(?<d>\\d{1,2})"
            + "(?:[T ](?<time>\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?))?");
    private static final Pattern KANJI = Pattern.compile("(?<y>\\d{4})\\s*年\\s*(?<m>\\d{1,2})\\s*月\\s*(?<d>\\d{1,2})\\s*日");

    private Dates() {}

    /** The value as a date; text with a time gives its day. */
    static LocalDate date(Object value) {
        LocalDate date = temporal(value).query(TemporalQueries.localDate());
        if (date == null) {
            throw new ExpressionException(0, "expr.not-a-date", Values.text(value));
        }
        return date;
    }

    /** The value as a date or date-time for formatting: a temporal object as it is, text parsed. */
    static TemporalAccessor temporal(Object value) {
        return value instanceof TemporalAccessor t ? t : parse(Values.text(value));
    }

    /** The value as a date for comparing, or {@code null} when it is not exactly a date. */
    static LocalDate dateOrNull(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        try {
            return parse(Values.text(value)) instanceof LocalDate d ? d : null;
        } catch (ExpressionException e) {
            return null;
        }
    }

    /** Parses date text into a LocalDate, or a LocalDateTime when it carries a time. */
    static Temporal parse(String text) {
        String normal = Kana.hankaku(text).strip();
        if (Wareki.looksLike(normal)) {
            return Wareki.parse(text);
        }
        Matcher separated = SEPARATED.matcher(normal);
        Matcher kanji = KANJI.matcher(normal);
        Matcher m = separated.matches() ? separated : kanji.matches() ? kanji : null;
        if (m == null) {
            throw new ExpressionException(0, "expr.not-a-date", text);
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group("y")),
                    Integer.parseInt(m.group("m")), Integer.parseInt(m.group("d")));
            String time = m == separated ? m.group("time") : null;
            return time == null ? date : date.atTime(LocalTime.parse(time));
        } catch (DateTimeException e) {
            throw new ExpressionException(0, "expr.invalid-date", text);
        }
    }
}
