package org.karakuri.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An anchor: the heads of the run chain and the operations trail (record number and hash) at a
 * moment, one JSON line an auditor keeps where the engine's user cannot write (a file of their
 * own, a mail, syslog). Checked later, it shows what no key can: that the chains were cut back
 * or rewritten from an earlier point, even by someone who holds the master key.
 */
public final class Anchor {
    private static final Map<String, java.util.function.Function<Path, Path>> CHAINS =
        new java.util.LinkedHashMap<>(Map.of("chain", RunChain::file, "operations", OperationsTrail::file));

    private Anchor() {}

    /** The heads now, as one line of JSON. */
    public static String take(Path home) {
        ObjectNode a = Canonical.JSON.createObjectNode();
        a.put("type", "karakuri-anchor");
        a.put("time", Instant.now().toString());
        a.put("home", home.toAbsolutePath().toString());
        CHAINS.forEach((name, file) -> {
            ObjectNode head = a.putObject(name);
            JsonNode last = ChainFile.head(file.apply(home)).orElse(null);
            head.put("seq", last == null ? 0 : last.path("seq").asLong());
            head.put("hash", last == null ? TrailWriter.GENESIS : last.path("hash").asText());
        });
        return new String(Canonical.bytes(a), StandardCharsets.UTF_8);
    }

    /** Checks every anchor in {@code anchors} (lines {@link #take} wrote) against the chains of {@code home}. */
    public static List<RunChain.Finding> check(Path home, Path anchors) {
        List<RunChain.Finding> findings = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(anchors, StandardCharsets.UTF_8);
        } catch (IOException e) {
            findings.add(new RunChain.Finding(anchors.toString(), "audit.unreadable", List.of(anchors.toString(), String.valueOf(e.getMessage()))));
            return findings;
        }
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = anchors + ":" + (i + 1);
            JsonNode a;
            try {
                a = Canonical.JSON.readTree(lines.get(i));
            } catch (IOException e) {
                a = null;
            }
            if (a == null || !"karakuri-anchor".equals(a.path("type").asText())) {
                findings.add(new RunChain.Finding(where, "audit.not-an-anchor", List.of()));
                continue;
            }
            checked++;
            for (Map.Entry<String, java.util.function.Function<Path, Path>> c : CHAINS.entrySet()) {
                long seq = a.path(c.getKey()).path("seq").asLong();
                String hash = a.path(c.getKey()).path("hash").asText();
                if (seq > 0 && !hash.equals(hashAt(c.getValue().apply(home), seq))) {
                    findings.add(new RunChain.Finding(where, "audit.anchor-lost",
                        List.of(c.getValue().apply(home).toString(), seq, a.path("time").asText())));
                }
            }
        }
        if (checked == 0 && findings.isEmpty()) {
            findings.add(new RunChain.Finding(anchors.toString(), "audit.not-an-anchor", List.of()));
        }
        return findings;
    }

    /** The hash of record {@code seq} of a chain, or null when the chain is shorter or the line unreadable. */
    private static String hashAt(Path chain, long seq) {
        try (var lines = Files.lines(chain, StandardCharsets.UTF_8)) {
            String line = lines.skip(seq - 1).findFirst().orElse(null);
            if (line == null) {
                return null;
            }
            JsonNode r = Canonical.JSON.readTree(line);
            return r.path("seq").asLong() == seq ? r.path("hash").asText() : null;
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }
}
