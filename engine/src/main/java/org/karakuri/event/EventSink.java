package org.karakuri.event;

/** Receives a run's events in order. Called on the thread that emitted the event. */
public interface EventSink extends AutoCloseable {
    void accept(RunEvent event);

    @Override
    default void close() {}
}
