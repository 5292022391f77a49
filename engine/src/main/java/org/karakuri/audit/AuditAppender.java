package org.karakuri.audit;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.karakuri.event.RunEvent;

/**
 * The Logback appender behind one run's {@code audit.jsonl}: each audit log event carries a
 * {@link RunEvent}, written as one hash-chained JSON line; the session's end marker writes the
 * seal and closes the file. One instance per run, made by the sifting appender of {@link AuditLog}.
 */
final class AuditAppender extends AppenderBase<ILoggingEvent> {
    private final Path file;
    private TrailWriter writer;

    AuditAppender(Path file) {
        this.file = file;
    }

    @Override
    public void start() {
        writer = new TrailWriter(file);
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        Object[] args = event.getArgumentArray();
        Object arg = args == null || args.length == 0 ? null : args[0];
        if (arg instanceof AuditLog.Seal seal) {
            seal.hash = writer.seal();
            seal.records = writer.count() - 1;
            writer.close();
            return;
        }
        if (arg instanceof RunEvent e) {
            writer.append(record(e, event.getMDCPropertyMap()));
        }
    }

    static ObjectNode record(RunEvent e, Map<String, String> mdc) {
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
        String row = mdc.get(AuditLog.MDC_ROW);
        if (row != null) {
            n.put("row", row);
        }
        n.set("data", Canonical.JSON.valueToTree(e.data()));
        return n;
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.close();
        }
        super.stop();
    }

}
