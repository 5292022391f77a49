package org.karakuri.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.i18n.Messages;
import org.karakuri.ledger.RunRecord;
import org.karakuri.ledger.RunStatus;
import org.karakuri.testing.PostgresExtension;

/**
 * A node of a cluster killed while it ran a scenario leaves the run's line {@code running} in the
 * shared runs table; its scenario lock went with its connections, so any other node finds the
 * run orphaned and marks it interrupted, and leaves alone runs whose lock is still held and runs
 * of {@code karakuri run}.
 */
class OrphanedRunsTest {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    private static final Instant NOW = Instant.parse("2026-11-30T01:00:00Z");

    @TempDir
    Path home;

    DataSources db;
    ScenarioLocks locks;
    OrphanedRuns orphans;

    @BeforeEach
    void openTheClustersDatabase() {
        db = DataSources.open(postgres.newDatabase().env(), home, 5);
        locks = new ScenarioLocks(db);
        orphans = new OrphanedRuns(locks, db.runs(), Clock.fixed(NOW, ZoneOffset.UTC));
        Messages.setDefault(java.util.Locale.ENGLISH);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void marksTheRunOfAKilledNodeInterruptedAndNamesTheNode() {
        db.runs().started(running("r-1", "tick", "schedule", "engine-1"));

        assertThat(orphans.sweep()).isEqualTo(1);

        RunRecord r = db.runs().get("r-1").orElseThrow();
        assertThat(r.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(r.ended()).isEqualTo(NOW);
        assertThat(r.error()).contains("engine-1", "not started again");
        assertThat(orphans.sweep()).as("once").isZero();
    }

    @Test
    void leavesARunAloneWhileAnotherNodeHoldsItsScenario() throws Exception {
        db.runs().started(running("r-1", "tick", "api", "engine-2"));

        try (ScenarioLocks.Held alive = locks.tryLock("tick").orElseThrow()) {
            assertThat(orphans.sweep()).isZero();
            assertThat(db.runs().get("r-1").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        }
        assertThat(orphans.sweep()).as("after that node let go").isEqualTo(1);
    }

    @Test
    void leavesRunsOfTheCommandLineToTheirOwnCheck() {
        db.runs().started(running("r-1", "tick", "cli", "office-pc"));

        assertThat(orphans.sweep()).isZero();
        assertThat(db.runs().get("r-1").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void settlesOnlyTheScenarioWhoseLockIsHeld() {
        db.runs().started(running("r-1", "tick", "schedule", "engine-1"));
        db.runs().started(running("r-2", "tock", "schedule", "engine-1"));

        assertThat(orphans.settleHeld("tick")).isEqualTo(1);

        assertThat(db.runs().get("r-1").orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(db.runs().get("r-2").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void leavesAnEndedRunAsItEnded() {
        RunRecord r = running("r-1", "tick", "schedule", "engine-1");
        db.runs().started(r);
        db.runs().ended(r.ended(NOW.minusSeconds(5), RunStatus.SUCCEEDED, 1, 0, 0, 0, 1, null));

        assertThat(orphans.sweep()).isZero();
        assertThat(db.runs().get("r-1").orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    /** A run started on another host (a process this node cannot see). */
    private static RunRecord running(String id, String scenario, String trigger, String host) {
        return new RunRecord(id, scenario, "/srv/karakuri/scenarios/" + scenario + ".yaml", "ab".repeat(32), trigger, "scheduler@" + host, host,
            NOW.minusSeconds(30), null, RunStatus.RUNNING, 0, 0, 0, 0, 0, null, null, null, "/var/lib/karakuri/runs/" + id, host + "/1/1700000000000");
    }
}
