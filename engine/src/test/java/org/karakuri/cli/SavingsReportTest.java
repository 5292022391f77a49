package org.karakuri.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.ledger.RunRecord;
import org.karakuri.ledger.RunStatus;
import org.karakuri.ledger.Savings;
import org.karakuri.testing.Counting;
import org.karakuri.testing.ScenarioHarness;

/** Time saved: manual-minutes × items processed, per scenario and month, on the terminal and as CSV for Excel. */
class SavingsReportTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @TempDir
    Path dir;

    static RunRecord run(String scenario, String started, RunStatus status, int processed, Integer manualMinutes) {
        RunRecord r = new RunRecord(scenario + started, scenario, scenario + ".yaml", null, "schedule", "scheduler@a", "a", Instant.parse(started),
            null, RunStatus.RUNNING, 0, 0, 0, 0, 0, manualMinutes, null, null, null, null);
        return status == RunStatus.RUNNING ? r : r.ended(r.started().plusSeconds(60), status, processed, 0, 0, 0, processed, null);
    }

    @Test
    void sumsMinutesTimesItemsPerScenarioAndMonthInTheLocalZone() {
        List<Savings.Line> lines = Savings.of(List.of(
            run("tennyu", "2026-10-31T16:00:00Z", RunStatus.SUCCEEDED, 10, 3),   // 2026-11-01 01:00 in Tokyo
            run("tennyu", "2026-11-20T01:00:00Z", RunStatus.FAILED, 4, 3),       // the rows it did finish count
            run("tennyu", "2026-11-21T01:00:00Z", RunStatus.SUCCEEDED, 2, 5),    // manual-minutes changed
            run("tennyu", "2026-11-22T01:00:00Z", RunStatus.RUNNING, 0, 5),
            run("tennyu", "2026-11-22T02:00:00Z", RunStatus.INVALID, 0, 5),
            run("nightly", "2026-11-03T13:00:00Z", RunStatus.SUCCEEDED, 1, null),
            run("tennyu", "2026-10-30T01:00:00Z", RunStatus.SUCCEEDED, 7, 3)), TOKYO);
        assertThat(lines).extracting(Savings.Line::month, Savings.Line::scenario, Savings.Line::runs, Savings.Line::items,
            Savings.Line::fewestMinutes, Savings.Line::mostMinutes, Savings.Line::minutesSaved).containsExactly(
            tuple(YearMonth.of(2026, 10), "tennyu", 1, 7, 3, 3, 21L),
            tuple(YearMonth.of(2026, 11), "nightly", 1, 1, null, null, 0L),
            tuple(YearMonth.of(2026, 11), "tennyu", 3, 16, 3, 5, 52L));
    }

    @Test
    void countsOkItemsOfLoopsAndOneForASucceededRunWithoutALoop() throws Exception {
        ScenarioHarness h = new ScenarioHarness(dir).withActions(new Counting());
        h.clock(Clock.fixed(Instant.parse("2026-11-10T03:00:00Z"), ZoneId.systemDefault()));
        h.write("loop.yaml", """
            scenario: loop
            manual-minutes: 3
            steps:
              - count:
                  to: 4
                  skip: 2
                  steps:
                    - if: ${n} == 4
                      then:
                        - fail: 四件目は失敗
            """).run();
        h.write("single.yaml", "scenario: single\nmanual-minutes: 10\nsteps:\n  - log: 一件\n").run();
        h.write("single.yaml", "scenario: single\nmanual-minutes: 10\nsteps:\n  - fail: 失敗した実行は数えない\n").run();
        h.clock(Clock.fixed(Instant.parse("2026-12-10T03:00:00Z"), ZoneId.systemDefault()));
        h.write("single.yaml", "scenario: single\nmanual-minutes: 10\nsteps:\n  - log: 十二月\n").run();

        Output o = karakuri(h.home(), "report", "savings", "--month", "2026-11", "--csv", dir.resolve("out/savings.csv").toString());

        assertThat(o.exit()).isZero();
        assertThat(o.lines()).containsExactly(
            "month    scenario  runs  items processed  manual min/item  minutes saved  hours saved",
            "2026-11  loop         1                2                3              6          0.1",
            "2026-11  single       2                1               10             10          0.2",
            "total                 3                3                              16          0.3",
            "written: " + dir.resolve("out/savings.csv"));
        byte[] csv = Files.readAllBytes(dir.resolve("out/savings.csv"));
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8)).isEqualTo(
            "month,scenario,runs,items processed,manual min/item,minutes saved,hours saved\r\n"
                + "2026-11,loop,1,2,3,6,0.1\r\n"
                + "2026-11,single,2,1,10,10,0.2\r\n");
        assertThat(karakuri(h.home(), "report", "savings").lines()).hasSize(5).anyMatch(l -> l.startsWith("2026-12  single"));
        assertThat(karakuri(h.home(), "--lang", "ja", "report", "savings", "--month", "2026-12", "--csv", dir.resolve("out/ja.csv").toString())
            .lines().get(0)).startsWith("月       シナリオ  実行回数  処理件数");
        assertThat(Files.readString(dir.resolve("out/ja.csv"), StandardCharsets.UTF_8)).as("the CSV's headers in the engine's language too")
            .isEqualTo("\uFEFF月,シナリオ,実行回数,処理件数,手作業 分/件,削減 分,削減 時間\r\n2026-12,single,1,1,10,10,0.2\r\n");
    }

    @Test
    void refusesAMonthItCannotRead() {
        Output o = karakuri(dir.resolve("home"), "report", "savings", "--month", "2026/11");
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains("--month 2026/11: write a year and a month, like 2026-11");
        assertThat(karakuri(dir.resolve("home"), "report", "savings").out()).isEqualTo("no runs to count (all months)\n");
    }

    record Output(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Output karakuri(Path home, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = args.length > 0 && args[0].equals("--lang") ? args : java.util.stream.Stream.concat(
            java.util.stream.Stream.of("--lang", "en"), java.util.Arrays.stream(args)).toArray(String[]::new);
        int exit = Main.execute(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), home);
        return new Output(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
