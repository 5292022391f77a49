package org.karakuri.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import org.karakuri.model.Trigger;
import org.quartz.Calendar;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.impl.calendar.HolidayCalendar;

/**
 * A scenario's {@code trigger:} in Quartz terms: its cron schedule with time zone and misfire
 * instruction, its calendar, and the fire times they give. The one place both
 * {@code schedule next} and the server read a trigger, so both agree.
 */
public final class Schedules {
    private Schedules() {}

    /** The Quartz calendar of {@code trigger} (site config included), or null when every day is open. */
    public static Calendar calendar(Trigger trigger, CalendarConfig site) {
        Set<LocalDate> closed = new TreeSet<>();
        Set<LocalDate> open = new TreeSet<>();
        trigger.extraClosed().forEach(d -> closed.add(d.date()));
        trigger.extraOpen().forEach(d -> open.add(d.date()));
        if (trigger.calendar() == Trigger.BusinessCalendar.JP_BUSINESS_DAYS) {
            // the scenario's own dates win over the site's
            site.extraClosed().stream().filter(d -> !open.contains(d)).forEach(closed::add);
            site.extraOpen().stream().filter(d -> !closed.contains(d)).forEach(open::add);
            return new JpBusinessDays(trigger.timeZone(), closed, open);
        }
        if (closed.isEmpty()) {
            return null;
        }
        HolidayCalendar holidays = new HolidayCalendar(TimeZone.getTimeZone(trigger.timeZone()));
        for (LocalDate d : closed) {
            holidays.addExcludedDate(Date.from(d.atStartOfDay(trigger.timeZone()).toInstant()));
        }
        return holidays;
    }

    /** The cron schedule with the trigger's zone and misfire rule: run-once fires once now, skip waits for the next time. */
    public static CronScheduleBuilder cron(Trigger trigger) {
        CronScheduleBuilder b = CronScheduleBuilder.cronSchedule(trigger.cron().expression())
            .inTimeZone(TimeZone.getTimeZone(trigger.timeZone()));
        return trigger.misfire() == Trigger.Misfire.SKIP
            ? b.withMisfireHandlingInstructionDoNothing()
            : b.withMisfireHandlingInstructionFireAndProceed();
    }

    /**
     * The next {@code count} fire times at or after {@code from}, in the trigger's zone, skipping
     * the days the calendar closes. Fewer when the cron expression has no more times.
     */
    public static List<ZonedDateTime> next(Trigger trigger, CalendarConfig site, Instant from, int count) {
        Calendar calendar = calendar(trigger, site);
        CronTrigger t = org.quartz.TriggerBuilder.newTrigger().withSchedule(cron(trigger)).startAt(Date.from(from)).build();
        List<ZonedDateTime> out = new ArrayList<>();
        Date time = new Date(from.toEpochMilli() - 1);
        while (out.size() < count) {
            time = t.getFireTimeAfter(time);
            if (time == null) {
                break;
            }
            if (calendar != null && !calendar.isTimeIncluded(time.getTime())) {
                // jump to the next open day instead of walking every closed fire time
                long open = calendar.getNextIncludedTime(time.getTime());
                time = new Date(Math.max(time.getTime(), open) - 1);
                continue;
            }
            out.add(time.toInstant().atZone(trigger.timeZone()));
        }
        return out;
    }
}
