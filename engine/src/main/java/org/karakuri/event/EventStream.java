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
    private final ThreadLocal<Integer> browser = new ThreadLocal<>();

    public EventStream(String runId, String scenario, Clock clock) {
        this.runId = runId;
        this.scenario = scenario;
        this.clock = clock;
    }

    public EventStream add(EventSink sink) {
        sinks.add(sink);
        return this;
    }

    /** While open, what the calling thread does is one browser's of a loop over several browsers. */
    public interface Browser extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The events the calling thread emits until the handle is closed carry {@code "browser": n}:
     * the n-th browser of a loop over several browsers emitted them, so the report can tell whose
     * steps an item's are while several items run at once.
     */
    public Browser browser(int n) {
        browser.set(n);
        return browser::remove;
    }

    public synchronized RunEvent emit(String type, String step, Position position, Map<String, Object> data) {
        Integer n = browser.get();
        if (n != null && !data.containsKey("browser")) {
            Map<String, Object> tagged = new java.util.LinkedHashMap<>(data);
            tagged.put("browser", n);
            data = tagged;
        }
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
