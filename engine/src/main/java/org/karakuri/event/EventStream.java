package org.karakuri.event;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.karakuri.i18n.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one stream of a run's events, numbered in order and handed to every sink. */
public final class EventStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final String runId;
    private final String scenario;
    private final Clock clock;
    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    private final AtomicLong seq = new AtomicLong();

    public EventStream(String runId, String scenario, Clock clock) {
        this.runId = runId;
        this.scenario = scenario;
        this.clock = clock;
    }

    public EventStream add(EventSink sink) {
        sinks.add(sink);
        return this;
    }

    public synchronized RunEvent emit(String type, String step, Position position, Map<String, Object> data) {
        RunEvent e = new RunEvent(seq.incrementAndGet(), clock.instant(), runId, scenario, type, step, position, data);
        for (EventSink sink : sinks) {
            try {
                sink.accept(e);
            } catch (RuntimeException ex) {
                log.error("event sink {} failed on {} #{}", sink.getClass().getSimpleName(), type, e.seq(), ex);
            }
        }
        return e;
    }

    public long count() {
        return seq.get();
    }

    @Override
    public void close() {
        for (EventSink sink : sinks) {
            try {
                sink.close();
            } catch (Exception ex) {
                log.error("closing event sink {} failed", sink.getClass().getSimpleName(), ex);
            }
        }
    }
}
