package org.karakuri.compile;

import org.apache.camel.Exchange;

/**
 * A typed value a run keeps on its Camel exchange: {@code Slot.RUN.get(ex)} instead of a
 * string-keyed property and a cast. A slot {@link #at(String) at} a step id holds that step's
 * own state (a loop's items, a block's open frame).
 */
record Slot<T>(String name, Class<T> type) {

    T get(Exchange ex) {
        return ex.getProperty(name, type);
    }

    T get(Exchange ex, T otherwise) {
        T v = get(ex);
        return v != null ? v : otherwise;
    }

    void set(Exchange ex, T value) {
        ex.setProperty(name, value);
    }

    void clear(Exchange ex) {
        ex.removeProperty(name);
    }

    /** The same slot, one per step: {@code karakuri.loop:tennyu@tennyu.yaml:14:7}. */
    Slot<T> at(String stepId) {
        return new Slot<>(name + ":" + stepId, type);
    }
}
