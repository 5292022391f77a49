package org.karakuri.spi;

import java.util.Arrays;

/** What happened to a row of a {@code for-each-row} with {@code key:}, as the ledger keeps it. */
public enum RowStatus {
    /** Its steps started and have not ended yet (or the process died while they ran). */
    IN_PROGRESS("in-progress"),
    /** Its steps all succeeded: later runs skip it. */
    DONE("done"),
    /** A step failed: a later run enters it again. */
    FAILED("failed"),
    /** A check rejected it before entry: a later run checks it again. */
    INVALID("invalid"),
    /** It was in progress when its run died: held for review unless the scenario says {@code resume: retry}. */
    INTERRUPTED("interrupted");

    private final String text;

    RowStatus(String text) {
        this.text = text;
    }

    /** The value stored in the ledger: {@code in-progress}, {@code done}… */
    public String text() {
        return text;
    }

    public static RowStatus of(String text) {
        return Arrays.stream(values()).filter(s -> s.text.equals(text)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown row status " + text));
    }

    @Override
    public String toString() {
        return text;
    }
}
