package org.karakuri.spi;

import java.util.List;
import java.util.Optional;

/**
 * The run ledger as a loop over rows sees it: what happened to each business key of a scenario
 * across runs, so a later run skips rows already done and holds back rows that were in progress
 * when a run died. Keys are given as written; the ledger compares them as a person means them
 * (full-width digits, dashes) and keeps a My Number or a masked column's key only as a keyed
 * hash. Reached through {@link StepContext#rowLedger()} by actions that declare
 * {@link Need#ROW_LEDGER}; opened on first use and closed when the run ends.
 */
public interface RowLedger {

    /** The form the ledger keeps {@code key} in from now on (what {@link #started} and {@link #finished} take). */
    String stored(String scenario, String key, boolean maskedColumn);

    /**
     * The row's latest outcome under any form this or an older version kept the key in; a row
     * found under an older form is moved to the current one.
     */
    Optional<RowOutcome> row(String scenario, String key, boolean maskedColumn);

    /** Records, just before its steps run, that this process is entering the row ({@code storedKey} from {@link #stored}). */
    void started(String scenario, String storedKey, String runId, int rowNumber);

    /** Records how the row ended: done, failed or invalid (with the masked reason). */
    void finished(String scenario, String storedKey, RowStatus status, String runId, int rowNumber, String message);

    /**
     * Turns the scenario's rows left in progress by a process that is gone into
     * {@link RowStatus#INTERRUPTED}; returns those rows.
     */
    List<RowOutcome> interruptDead(String scenario, String currentRunId);

    /** Whether the process that wrote an in-progress outcome is still running (so the row is not abandoned). */
    boolean ownerAlive(RowOutcome outcome);
}
