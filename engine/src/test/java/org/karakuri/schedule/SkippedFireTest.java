package org.karakuri.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.context.RunResult;
import org.karakuri.ledger.RunRecord;
import org.karakuri.ledger.RunStatus;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.model.Scenario;
import org.karakuri.run.RunOptions;
import org.karakuri.spi.ActionRegistry;

/**
 * A fire of the schedule that meets a run of the scenario still going on (its lock held, here as
 * another node would hold it) is not run, and is not dropped silently either: it is a line in
 * the runs table, interrupted with the reason and the fire time.
 */
class SkippedFireTest {
    @TempDir
    Path home;

    @Test
    void aScheduledFireThatMeetsAnotherRunIsRecordedAsNotRunWithItsReason() throws Exception {
        Path file = home.resolve("nightly.yaml");
        Files.writeString(file, "scenario: nightly\ntrigger:\n  cron: \"0 0 22 * * ?\"\nsteps:\n  - log: start\n");
        Scenario scenario = new ScenarioLoader().load(file);
        List<Path> ran = new ArrayList<>();
        try (DataSources db = DataSources.open(Map.of(), home, 5)) {
            ScenarioLocks locks = new ScenarioLocks(db);
            RunQueue queue = new RunQueue(locks, db.runs(), (f, options) -> {
                ran.add(f);
                return new RunResult(RunResult.Status.SUCCEEDED, options.runId(), null, List.of(), null, null);
            }, RunOptions.defaults().withHome(home), 1, ActionRegistry.installed(),
                id -> Optional.of(new RunQueue.Runnable(scenario, file)), (entry, result) -> {});
            Instant at = Instant.parse("2026-11-30T13:00:00Z");

            try (ScenarioLocks.Held otherNode = locks.tryLock("nightly").orElseThrow()) {
                assertThat(queue.fire("nightly", "schedule", "scheduler@node-a", at)).isEqualTo(RunQueue.Outcome.ALREADY_RUNNING);
            }
            assertThat(ran).isEmpty();
            List<RunRecord> lines = db.runs().latest("nightly", 10);
            assertThat(lines).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(RunStatus.INTERRUPTED);
                assertThat(r.trigger()).isEqualTo("schedule");
                assertThat(r.startedBy()).isEqualTo("scheduler@node-a");
                assertThat(r.error()).isEqualTo("not run: another run of this scenario was still going on (on this or another node); "
                    + "the fire of 2026-11-30T13:00:00Z was skipped");
            });

            assertThat(queue.fire("nightly", "schedule", "scheduler@node-a", at.plusSeconds(86_400))).as("the next night, free")
                .isEqualTo(RunQueue.Outcome.RAN);
            assertThat(ran).containsExactly(file);
        }
    }
}
