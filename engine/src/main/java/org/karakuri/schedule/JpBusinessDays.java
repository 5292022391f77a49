package org.karakuri.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import org.quartz.impl.calendar.BaseCalendar;

/**
 * {@code calendar: jp-business-days}: the days a Japanese city hall is open. Closed are Saturdays,
 * Sundays, national holidays ({@link JapaneseHolidays}), the year-end and new-year closure
 * 12/29–1/3 and the {@code extra-closed} dates; {@code extra-open} dates are open whatever else
 * says. A Quartz calendar, so the JDBC job store keeps it (serialized) beside the triggers.
 */
public final class JpBusinessDays extends BaseCalendar {
    private static final long serialVersionUID = 1L;

    private final TreeSet<LocalDate> extraClosed;
    private final TreeSet<LocalDate> extraOpen;

    public JpBusinessDays(ZoneId zone, Collection<LocalDate> extraClosed, Collection<LocalDate> extraOpen) {
        super(TimeZone.getTimeZone(zone));
        this.extraClosed = new TreeSet<>(extraClosed);
        this.extraOpen = new TreeSet<>(extraOpen);
        setDescription("jp-business-days");
    }

    public JpBusinessDays(ZoneId zone) {
        this(zone, Set.of(), Set.of());
    }

    /** True on the days the office works. */
    public boolean isOpen(LocalDate day) {
        if (extraOpen.contains(day)) {
            return true;
        }
        if (extraClosed.contains(day)) {
            return false;
        }
        return !isWeekend(day) && !isYearEndClosure(day) && !JapaneseHolidays.isHoliday(day);
    }

    static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** 年末年始の閉庁: December 29 to January 3. */
    static boolean isYearEndClosure(LocalDate day) {
        return (day.getMonthValue() == 12 && day.getDayOfMonth() >= 29) || (day.getMonthValue() == 1 && day.getDayOfMonth() <= 3);
    }

    public ZoneId zone() {
        TimeZone tz = getTimeZone();
        return tz == null ? ZoneId.systemDefault() : tz.toZoneId();
    }

    private LocalDate day(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(zone()).toLocalDate();
    }

    @Override
    public boolean isTimeIncluded(long timeStamp) {
        return super.isTimeIncluded(timeStamp) && isOpen(day(timeStamp));
    }

    @Override
    public long getNextIncludedTime(long timeStamp) {
        long base = super.getNextIncludedTime(timeStamp);
        long t = base > 0 && base > timeStamp ? base : timeStamp;
        if (isTimeIncluded(t)) {
            return t;
        }
        LocalDate d = day(t).plusDays(1);
        // the next open day's midnight; bounded because at most a few weeks in a row are closed
        while (!isOpen(d)) {
            d = d.plusDays(1);
        }
        long midnight = d.atStartOfDay(zone()).toInstant().toEpochMilli();
        return isTimeIncluded(midnight) ? midnight : getNextIncludedTime(midnight);
    }

    @Override
    public String toString() {
        return "jp-business-days[zone=" + zone() + ", extra-closed=" + extraClosed + ", extra-open=" + extraOpen + "]";
    }
}
