package org.karakuri.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.audit.RunChain;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.ledger.RunRecord;
import org.karakuri.context.RunResult;
import org.karakuri.testing.Counting;
import org.karakuri.testing.ScenarioHarness;

/** {@code runs}, {@code runs show} and {@code runs prune}, on runs the engine really made. */
class RunsCommandTest {
    @TempDir
    Path dir;
    ScenarioHarness h;

    record Output(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @BeforeEach
    void harness() {
        h = new ScenarioHarness(dir).withActions(new Counting());
    }

    Output karakuri(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--lang", "en"));
        all.addAll(List.of(args));
        int exit = Main.execute(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), h.home());
        return new Output(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    RunResult run(String name, String yaml) {
        return h.write(name, yaml).run();
    }

    @Test
    void everyMessageOfTheRunsCommandsIsInEnglishAndJapanese() throws Exception {
        java.util.Properties en = new java.util.Properties();
        java.util.Properties ja = new java.util.Properties();
        try (var a = getClass().getResourceAsStream("/META-INF/karakuri/messages.properties");
             var b = getClass().getResourceAsStream("/META-INF/karakuri/messages_ja.properties")) {
            en.load(new java.io.InputStreamReader(a, StandardCharsets.UTF_8));
            ja.load(new java.io.InputStreamReader(b, StandardCharsets.UTF_8));
        }
        List<String> keys = en.stringPropertyNames().stream().filter(k -> k.startsWith("runs.") || k.startsWith("savings.")).sorted().toList();
        assertThat(keys).hasSizeGreaterThan(40);
        assertThat(ja.stringPropertyNames().stream().filter(k -> k.startsWith("runs.") || k.startsWith("savings.")).sorted().toList())
            .isEqualTo(keys);
        for (String k : keys) {
            assertThat(ja.getProperty(k)).as(k).isNotEqualTo(en.getProperty(k)).containsPattern("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]");
        }
    }

    @Test
    void saysThereAreNoRunsAndCreatesNothingBeforeTheFirstRun() {
        Output o = karakuri("runs");
        assertThat(o.exit()).isZero();
        assertThat(o.out()).isEqualTo("no runs yet\n");
        assertThat(h.home()).doesNotExist();
    }

    @Test
    void listsRunsLatestFirstWithStatusDurationItemsAndWhoStartedThem() {
        RunResult first = run("a.yaml", "scenario: a\nsteps:\n  - count: {to: 3, skip: 2, steps: [{log: '${n}'}]}\n");
        RunResult second = run("b.yaml", "scenario: b\nsteps:\n  - fail: 止めます\n");
        RunResult third = run("a.yaml", "scenario: a\nsteps:\n  - log: again\n");

        Output o = karakuri("runs");
        assertThat(o.exit()).isZero();
        assertThat(o.lines().get(0)).startsWith("run").contains("scenario", "status", "started", "duration", "items ok/failed/invalid/skipped", "by (how)");
        assertThat(o.lines().subList(1, 4)).satisfiesExactly(
            l -> assertThat(l).startsWith(third.runId()).contains(" a ", "succeeded", "0/0/0/0", System.getProperty("user.name") + " (cli)"),
            l -> assertThat(l).startsWith(second.runId()).contains(" b ", "FAILED"),
            l -> assertThat(l).startsWith(first.runId()).contains("succeeded", "2/0/0/1"));
        assertThat(karakuri("runs", "--scenario", "a").lines()).hasSize(3).noneMatch(l -> l.startsWith(second.runId()));
        assertThat(karakuri("runs", "--limit", "1").lines()).hasSize(2).last().asString().startsWith(third.runId());
    }

    @Test
    void showsOneRunWithItsReportAndWhetherItsTrailVerifies() throws Exception {
        RunResult r = run("s.yaml", "scenario: s\nmanual-minutes: 5\nsteps:\n  - count: {to: 3, steps: [{log: '${n}'}]}\n");
        Output o = karakuri("runs", "show", r.runId());
        assertThat(o.exit()).isZero();
        assertThat(o.out()).contains("status       succeeded", "items        3 done, 0 failed, 0 invalid, 0 skipped",
            "time saved   15 min (5 min × 3 items)", "report       " + r.folder().resolve("report.html"),
            "audit trail  intact and sealed (", "linked in the run chain", "SHA-256 ");

        Path trail = r.folder().resolve("audit.jsonl");
        Files.writeString(trail, Files.readString(trail).replace("\"log\"", "\"LOG\""));
        assertThat(karakuri("runs", "show", r.runId()).out()).contains("audit trail  NOT intact: " + trail + ":");
    }

    @Test
    void namesARunItDoesNotKnow() {
        run("s.yaml", "scenario: s\nsteps:\n  - log: x\n");
        Output o = karakuri("runs", "show", "20200101-000000-s-0000");
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains("no run 20200101-000000-s-0000; see ./karakuri runs");
    }

    @Test
    void prunesRunsOlderThanTheAgeGivenAndTheChainStillVerifies() throws Exception {
        h.clock(Clock.offset(Clock.systemDefaultZone(), Duration.ofDays(-500)));
        RunResult old = run("s.yaml", "scenario: s\nsteps:\n  - log: old\n");
        RunResult oldFailed = run("t.yaml", "scenario: t\nsteps:\n  - fail: old\n");
        h.clock(Clock.offset(Clock.systemDefaultZone(), Duration.ofDays(-450)));
        RunResult orphan = run("s.yaml", "scenario: s\nsteps:\n  - log: not in the table\n");
        try (Ledger ledger = Ledger.open(LedgerSettings.h2(h.home()))) {
            ledger.runs().delete(List.of(orphan.runId())); // a folder the table does not know, as from before the table
        }
        h.clock(Clock.systemDefaultZone());
        RunResult recent = run("s.yaml", "scenario: s\nsteps:\n  - log: recent\n");

        Output o = karakuri("runs", "prune", "--older-than", "400d");

        assertThat(o.exit()).isZero();
        assertThat(o.lines()).hasSize(4);
        assertThat(o.lines().subList(0, 3)).anySatisfy(l -> assertThat(l).startsWith("removed " + old.runId() + "  s  ").endsWith("succeeded"))
            .anySatisfy(l -> assertThat(l).startsWith("removed " + oldFailed.runId() + "  t  ").endsWith("FAILED"))
            .anySatisfy(l -> assertThat(l).startsWith("removed " + orphan.runId() + "  -  ").endsWith("not in the runs table"));
        assertThat(o.lines().get(3)).startsWith("removed 3 run(s), ").endsWith("the pruning is recorded in " + RunChain.file(h.home()));
        assertThat(old.folder()).doesNotExist();
        assertThat(oldFailed.folder()).doesNotExist();
        assertThat(orphan.folder()).doesNotExist();
        assertThat(recent.folder()).exists();
        try (Ledger ledger = Ledger.open(LedgerSettings.h2(h.home()))) {
            assertThat(ledger.runs().latest(null, 10)).extracting(RunRecord::id).containsExactly(recent.runId());
        }
        assertThat(karakuri("audit", "verify", "--all").exit()).as("audit verify --all").isZero();
        assertThat(Files.readString(RunChain.file(h.home()))).contains("\"type\":\"pruned\"", "older than 400d");

        Output again = karakuri("runs", "prune", "--older-than", "400d");
        assertThat(again.out()).startsWith("no run started before ").endsWith("nothing removed\n");
    }

    @Test
    void refusesAnAgeItCannotReadAndRemovesNothing() {
        RunResult r = run("s.yaml", "scenario: s\nsteps:\n  - log: x\n");
        for (String age : List.of("400", "13m", "0d", "one year", "-5d")) {
            Output o = karakuri("runs", "prune", "--older-than", age);
            assertThat(o.exit()).as(age).isEqualTo(2);
            assertThat(o.err()).as(age).contains("--older-than " + age + ": write days or hours, like 400d or 36h");
        }
        assertThat(r.folder()).exists();
        assertThat(RunChain.verifyAll(h.home(), h.env())).isEmpty();
    }
}
