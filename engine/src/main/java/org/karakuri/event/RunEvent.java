package org.karakuri.event;

import java.time.Instant;
import java.util.Map;
import org.karakuri.i18n.Position;

/**
 * Something that happened in a run: a step started or ended, a row was done, a file moved.
 * All events of a run form one ordered stream that the trail, the terminal and the report read.
 *
 * @param seq      1-based order within the run
 * @param type     {@code run-started}, {@code step-started}, {@code step-ended}, {@code item-ended}, …
 * @param step     the step's id ({@code scenario@file:line:col}), or null for run-level events
 * @param position the YAML place of the step, or null
 * @param data     event details; values are already masked
 */
public record RunEvent(long seq, Instant time, String runId, String scenario, String type, String step,
                       Position position, Map<String, Object> data) {
    public RunEvent {
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }

    public Object get(String key) {
        return data.get(key);
    }
}
