package org.karakuri.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.cli.Main;

class ScheduleNextCommandTest {
    @TempDir
    Path dir;

    private String out = "";
    private String err = "";

    private int karakuri(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        List<String> all = new java.util.ArrayList<>(List.of("--lang", "en"));
        all.addAll(List.of(args));
        int code = Main.execute(all.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private Path scenario(String trigger) throws IOException {
        Path f = dir.resolve("nightly.yaml");
        Files.writeString(f, "scenario: nightly\n" + trigger + "steps:\n  - log: hello\n");
        return f;
    }

    private static final String NIGHTLY = """
        trigger:
          cron: "0 0 22 ? * MON-FRI"
          calendar: jp-business-days
          time-zone: Asia/Tokyo
        """;

    @Test
    void aScenarioThatRunsWhenAFileArrivesPrintsNoTimesAndSaysSoOnStandardError() throws IOException {
        Path f = scenario("""
            trigger:
              file-arrives:
                folder: ./inbox
                pattern: "*.csv"
            """);
        assertThat(karakuri("schedule", "next", f.toString())).isZero();
        assertThat(out).isEmpty();
        assertThat(err).contains("nightly runs when a file arrives (*.csv in ./inbox), not at times");
    }

    @Test
    void skipsTheYearEndClosureAfterTheLastBusinessDay() throws IOException {
        Path f = scenario(NIGHTLY);
        assertThat(karakuri("schedule", "next", f.toString(), "--from", "2026-12-28T23:00", "--count", "3")).isZero();
        assertThat(out.lines()).containsExactly("2027-01-04T22:00:00+09:00", "2027-01-05T22:00:00+09:00", "2027-01-06T22:00:00+09:00");
    }

    @Test
    void includesTheSameEveningWhenFromIsBeforeTheFireTime() throws IOException {
        Path f = scenario(NIGHTLY);
        assertThat(karakuri("schedule", "next", f.toString(), "--from", "2026-12-28T21:00", "--count", "2")).isZero();
        assertThat(out.lines()).containsExactly("2026-12-28T22:00:00+09:00", "2027-01-04T22:00:00+09:00");
    }

    @Test
    void skipsSilverWeekAndGoldenWeek() throws IOException {
        Path f = scenario(NIGHTLY);
        assertThat(karakuri("schedule", "next", f.toString(), "--from", "2026-09-18T23:00", "--count", "2")).isZero();
        assertThat(out.lines()).containsExactly("2026-09-24T22:00:00+09:00", "2026-09-25T22:00:00+09:00");
        assertThat(karakuri("schedule", "next", f.toString(), "--from", "2026-05-01T23:00", "--count", "1")).isZero();
        assertThat(out.lines()).containsExactly("2026-05-07T22:00:00+09:00");
    }

    @Test
    void printsFiveTimesByDefault() throws IOException {
        Path f = scenario(NIGHTLY);
        assertThat(karakuri("schedule", "next", f.toString(), "--from", "2026-03-16")).isZero();
        // 3/20 is 春分の日, 3/21-22 a weekend
        assertThat(out.lines()).containsExactly("2026-03-16T22:00:00+09:00", "2026-03-17T22:00:00+09:00", "2026-03-18T22:00:00+09:00",
            "2026-03-19T22:00:00+09:00", "2026-03-23T22:00:00+09:00");
    }

    @Test
    void readsFromAndPrintsInTheTriggersTimeZoneAcrossDaylightSaving() throws IOException {
        Path f = scenario("""
            trigger:
              cron: "0 30 9 * * ?"
              time-zone: America/New_York
            """);
        assertThat(karakuri("schedule", "next", f.toString(), "--from", "2026-03-07T09:00", "--count", "3")).isZero();
        assertThat(out.lines()).containsExactly("2026-03-07T09:30:00-05:00", "2026-03-08T09:30:00-04:00", "2026-03-09T09:30:00-04:00");
    }

    @Test
    void skipsTheScenariosExtraClosedDatesAndRunsOnItsExtraOpenOnes() throws IOException {
        Path f = scenario("""
            trigger:
              cron: "0 0 9 * * ?"
              calendar: jp-business-days
              time-zone: Asia/Tokyo
              extra-closed: [2026-07-13]
              extra-open: [2026-07-12]
            """);
        assertThat(karakuri("schedule", "next", f.toString(), "--from", "2026-07-10T10:00", "--count", "2")).isZero();
        assertThat(out.lines()).containsExactly("2026-07-12T09:00:00+09:00", "2026-07-14T09:00:00+09:00");
    }

    @Test
    void reportsABadExtraDateWithItsPlace() throws IOException {
        Path f = scenario("""
            trigger:
              cron: "0 0 9 * * ?"
              calendar: jp-business-days
              extra-closed: [2026-13-01]
            """);
        assertThat(karakuri("schedule", "next", f.toString())).isEqualTo(2);
        assertThat(err).contains("nightly.yaml:5:18: trigger.extra-closed[0]: '2026-13-01' is not a date");
    }

    @Test
    void refusesAScenarioWithoutTrigger() throws IOException {
        Path f = scenario("");
        assertThat(karakuri("schedule", "next", f.toString())).isEqualTo(2);
        assertThat(out).isEmpty();
        assertThat(err).contains("has no trigger: it runs only on demand");
    }

    @Test
    void refusesAnUnreadableFrom() throws IOException {
        Path f = scenario(NIGHTLY);
        assertThat(karakuri("schedule", "next", f.toString(), "--from", "next tuesday")).isEqualTo(2);
        assertThat(err).contains("--from next tuesday: write a date and time like 2026-12-28T23:00");
    }

    @Test
    void mapsMisfireToQuartzInstructions() {
        var skip = new org.karakuri.model.Trigger(org.karakuri.model.Cron.parse("0 0 22 * * ?"), null,
            org.karakuri.model.Trigger.Misfire.SKIP, java.time.ZoneId.of("Asia/Tokyo"), null);
        var once = new org.karakuri.model.Trigger(org.karakuri.model.Cron.parse("0 0 22 * * ?"), null, null, null, null);
        assertThat(Schedules.cron(skip).build()).extracting(t -> t.getMisfireInstruction())
            .isEqualTo(org.quartz.CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
        assertThat(Schedules.cron(once).build()).extracting(t -> t.getMisfireInstruction())
            .isEqualTo(org.quartz.CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
    }
}
