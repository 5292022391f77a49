package org.karakuri.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a trail: every line parses, numbers follow 1, 2, 3…, each names the hash of the one
 * before and carries the hash of its own canonical form, and the last is a seal counting them.
 * An edited, removed, reordered or appended record, or a missing seal, names the first bad line.
 */
public final class TrailVerifier {

    /** The outcome: intact, or the first bad line (1-based) with a message key and arguments. */
    public record Result(boolean intact, int line, String key, List<Object> args, String sealHash, long records) {
        static Result ok(String seal, long records) {
            return new Result(true, 0, "audit.intact", List.of(records), seal, records);
        }

        static Result bad(int line, String key, Object... args) {
            return new Result(false, line, key, List.of(args), null, 0);
        }
    }

    public static Result verify(Path trail) {
        List<String> lines;
        try {
            if (!Files.exists(trail)) {
                return Result.bad(0, "audit.no-trail", trail.toString());
            }
            lines = Files.readAllLines(trail, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Result.bad(0, "audit.unreadable", trail.toString(), String.valueOf(e.getMessage()));
        }
        String prev = TrailWriter.GENESIS;
        long expected = 1;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            JsonNode node;
            try {
                node = Canonical.JSON.readTree(lines.get(i));
            } catch (IOException e) {
                return Result.bad(lineNo, "audit.not-json");
            }
            if (!(node instanceof ObjectNode record) || !record.has("hash") || !record.has("seq") || !record.has("prev")) {
                return Result.bad(lineNo, "audit.not-a-record");
            }
            if (record.get("seq").asLong() != expected) {
                return Result.bad(lineNo, "audit.bad-seq", record.get("seq").asLong(), expected);
            }
            if (!record.get("prev").asText().equals(prev)) {
                return Result.bad(lineNo, "audit.broken-chain");
            }
            String hash = Canonical.hash(record);
            if (!hash.equals(record.get("hash").asText())) {
                return Result.bad(lineNo, "audit.edited");
            }
            if ("seal".equals(record.path("type").asText())) {
                if (lineNo != lines.size()) {
                    return Result.bad(lineNo + 1, "audit.after-seal");
                }
                if (record.path("count").asLong() != expected - 1 || !record.path("final").asText().equals(prev)) {
                    return Result.bad(lineNo, "audit.bad-seal");
                }
                return Result.ok(hash, expected - 1);
            }
            prev = hash;
            expected++;
        }
        return Result.bad(lines.size(), "audit.no-seal");
    }

    /** The time of the trail's first record (the run's start), when it can be read. */
    public static java.util.Optional<java.time.Instant> startedAt(Path trail) {
        try (java.io.BufferedReader in = Files.newBufferedReader(trail, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            return first == null ? java.util.Optional.empty()
                : java.util.Optional.of(java.time.Instant.parse(Canonical.JSON.readTree(first).path("time").asText()));
        } catch (IOException | RuntimeException unreadable) {
            return java.util.Optional.empty();
        }
    }

    private TrailVerifier() {}
}
