package org.karakuri.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code KARAKURI_HOME/audit/chain.jsonl}: every sealed run, and every pruning, linked in one
 * hash chain, so that deleting a whole run folder, or a line of this file, is detected by
 * {@code ./karakuri audit verify --all}. Several engines on one home append under a file lock.
 */
public final class RunChain {
    private RunChain() {}

    public static Path file(Path home) {
        return home.resolve("audit").resolve("chain.jsonl");
    }

    /** Links a sealed run into the chain. */
    public static void linkRun(Path home, String runId, String sealHash, long records) {
        ObjectNode r = Canonical.JSON.createObjectNode();
        r.put("type", "run");
        r.put("run", runId);
        r.put("seal", sealHash);
        r.put("records", records);
        r.put("time", Instant.now().toString());
        append(home, r);
    }

    /** Records that these runs' folders were deleted on purpose. */
    public static void recordPruning(Path home, List<String> runIds, String reason) {
        ObjectNode r = Canonical.JSON.createObjectNode();
        r.put("type", "pruned");
        ArrayNode ids = r.putArray("runs");
        runIds.forEach(ids::add);
        r.put("reason", reason);
        r.put("time", Instant.now().toString());
        append(home, r);
    }

    private static void append(Path home, ObjectNode record) {
        ChainFile.append(file(home), record);
    }

    /** The seal hash the chain holds for {@code runId}, if the run was linked (and not pruned since). */
    public static java.util.Optional<String> sealOf(Path home, String runId) {
        Path file = file(home);
        if (!Files.exists(file)) {
            return java.util.Optional.empty();
        }
        String seal = null;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode r = Canonical.JSON.readTree(line);
                if ("run".equals(r.path("type").asText()) && runId.equals(r.path("run").asText())) {
                    seal = r.path("seal").asText();
                } else if ("pruned".equals(r.path("type").asText())) {
                    for (JsonNode id : r.path("runs")) {
                        if (runId.equals(id.asText())) {
                            seal = null;
                        }
                    }
                }
            }
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(seal);
    }

    /** One finding of {@link #verifyAll}: where, a message key and its arguments. */
    public record Finding(String where, String key, List<Object> args) {}

    /** Checks the chain and every run folder against it; an empty list means all is intact. */
    public static List<Finding> verifyAll(Path home) {
        List<Finding> findings = new ArrayList<>();
        Path file = file(home);
        Map<String, String> sealOf = new HashMap<>();
        Set<String> pruned = new HashSet<>();
        ChainFile.verify(file, findings, r -> {
            if ("run".equals(r.path("type").asText())) {
                sealOf.put(r.path("run").asText(), r.path("seal").asText());
            } else if ("pruned".equals(r.path("type").asText())) {
                r.path("runs").forEach(n -> pruned.add(n.asText()));
            }
        });
        Path runs = home.resolve("runs");
        Set<String> folders = new HashSet<>();
        if (Files.isDirectory(runs)) {
            try (Stream<Path> s = Files.list(runs)) {
                s.filter(Files::isDirectory).forEach(p -> folders.add(p.getFileName().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Map.Entry<String, String> e : sealOf.entrySet()) {
            if (pruned.contains(e.getKey())) {
                continue;
            }
            if (!folders.contains(e.getKey())) {
                findings.add(new Finding(runs.resolve(e.getKey()).toString(), "audit.run-missing", List.of(e.getKey())));
                continue;
            }
            TrailVerifier.Result r = TrailVerifier.verify(runs.resolve(e.getKey()).resolve("audit.jsonl"));
            if (!r.intact()) {
                findings.add(new Finding(runs.resolve(e.getKey()).resolve("audit.jsonl") + ":" + r.line(), r.key(), r.args()));
            } else if (!r.sealHash().equals(e.getValue())) {
                findings.add(new Finding(runs.resolve(e.getKey()).resolve("audit.jsonl").toString(), "audit.seal-mismatch", List.of(e.getKey())));
            }
        }
        for (String folder : folders) {
            if (!sealOf.containsKey(folder)) {
                TrailVerifier.Result r = TrailVerifier.verify(runs.resolve(folder).resolve("audit.jsonl"));
                findings.add(new Finding(runs.resolve(folder).toString(), r.intact() ? "audit.not-in-chain" : "audit.incomplete-run",
                    List.of(folder)));
            }
        }
        findings.sort(java.util.Comparator.comparing(Finding::where));
        return findings;
    }
}
