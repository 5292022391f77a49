package org.karakuri.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** What a run did, counted as it goes: items done, failed, skipped; steps that failed but let the run go on. */
public final class Counts {
    public final AtomicInteger itemsOk = new AtomicInteger();
    public final AtomicInteger itemsFailed = new AtomicInteger();
    public final AtomicInteger itemsSkipped = new AtomicInteger();
    public final AtomicInteger stepsContinued = new AtomicInteger();

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items-ok", itemsOk.get());
        m.put("items-failed", itemsFailed.get());
        m.put("items-skipped", itemsSkipped.get());
        m.put("steps-continued", stepsContinued.get());
        return m;
    }
}
