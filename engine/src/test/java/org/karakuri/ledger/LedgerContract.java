package org.karakuri.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.karakuri.spi.RowOutcome;
import org.karakuri.spi.RowStatus;

/** What the ledger does, on whichever database a subclass gives it. */
abstract class LedgerContract {
    Ledger ledger;

    abstract LedgerSettings settings();

    @BeforeEach
    void open() {
        ledger = Ledger.open(settings());
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void keepsOneLineForEachScenarioAndKeyWithItsLatestOutcome() {
        ledger.started("tennyu", "R-1", "run-1", 2);
        assertThat(ledger.row("tennyu", "R-1")).get().satisfies(o -> {
            assertThat(o.status()).isEqualTo(RowStatus.IN_PROGRESS);
            assertThat(o.owner()).isEqualTo(ProcessOwner.current().toString());
        });
        ledger.finished("tennyu", "R-1", RowStatus.DONE, "run-1", 2, null);
        ledger.started("tennyu", "R-2", "run-1", 3);
        ledger.finished("tennyu", "R-2", RowStatus.FAILED, "run-1", 3, "登録しました が表示されません");

        assertThat(ledger.rows("tennyu")).extracting(RowOutcome::key, RowOutcome::status, RowOutcome::rowNumber, RowOutcome::message)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("R-1", RowStatus.DONE, 2, null),
                org.assertj.core.groups.Tuple.tuple("R-2", RowStatus.FAILED, 3, "登録しました が表示されません"));
        assertThat(ledger.row("tennyu", "R-1")).get().satisfies(o -> {
            assertThat(o.runId()).isEqualTo("run-1");
            assertThat(o.owner()).isNull();
            assertThat(o.at()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
        });
        assertThat(ledger.row("tenshutsu", "R-1")).isEmpty();
    }

    @Test
    void aLaterRunReplacesTheOutcome() {
        ledger.finished("s", "K", RowStatus.INVALID, "run-1", 5, "郵便番号: 123-4567 の形で書いてください");
        ledger.started("s", "K", "run-2", 6);
        ledger.finished("s", "K", RowStatus.DONE, "run-2", 6, null);
        assertThat(ledger.rows("s")).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(RowStatus.DONE);
            assertThat(o.runId()).isEqualTo("run-2");
            assertThat(o.rowNumber()).isEqualTo(6);
            assertThat(o.message()).isNull();
        });
    }

    @Test
    void interruptsRowsLeftInProgressByAProcessThatIsGone() throws Exception {
        ledger.started("s", "dead", "run-1", 4, goneProcess());
        ledger.started("s", "alive", "run-2", 5);
        ledger.started("s", "mine", "run-3", 6);
        ledger.finished("s", "done", RowStatus.DONE, "run-1", 3, null);

        List<RowOutcome> interrupted = ledger.interruptDead("s", "run-3");

        assertThat(interrupted).extracting(RowOutcome::key, RowOutcome::runId, RowOutcome::rowNumber)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("dead", "run-1", 4));
        assertThat(ledger.row("s", "dead")).get().extracting(RowOutcome::status).isEqualTo(RowStatus.INTERRUPTED);
        assertThat(ledger.row("s", "alive")).get().extracting(RowOutcome::status).isEqualTo(RowStatus.IN_PROGRESS);
        assertThat(ledger.row("s", "mine")).get().extracting(RowOutcome::status).isEqualTo(RowStatus.IN_PROGRESS);
        assertThat(ledger.row("s", "done")).get().extracting(RowOutcome::status).isEqualTo(RowStatus.DONE);
        assertThat(ledger.interruptDead("s", "run-3")).isEmpty();
    }

    @Test
    void aRowOfAnotherHostCountsAsGone() {
        ledger.started("s", "K", "run-1", 2, new ProcessOwner("other-host", ProcessHandle.current().pid(), 1L));
        assertThat(ledger.interruptDead("s", "run-2")).extracting(RowOutcome::key).containsExactly("K");
    }

    @Test
    void reopeningFindsTheRowsAndMigratesNothingTwice() {
        ledger.finished("s", "K", RowStatus.DONE, "run-1", 2, null);
        try (Ledger again = Ledger.open(settings())) {
            assertThat(again.row("s", "K")).get().extracting(RowOutcome::status).isEqualTo(RowStatus.DONE);
        }
    }

    @Test
    void keepsJapaneseKeysAndLongMessages() {
        String message = "理由".repeat(3000);
        ledger.finished("転入", "受付-①-髙", RowStatus.INVALID, "run-1", 2, message);
        assertThat(ledger.row("転入", "受付-①-髙")).get().satisfies(o -> {
            assertThat(o.message()).hasSize(4000).endsWith("…");
        });
    }

    static RunRecord running(String id, String scenario, Instant started, ProcessOwner owner) {
        return new RunRecord(id, scenario, "/scenarios/" + scenario + ".yaml", "ab".repeat(32), "cli", "yamada", "host-1", started, null,
            RunStatus.RUNNING, 0, 0, 0, 0, 0, 3, null, null, "/home/runs/" + id, owner.toString());
    }

    @Test
    void recordsARunWhenItStartsAndAgainWhenItEnds() {
        Instant t0 = Instant.parse("2026-11-02T01:00:00Z");
        RunRecord start = running("r1", "tennyu", t0, ProcessOwner.current());
        ledger.runs().started(start);
        assertThat(ledger.runs().get("r1")).contains(start);

        ledger.runs().ended(start.ended(t0.plusSeconds(90), RunStatus.FAILED, 40, 1, 2, 3, 40, "row 7: 登録しました が表示されません"));

        assertThat(ledger.runs().get("r1")).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.FAILED);
            assertThat(r.ended()).isEqualTo(t0.plusSeconds(90));
            assertThat(r.duration(Instant.now())).hasSeconds(90);
            assertThat(List.of(r.itemsOk(), r.itemsFailed(), r.itemsInvalid(), r.itemsSkipped(), r.itemsProcessed())).containsExactly(40, 1, 2, 3, 40);
            assertThat(r.manualMinutes()).isEqualTo(3);
            assertThat(r.minutesSaved()).isEqualTo(120);
            assertThat(r.error()).isEqualTo("row 7: 登録しました が表示されません");
            assertThat(r.startedBy()).isEqualTo("yamada");
        });
    }

    @Test
    void writesTheWholeLineAtTheEndWhenTheStartWasNeverRecorded() {
        RunRecord start = running("r1", "s", Instant.parse("2026-11-02T01:00:00Z"), ProcessOwner.current());
        ledger.runs().ended(start.ended(start.started().plusSeconds(1), RunStatus.SUCCEEDED, 0, 0, 0, 0, 1, null));
        assertThat(ledger.runs().get("r1")).get().extracting(RunRecord::status, RunRecord::minutesSaved).containsExactly(RunStatus.SUCCEEDED, 3);
    }

    @Test
    void listsTheLatestRunsFirstOfAllScenariosOrOfOne() {
        Instant t0 = Instant.parse("2026-11-02T01:00:00Z");
        ledger.runs().started(running("a-1", "a", t0, ProcessOwner.current()));
        ledger.runs().started(running("b-1", "b", t0.plusSeconds(60), ProcessOwner.current()));
        ledger.runs().started(running("a-2", "a", t0.plusSeconds(120), ProcessOwner.current()));
        assertThat(ledger.runs().latest(null, 10)).extracting(RunRecord::id).containsExactly("a-2", "b-1", "a-1");
        assertThat(ledger.runs().latest(null, 2)).extracting(RunRecord::id).containsExactly("a-2", "b-1");
        assertThat(ledger.runs().latest("a", 10)).extracting(RunRecord::id).containsExactly("a-2", "a-1");
        assertThat(ledger.runs().startedBefore(t0.plusSeconds(60))).extracting(RunRecord::id).containsExactly("a-1");
        assertThat(ledger.runs().startedBetween(t0.plusSeconds(60), t0.plusSeconds(120))).extracting(RunRecord::id).containsExactly("b-1");
        assertThat(ledger.runs().startedBetween(null, null)).extracting(RunRecord::id).containsExactly("a-1", "b-1", "a-2");
        assertThat(ledger.runs().delete(List.of("a-1", "b-1", "nothing"))).isEqualTo(2);
        assertThat(ledger.runs().latest(null, 10)).extracting(RunRecord::id).containsExactly("a-2");
    }

    @Test
    void showsARunningRunWhoseProcessIsGoneAsInterruptedAndKeepsItSo() throws Exception {
        Instant t0 = Instant.parse("2026-11-02T01:00:00Z");
        ledger.runs().started(running("dead", "s", t0, goneProcess()));
        ledger.runs().started(running("alive", "s", t0.plusSeconds(1), ProcessOwner.current()));
        ledger.runs().started(running("elsewhere", "s", t0.plusSeconds(2), new ProcessOwner("other-host", 1, 1)));

        assertThat(ledger.runs().latest("s", 10)).extracting(RunRecord::id, RunRecord::status).containsExactly(
            org.assertj.core.groups.Tuple.tuple("elsewhere", RunStatus.RUNNING),
            org.assertj.core.groups.Tuple.tuple("alive", RunStatus.RUNNING),
            org.assertj.core.groups.Tuple.tuple("dead", RunStatus.INTERRUPTED));
        try (Ledger again = Ledger.open(settings())) {
            String stored = again.call(c -> {
                try (var s = c.prepareStatement("SELECT status, error FROM runs WHERE id = 'dead'"); var r = s.executeQuery()) {
                    r.next();
                    return r.getString(1) + ": " + r.getString(2);
                }
            });
            assertThat(stored).startsWith("interrupted: ").contains(ProcessOwner.current().host());
        }
    }

    @Test
    void interruptsARunOnlyWhileItIsRunning() {
        RunRecord start = running("r1", "s", Instant.parse("2026-11-02T01:00:00Z"), ProcessOwner.current());
        ledger.runs().started(start);
        assertThat(ledger.runs().interrupt("r1", "server shutdown", start.started().plusSeconds(5))).isTrue();
        assertThat(ledger.runs().get("r1")).get().extracting(RunRecord::status, RunRecord::error, RunRecord::ended)
            .containsExactly(RunStatus.INTERRUPTED, "server shutdown", start.started().plusSeconds(5));
        assertThat(ledger.runs().interrupt("r1", "again", Instant.now())).isFalse();
        assertThat(ledger.runs().interrupt("unknown", "x", Instant.now())).isFalse();
    }

    /** A process that ran on this host and has ended. */
    static ProcessOwner goneProcess() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("cat").start();
        ProcessHandle h = p.toHandle();
        long start = h.info().startInstant().orElseThrow().toEpochMilli();
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new ProcessOwner(ProcessOwner.current().host(), h.pid(), start);
    }
}
