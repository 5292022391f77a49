package org.karakuri.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.karakuri.event.EventSink;
import org.karakuri.event.RunEvent;

/**
 * One run's trail, {@code runs/<id>/audit.jsonl}: every event of the run as one hash-chained
 * JSON line, written straight to the file by a {@link TrailWriter} and flushed as it happens.
 * The audit package owns every chain; Logback only writes the human log (docs/architecture.md
 * says why). An event inside a loop's item carries the item's label as {@code row}.
 */
public final class AuditLog implements EventSink {
    private final TrailWriter writer;
    private String row;

    private AuditLog(Path file) {
        this.writer = new TrailWriter(file);
    }

    /** Starts the trail of one run at {@code file} (which must not exist yet). */
    public static AuditLog open(Path file) {
        return new AuditLog(file.toAbsolutePath().normalize());
    }

    public Path file() {
        return writer.file();
    }

    @Override
    public synchronized void accept(RunEvent e) {
        if ("item-started".equals(e.type())) {
            row = String.valueOf(e.get("label"));
        }
        writer.append(record(e, row));
        if ("item-ended".equals(e.type())) {
            row = null;
        }
    }

    static ObjectNode record(RunEvent e, String row) {
        ObjectNode n = Canonical.JSON.createObjectNode();
        n.put("time", e.time().toString());
        n.put("run", e.runId());
        n.put("scenario", e.scenario());
        n.put("type", e.type());
        if (e.step() != null) {
            n.put("step", e.step());
        }
        if (e.position() != null) {
            n.put("at", e.position().toString());
        }
        if (row != null) {
            n.put("row", row);
        }
        n.set("data", Canonical.JSON.valueToTree(e.data()));
        return n;
    }

    /** Seals the trail (its last record holds the count and the final hash) and closes it; returns the seal's hash. */
    public synchronized String seal() {
        try {
            return writer.seal();
        } finally {
            writer.close();
        }
    }

    @Override
    public void close() {
        // sealing is explicit: the runner seals after the last event, then links the seal into the run chain
    }
}
