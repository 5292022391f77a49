package org.karakuri.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.karakuri.schedule.RunQueue;

/**
 * Past and current runs as the run folders {@code KARAKURI_HOME/runs/<id>/} tell them: the first
 * and last events of {@code audit.jsonl}, and the {@code interrupted.json} marker. Stands in for
 * the ledger's runs table until there is one.
 */
final class RunFolders {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runs;

    RunFolders(Path home) {
        this.runs = home.resolve("runs");
    }

    /** Summaries, newest first, at most {@code limit}, optionally of one scenario. */
    List<Map<String, Object>> list(String scenario, int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.isDirectory(runs)) {
            return out;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(runs)) {
            dirs = s.filter(Files::isDirectory).sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString())).toList();
        } catch (IOException e) {
            return out;
        }
        for (Path d : dirs) {
            if (out.size() >= limit) {
                break;
            }
            Optional<Map<String, Object>> r = read(d);
            if (r.isPresent() && (scenario == null || scenario.equals(r.get().get("scenario")))) {
                out.add(r.get());
            }
        }
        return out;
    }

    Optional<Map<String, Object>> get(String runId) {
        if (!runId.matches("[A-Za-z0-9._-]+")) {
            return Optional.empty();
        }
        Path d = runs.resolve(runId);
        return Files.isDirectory(d) ? read(d) : Optional.empty();
    }

    private static Optional<Map<String, Object>> read(Path dir) {
        Path audit = dir.resolve("audit.jsonl");
        if (!Files.isRegularFile(audit)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(audit, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        JsonNode first = null;
        JsonNode last = null;
        for (String l : lines) {
            if (l.isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(l);
                if (first == null) {
                    first = n;
                }
                if ("run-ended".equals(n.path("type").asText())) {
                    last = n;
                }
            } catch (IOException torn) {
                // a line cut by a crash: the rest still tells the story
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        // event details sit under "data" in the sealed trail, at the top level in older trails
        JsonNode started = first.has("data") ? first.get("data") : first;
        JsonNode ended = last == null ? null : last.has("data") ? last.get("data") : last;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", dir.getFileName().toString());
        m.put("scenario", first.path("scenario").asText());
        m.put("trigger", started.path("trigger").asText(null));
        m.put("by", started.path("by").asText(null));
        m.put("host", started.path("host").asText(null));
        m.put("startedAt", first.path("time").asText(null));
        m.put("endedAt", last == null ? null : last.path("time").asText(null));
        String status = ended != null ? ended.path("status").asText() : "running";
        if (Files.exists(dir.resolve(RunQueue.INTERRUPTED))) {
            status = "interrupted";
        }
        m.put("status", status);
        if (ended != null) {
            for (String k : List.of("items-ok", "items-failed", "items-skipped", "error")) {
                if (ended.has(k)) {
                    m.put(k, ended.get(k).isNumber() ? ended.get(k).numberValue() : ended.get(k).asText());
                }
            }
        }
        Path fire = dir.resolve(RunQueue.FIRE);
        if (Files.exists(fire)) {
            try {
                m.put("scheduledAt", JSON.readTree(fire.toFile()).path("scheduledAt").asText(null));
            } catch (IOException e) {
                m.put("scheduledAt", null);
            }
        }
        m.put("report", Files.exists(dir.resolve("report.html")) ? dir.resolve("report.html").toString() : null);
        return Optional.of(m);
    }
}
