package org.karakuri.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.karakuri.event.EventSink;
import org.karakuri.event.RunEvent;

/** Appends each event as one JSON object a line to {@code runs/<id>/audit.jsonl}, flushed per event. */
public final class JsonLinesSink implements EventSink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;

    public JsonLinesSink(Path file) {
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> asMap(RunEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("time", e.time().toString());
        m.put("run", e.runId());
        m.put("scenario", e.scenario());
        m.put("type", e.type());
        if (e.step() != null) {
            m.put("step", e.step());
        }
        if (e.position() != null) {
            m.put("at", e.position().toString());
        }
        m.putAll(e.data());
        return m;
    }

    @Override
    public synchronized void accept(RunEvent e) {
        try {
            out.write(JSON.writeValueAsString(asMap(e)));
            out.write('\n');
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
