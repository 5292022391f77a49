package org.karakuri.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JpBusinessDaysTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private final JpBusinessDays calendar = new JpBusinessDays(TOKYO);

    private List<LocalDate> openDays(LocalDate from, LocalDate to) {
        List<LocalDate> open = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (calendar.isOpen(d)) {
                open.add(d);
            }
        }
        return open;
    }

    @Test
    void closesTheYearEndAndNewYearHolidaysFromDecember29ToJanuary3() {
        assertThat(openDays(LocalDate.of(2026, 12, 24), LocalDate.of(2027, 1, 6))).containsExactly(
            LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 28),
            LocalDate.of(2027, 1, 4), LocalDate.of(2027, 1, 5), LocalDate.of(2027, 1, 6));
    }

    @Test
    void opensOnlyTheWeekdaysOfGoldenWeekThatAreNoHolidays() {
        assertThat(openDays(LocalDate.of(2026, 4, 27), LocalDate.of(2026, 5, 8))).containsExactly(
            LocalDate.of(2026, 4, 27), LocalDate.of(2026, 4, 28), LocalDate.of(2026, 4, 30), LocalDate.of(2026, 5, 1),
            LocalDate.of(2026, 5, 7), LocalDate.of(2026, 5, 8));
    }

    @Test
    void closesTheWholeSilverWeekOf2026() {
        assertThat(openDays(LocalDate.of(2026, 9, 18), LocalDate.of(2026, 9, 25))).containsExactly(
            LocalDate.of(2026, 9, 18), LocalDate.of(2026, 9, 24), LocalDate.of(2026, 9, 25));
    }

    @Test
    void countsTheBusinessDaysOf2026() {
        // 365 days - 104 weekend days - 17 holidays on weekdays (all but Sunday 5/3) - 1/2, 12/29, 12/30, 12/31
        assertThat(openDays(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31))).hasSize(365 - 104 - 17 - 4);
    }

    @Test
    void letsExtraDatesCloseAnOpenDayAndOpenAClosedOne() {
        JpBusinessDays site = new JpBusinessDays(TOKYO, Set.of(LocalDate.of(2026, 5, 7)), Set.of(LocalDate.of(2026, 7, 12)));
        assertThat(site.isOpen(LocalDate.of(2026, 5, 7))).isFalse();
        assertThat(site.isOpen(LocalDate.of(2026, 7, 12))).as("an election Sunday").isTrue();
        assertThat(site.isOpen(LocalDate.of(2026, 5, 8))).isTrue();
    }

    @Test
    void decidesTheDayInItsOwnTimeZone() {
        // 2026-09-22 15:30 UTC is already 9/23 (秋分の日) in Tokyo; 2026-09-23 15:00 UTC is 9/24 00:00 there
        assertThat(calendar.isTimeIncluded(ZonedDateTime.of(2026, 9, 22, 15, 30, 0, 0, ZoneId.of("UTC")).toInstant().toEpochMilli())).isFalse();
        assertThat(calendar.isTimeIncluded(ZonedDateTime.of(2026, 9, 23, 15, 0, 0, 0, ZoneId.of("UTC")).toInstant().toEpochMilli())).isTrue();
    }

    @Test
    void findsTheNextOpenMomentAfterAClosure() {
        long saturdayNoon = ZonedDateTime.of(2026, 12, 26, 12, 0, 0, 0, TOKYO).toInstant().toEpochMilli();
        long next = calendar.getNextIncludedTime(saturdayNoon);
        assertThat(next).isEqualTo(ZonedDateTime.of(2026, 12, 28, 0, 0, 0, 0, TOKYO).toInstant().toEpochMilli());
        long afterClosure = calendar.getNextIncludedTime(ZonedDateTime.of(2026, 12, 29, 9, 0, 0, 0, TOKYO).toInstant().toEpochMilli());
        assertThat(afterClosure).isEqualTo(ZonedDateTime.of(2027, 1, 4, 0, 0, 0, 0, TOKYO).toInstant().toEpochMilli());
    }

    @Test
    void survivesSerializationForTheJdbcJobStore() throws Exception {
        JpBusinessDays site = new JpBusinessDays(TOKYO, Set.of(LocalDate.of(2026, 5, 7)), Set.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(site);
        }
        JpBusinessDays back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (JpBusinessDays) in.readObject();
        }
        assertThat(back.isOpen(LocalDate.of(2026, 5, 7))).isFalse();
        assertThat(back.zone()).isEqualTo(TOKYO);
    }
}
