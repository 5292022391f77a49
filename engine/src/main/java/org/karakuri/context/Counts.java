package org.karakuri.context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a run did, counted as it goes: items done, failed, invalid (their data failed a check),
 * skipped (done before); steps that failed but let the run go on; whether a loop ran at all.
 */
public final class Counts {
    public final AtomicInteger itemsOk = new AtomicInteger();
    public final AtomicInteger itemsFailed = new AtomicInteger();
    public final AtomicInteger itemsInvalid = new AtomicInteger();
    public final AtomicInteger itemsSkipped = new AtomicInteger();
    public final AtomicInteger stepsContinued = new AtomicInteger();
    public final AtomicBoolean looped = new AtomicBoolean();

    /**
     * The items the time-saved report counts: the {@code ok} items of the run's loops, or, for a
     * run without a loop, 1 when it succeeded (the run itself was the piece of work).
     */
    public int itemsProcessed(boolean succeeded) {
        return looped.get() ? itemsOk.get() : succeeded ? 1 : 0;
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items-ok", itemsOk.get());
        m.put("items-failed", itemsFailed.get());
        m.put("items-invalid", itemsInvalid.get());
        m.put("items-skipped", itemsSkipped.get());
        m.put("steps-continued", stepsContinued.get());
        return m;
    }
}
