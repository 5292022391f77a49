package org.karakuri.demo;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a date the way the registration screen accepts it: {@code 1980/04/01},
 * {@code 1980-4-1}, or in the Japanese calendar, {@code 昭和55年4月1日} / {@code 令和元年5月1日}.
 * A wareki date outside its era (昭和64年1月8日, 平成31年5月1日) is not a date.
 */
final class BirthDates {

    private record Era(String name, LocalDate start) {
    }

    private static final List<Era> ERAS = List.of(
            new Era("明治", LocalDate.of(1868, 1, 25)),
            new Era("大正", LocalDate.of(1912, 7, 30)),
            new Era("昭和", LocalDate.of(1926, 12, 25)),
            new Era("平成", LocalDate.of(1989, 1, 8)),
            new Era("令和", LocalDate.of(2019, 5, 1)));

    private static final Pattern SEIREKI = Pattern.compile("(\\d{4})([/-])(\\d{1,2})\\2(\\d{1,2})");
    private static final Pattern WAREKI = Pattern.compile("(明治|大正|昭和|平成|令和)(元|\\d{1,2})年(\\d{1,2})月(\\d{1,2})日");

    private BirthDates() {
    }

    static Optional<LocalDate> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher seireki = SEIREKI.matcher(text);
        if (seireki.matches()) {
            return date(Integer.parseInt(seireki.group(1)),
                    Integer.parseInt(seireki.group(3)), Integer.parseInt(seireki.group(4)));
        }
        Matcher wareki = WAREKI.matcher(text);
        if (wareki.matches()) {
            return wareki(wareki.group(1), wareki.group(2),
                    Integer.parseInt(wareki.group(3)), Integer.parseInt(wareki.group(4)));
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> wareki(String eraName, String yearText, int month, int day) {
        int index = 0;
        while (!ERAS.get(index).name().equals(eraName)) {
            index++;
        }
        Era era = ERAS.get(index);
        int eraYear = yearText.equals("元") ? 1 : Integer.parseInt(yearText);
        if (eraYear < 1) {
            return Optional.empty();
        }
        Optional<LocalDate> date = date(era.start().getYear() + eraYear - 1, month, day);
        LocalDate nextEraStart = index + 1 < ERAS.size() ? ERAS.get(index + 1).start() : LocalDate.MAX;
        return date.filter(d -> !d.isBefore(era.start()) && d.isBefore(nextEraStart));
    }

    private static Optional<LocalDate> date(int year, int month, int day) {
        try {
            return Optional.of(LocalDate.of(year, month, day));
        } catch (DateTimeException notADate) {
            return Optional.empty();
        }
    }
}
