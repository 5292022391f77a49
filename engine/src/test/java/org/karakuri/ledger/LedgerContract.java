package org.karakuri.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
