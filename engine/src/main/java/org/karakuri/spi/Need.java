package org.karakuri.spi;

/** Something an action needs from the engine, declared by {@link Action#needs()}. */
public enum Need {
    /** A browser session: a run that may reach this action counts against the node's browser limit. */
    BROWSER,
    /** The row ledger, through {@link StepContext#rowLedger()}. */
    ROW_LEDGER
}
