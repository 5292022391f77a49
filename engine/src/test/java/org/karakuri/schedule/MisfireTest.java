package org.karakuri.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.karakuri.model.Cron;
import org.karakuri.model.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.spi.OperableTrigger;

/** What happens to a fire missed while the server was down: the Quartz misfire rules the trigger maps to. */
class MisfireTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private static OperableTrigger missedTwoNights(Trigger.Misfire misfire) {
        Trigger t = new Trigger(Cron.parse("0 0 22 ? * MON-FRI"), Trigger.BusinessCalendar.JP_BUSINESS_DAYS, misfire, TOKYO, null);
        OperableTrigger q = (OperableTrigger) TriggerBuilder.newTrigger().withSchedule(Schedules.cron(t))
            .startAt(Date.from(Instant.now().minusSeconds(7 * 86400))).build();
        q.computeFirstFireTime(Schedules.calendar(t, CalendarConfig.NONE));
        return q;
    }

    @Test
    void runOnceFiresOnceNowForMissedFires() {
        OperableTrigger q = missedTwoNights(Trigger.Misfire.RUN_ONCE);
        assertThat(q.getNextFireTime()).isBefore(new Date());
        Instant before = Instant.now();
        q.updateAfterMisfire(new JpBusinessDays(TOKYO));
        assertThat(q.getNextFireTime().toInstant()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
    }

    @Test
    void skipWaitsForTheNextScheduledTime() {
        OperableTrigger q = missedTwoNights(Trigger.Misfire.SKIP);
        q.updateAfterMisfire(new JpBusinessDays(TOKYO));
        ZonedDateTime next = q.getNextFireTime().toInstant().atZone(TOKYO);
        assertThat(next.toInstant()).isAfter(Instant.now());
        assertThat(next.getHour()).isEqualTo(22);
        assertThat(new JpBusinessDays(TOKYO).isOpen(next.toLocalDate())).isTrue();
    }
}
