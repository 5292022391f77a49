package org.karakuri.expr;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.chrono.JapaneseEra;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Japanese-era dates (和暦) as city-hall forms write them: {@code 令和6年5月1日}, with
 * {@code 元年} for the first year of an era.
 *
 * <p>From 1873-01-01 (明治6年, when Japan adopted the Gregorian calendar) the conversion is
 * {@link JapaneseDate}'s. Earlier Meiji dates, which {@code JapaneseDate} rejects, are read in
 * the proleptic Gregorian calendar: 明治 starts on 1868-01-25 (the Gregorian day of 明治元年1月1日
 * in the old calendar, the era being applied retroactively), and month and day are the
 * Gregorian ones, so 1868-10-23 is 明治元年10月23日. Dates before 1868-01-25 have no
 * Japanese-era form here.
 *
 * <p>Problems are reported as {@link ExpressionException}s at offset 0, naming the text.
 */
public final class Wareki {

    private record Era(String name, String letter, LocalDate start, JapaneseEra japanese) {}

    private static final List<Era> ERAS = List.of(
            new Era("明治", "M", LocalDate.of(1868, 1, 25), JapaneseEra.MEIJI),
            new Era("大正", "T", LocalDate.of(1912, 7, 30), JapaneseEra.TAISHO),
            new Era("昭和", "S", LocalDate.of(1926, 12, 25), JapaneseEra.SHOWA),
            new Era("平成", "H", LocalDate.of(1989, 1, 8), JapaneseEra.HEISEI),
            new Era("令和", "R", LocalDate.of(2019, 5, 1), JapaneseEra.REIWA));

    /** The first day {@link JapaneseDate} accepts. */
    private static final LocalDate JAPANESE_DATE_MIN = LocalDate.of(1873, 1, 1);

    private static final String ERA = "(明治|大正|昭和|平成|令和|[MTSHRmtshr])\\s*(元|\\d{1,4})\\s*";
    private static final Pattern KANJI_FORM = Pattern.compile(ERA + "年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日");
    private static final Pattern DOTTED_FORM = Pattern.compile(ERA + "([./-])\\s*(\\d{1,2})\\s*\\3\\s*(\\d{1,2})");
    private static final Pattern LOOKS_LIKE = Pattern.compile("(明治|大正|昭和|平成|令和|[MTSHRmtshr]\\s*[元\\d]).*", Pattern.DOTALL);

    private Wareki() {}

    /** Formats a date as {@code 令和6年5月1日} ({@code 令和元年5月1日} in the first year). */
    public static String format(LocalDate date) {
        Objects.requireNonNull(date, "date");
        Era meiji = ERAS.get(0);
        if (date.isBefore(meiji.start())) {
            throw new ExpressionException(0, "expr.wareki.before-meiji", date.toString(), meiji.start().toString());
        }
        String era;
        int year;
        if (date.isBefore(JAPANESE_DATE_MIN)) {
            era = meiji.name();
            year = date.getYear() - meiji.start().getYear() + 1;
        } else {
            JapaneseDate japanese = JapaneseDate.from(date);
            era = nameOf(japanese.getEra());
            year = japanese.get(ChronoField.YEAR_OF_ERA);
        }
        return era + (year == 1 ? "元" : String.valueOf(year)) + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /**
     * Reads a Japanese-era date: {@code 令和6年5月1日}, {@code 令和元年5月1日}, {@code R6.5.1},
     * {@code R06.05.01}, {@code H31/4/30}, also in full-width characters. A date outside its
     * era (平成31年5月1日, 令和1年4月30日) or not in the calendar (令和6年2月30日) is an error.
     */
    public static LocalDate parse(String text) {
        Objects.requireNonNull(text, "text");
        String normal = Kana.hankaku(text).strip();
        Matcher m = KANJI_FORM.matcher(normal);
        int month = 3;
        if (!m.matches()) {
            m = DOTTED_FORM.matcher(normal);
            month = 4;
            if (!m.matches()) {
                throw new ExpressionException(0, "expr.not-wareki", text);
            }
        }
        int index = eraIndex(m.group(1));
        Era era = ERAS.get(index);
        int yearOfEra = "元".equals(m.group(2)) ? 1 : Integer.parseInt(m.group(2));
        LocalDate date;
        try {
            date = LocalDate.of(era.start().getYear() + yearOfEra - 1,
                    Integer.parseInt(m.group(month)), Integer.parseInt(m.group(month + 1)));
        } catch (DateTimeException e) {
            throw new ExpressionException(0, "expr.invalid-date", text);
        }
        if (date.isBefore(era.start())) {
            throw new ExpressionException(0, "expr.wareki.era-not-begun", text, era.name(), era.start().toString());
        }
        if (index + 1 < ERAS.size() && !date.isBefore(ERAS.get(index + 1).start())) {
            String lastDay = ERAS.get(index + 1).start().minusDays(1).toString();
            throw new ExpressionException(0, "expr.wareki.era-ended", text, era.name(), lastDay);
        }
        return date;
    }

    /** Whether the text starts like a Japanese-era date (an era name, or its letter and a year). */
    static boolean looksLike(String text) {
        return LOOKS_LIKE.matcher(Kana.hankaku(text).strip()).matches();
    }

    private static int eraIndex(String nameOrLetter) {
        for (int i = 0; i < ERAS.size(); i++) {
            Era era = ERAS.get(i);
            if (era.name().equals(nameOrLetter) || era.letter().equalsIgnoreCase(nameOrLetter)) {
                return i;
            }
        }
        throw new IllegalStateException("the pattern admits only known eras: " + nameOrLetter);
    }

    private static String nameOf(JapaneseEra japanese) {
        // an era newer than this table (declared to the JDK by a system property) keeps the JDK's name
        return ERAS.stream().filter(e -> e.japanese().equals(japanese)).map(Era::name).findFirst()
                .orElseGet(() -> japanese.getDisplayName(TextStyle.FULL, Locale.JAPANESE));
    }
}
