package org.karakuri.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Japanese national holidays under 国民の祝日に関する法律, computed for 2000–2099: the fixed days,
 * the Happy-Monday days, 春分の日 and 秋分の日 by the usual approximation of the equinoxes (the
 * one the National Astronomical Observatory's announcements have matched, valid to 2099),
 * 振替休日, 国民の休日 (a day between two holidays) and the one-off changes of 2019 (the
 * accession), 2020 and 2021 (the Tokyo Olympics).
 *
 * <p>The law may change again; a city hall adds or removes days with {@code extra-closed} and
 * {@code extra-open} (see {@link JpBusinessDays}).
 */
public final class JapaneseHolidays {
    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2099;

    private static final Map<Integer, NavigableMap<LocalDate, String>> CACHE = new ConcurrentHashMap<>();

    private JapaneseHolidays() {}

    /** Every holiday of {@code year} with its name (振替休日 and 国民の休日 included), in date order. */
    public static NavigableMap<LocalDate, String> of(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("Japanese holidays are computed for " + FIRST_YEAR + "-" + LAST_YEAR + ", not " + year);
        }
        return CACHE.computeIfAbsent(year, y -> Collections.unmodifiableNavigableMap(compute(y)));
    }

    public static boolean isHoliday(LocalDate day) {
        return of(day.getYear()).containsKey(day);
    }

    /** The holiday's name, or null on an ordinary day. */
    public static String name(LocalDate day) {
        return of(day.getYear()).get(day);
    }

    private static NavigableMap<LocalDate, String> compute(int y) {
        TreeMap<LocalDate, String> h = new TreeMap<>();
        h.put(LocalDate.of(y, 1, 1), "元日");
        h.put(monday(y, Month.JANUARY, 2), "成人の日");
        h.put(LocalDate.of(y, 2, 11), "建国記念の日");
        if (y >= 2020) {
            h.put(LocalDate.of(y, 2, 23), "天皇誕生日");
        }
        h.put(LocalDate.of(y, 3, vernalEquinoxDay(y)), "春分の日");
        h.put(LocalDate.of(y, 4, 29), y >= 2007 ? "昭和の日" : "みどりの日");
        h.put(LocalDate.of(y, 5, 3), "憲法記念日");
        if (y >= 2007) {
            h.put(LocalDate.of(y, 5, 4), "みどりの日");
        }
        h.put(LocalDate.of(y, 5, 5), "こどもの日");
        if (y == 2019) {
            h.put(LocalDate.of(2019, 5, 1), "天皇の即位の日");
            h.put(LocalDate.of(2019, 10, 22), "即位礼正殿の儀の行われる日");
        }
        if (y == 2020) {
            h.put(LocalDate.of(2020, 7, 23), "海の日");
            h.put(LocalDate.of(2020, 7, 24), "スポーツの日");
            h.put(LocalDate.of(2020, 8, 10), "山の日");
        } else if (y == 2021) {
            h.put(LocalDate.of(2021, 7, 22), "海の日");
            h.put(LocalDate.of(2021, 7, 23), "スポーツの日");
            h.put(LocalDate.of(2021, 8, 8), "山の日");
        } else {
            h.put(y <= 2002 ? LocalDate.of(y, 7, 20) : monday(y, Month.JULY, 3), "海の日");
            if (y >= 2016) {
                h.put(LocalDate.of(y, 8, 11), "山の日");
            }
            h.put(monday(y, Month.OCTOBER, 2), y >= 2020 ? "スポーツの日" : "体育の日");
        }
        h.put(y <= 2002 ? LocalDate.of(y, 9, 15) : monday(y, Month.SEPTEMBER, 3), "敬老の日");
        h.put(LocalDate.of(y, 9, autumnalEquinoxDay(y)), "秋分の日");
        h.put(LocalDate.of(y, 11, 3), "文化の日");
        h.put(LocalDate.of(y, 11, 23), "勤労感謝の日");
        if (y <= 2018) {
            h.put(LocalDate.of(y, 12, 23), "天皇誕生日");
        }

        // 国民の休日: a day that is not a holiday, between two holidays (before 2007: and not a Sunday)
        TreeMap<LocalDate, String> sandwiched = new TreeMap<>();
        for (LocalDate d : h.keySet()) {
            LocalDate next = d.plusDays(1);
            LocalDate after = d.plusDays(2);
            if (h.containsKey(after) && !h.containsKey(next) && (y >= 2007 || next.getDayOfWeek() != DayOfWeek.SUNDAY)) {
                sandwiched.put(next, "国民の休日");
            }
        }

        // 振替休日: a holiday on a Sunday moves the rest to the next day that is not a holiday
        // (before 2007: to the Monday only)
        TreeMap<LocalDate, String> substitutes = new TreeMap<>();
        for (LocalDate d : h.keySet()) {
            if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                LocalDate s = d.plusDays(1);
                while (y >= 2007 && h.containsKey(s)) {
                    s = s.plusDays(1);
                }
                if (!h.containsKey(s)) {
                    substitutes.put(s, "振替休日");
                }
            }
        }
        if (y < 2007) {
            sandwiched.keySet().removeAll(substitutes.keySet());
        }
        h.putAll(sandwiched);
        substitutes.forEach(h::putIfAbsent);
        h.keySet().removeIf(d -> d.getYear() != y);
        return h;
    }

    /** 春分日 in March: the approximation valid for 1980–2099. */
    static int vernalEquinoxDay(int y) {
        return (int) Math.floor(20.8431 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4.0));
    }

    /** 秋分日 in September: the approximation valid for 1980–2099. */
    static int autumnalEquinoxDay(int y) {
        return (int) Math.floor(23.2488 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4.0));
    }

    private static LocalDate monday(int year, Month month, int nth) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(nth, DayOfWeek.MONDAY));
    }
}
