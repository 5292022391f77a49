package org.karakuri.schedule;

import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.karakuri.i18n.Messages;
import org.karakuri.ledger.RunLedger;
import org.karakuri.ledger.RunRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs whose node died while they ran. A run that {@code serve} starts holds its scenario's lock
 * ({@link ScenarioLocks}, in a database connection of its own process) from before its line is
 * written {@code running} until after its end is written. So a {@code running} line of a served
 * run whose scenario lock is free has no process behind it any more: its node was killed, lost
 * its power or its database connection. Such a line becomes {@code interrupted}, on any node of
 * the cluster; the run is never started again (its Quartz job does not request recovery).
 * Runs of {@code karakuri run} hold no lock and are left to {@link RunLedger}'s own check.
 */
public final class OrphanedRuns {
    private static final Logger log = LoggerFactory.getLogger(OrphanedRuns.class);

    private final ScenarioLocks locks;
    private final RunLedger runs;
    private final Clock clock;

    public OrphanedRuns(ScenarioLocks locks, RunLedger runs, Clock clock) {
        this.locks = locks;
        this.runs = runs;
        this.clock = clock;
    }

    /**
     * Marks the served runs of {@code scenarioId} still {@code running} as interrupted; call it
     * with the scenario's lock held, when no run of it can be alive. Returns how many it marked.
     */
    public int settleHeld(String scenarioId) {
        int n = 0;
        for (RunRecord r : runs.running()) {
            if (r.scenario().equals(scenarioId) && isServed(r)) {
                String why = Messages.get().format("runs.node-gone", r.host());
                if (runs.interrupt(r.id(), why, clock.instant())) {
                    log.warn("run {} of {} was left running by {}, which stopped: marked interrupted", r.id(), scenarioId, r.host());
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Looks at every scenario with a served run still {@code running}: when its lock is free, no
     * run of it is alive anywhere, and its running lines are marked interrupted. Returns how many.
     */
    public int sweep() {
        Set<String> scenarios = new LinkedHashSet<>();
        for (RunRecord r : runs.running()) {
            if (isServed(r)) {
                scenarios.add(r.scenario());
            }
        }
        int n = 0;
        for (String id : scenarios) {
            Optional<ScenarioLocks.Held> lock;
            try {
                lock = locks.tryLock(id);
            } catch (SQLException e) {
                log.warn("cannot check the runs of {}: {}", id, e.getMessage());
                continue;
            }
            if (lock.isPresent()) {
                try (ScenarioLocks.Held held = lock.get()) {
                    n += settleHeld(id);
                }
            }
        }
        return n;
    }

    private static boolean isServed(RunRecord r) {
        return !"cli".equals(r.trigger());
    }
}
