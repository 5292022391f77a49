package org.karakuri.ledger;

import java.util.Arrays;

/** How a run stands in the runs table. */
public enum RunStatus {
    /** Fixed by the server when the run was asked for, waiting for Quartz, a browser slot or the scenario's lock. */
    QUEUED("queued"),
    /** Started and not ended yet (or its process died: then it is shown, and kept, as interrupted). */
    RUNNING("running"),
    /** Every step succeeded and no item failed. */
    SUCCEEDED("succeeded"),
    /** A step failed, or an item of a loop. */
    FAILED("failed"),
    /** Stopped by a server shutdown, or its process died while it ran (or it was queued and never ran). */
    INTERRUPTED("interrupted"),
    /** Stopped by an operator (the API or the console). */
    STOPPED("stopped"),
    /** The scenario file (or a {@code --set}) was invalid: nothing ran. */
    INVALID("invalid");

    private final String text;

    RunStatus(String text) {
        this.text = text;
    }

    /** The value stored in the table: {@code running}, {@code succeeded}… */
    public String text() {
        return text;
    }

    public static RunStatus of(String text) {
        return Arrays.stream(values()).filter(s -> s.text.equals(text)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown run status " + text));
    }

    @Override
    public String toString() {
        return text;
    }
}
