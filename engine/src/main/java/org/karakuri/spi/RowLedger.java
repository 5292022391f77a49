package org.karakuri.spi;

import java.util.List;
import java.util.Optional;

/**
 * The run ledger as a loop over rows sees it: what happened to each business key of a scenario
 * across runs, so a later run skips rows already done and holds back rows that were in progress
 * when a run died. Reached through {@link StepContext#rowLedger()} by actions that declare
 * {@link Need#ROW_LEDGER}; opened on first use and closed when the run ends.
 */
public interface RowLedger {

    /** The row's latest outcome, if the ledger has one. */
    Optional<RowOutcome> row(String scenario, String key);

    /** Records, just before its steps run, that this process is entering the row. */
    void started(String scenario, String key, String runId, int rowNumber);

    /** Records how the row ended: done, failed or invalid (with the masked reason). */
    void finished(String scenario, String key, RowStatus status, String runId, int rowNumber, String message);

    /**
     * Turns the scenario's rows left in progress by a process that is gone into
     * {@link RowStatus#INTERRUPTED}; returns those rows.
     */
    List<RowOutcome> interruptDead(String scenario, String currentRunId);

    /** Whether the process that wrote an in-progress outcome is still running (so the row is not abandoned). */
    boolean ownerAlive(RowOutcome outcome);
}
