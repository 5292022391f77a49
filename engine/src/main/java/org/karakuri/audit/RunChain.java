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
 * Records are signed under the master key ({@link ChainSigner}); {@link #verify} also checks the
 * runs table's ended runs against the chain, so that cutting the chain's end shows.
 */
public final class RunChain {
    private RunChain() {}

    public static Path file(Path home) {
        return home.resolve("audit").resolve("chain.jsonl");
    }

    /** Links a sealed run into the chain, signed with the master key {@code env} names (made when there is none yet). */
    public static void linkRun(Path home, Map<String, String> env, String runId, String sealHash, long records) {
        ObjectNode r = Canonical.JSON.createObjectNode();
        r.put("type", "run");
        r.put("run", runId);
        r.put("seal", sealHash);
        r.put("records", records);
        r.put("time", Instant.now().toString());
        append(home, env, r);
    }

    /** Links the trail of a run whose process died, sealed at the next start ({@link DeadRuns}), with {@code signer}. */
    static void linkDead(Path home, ChainSigner signer, String runId, String sealHash, long records) {
        ObjectNode r = Canonical.JSON.createObjectNode();
        r.put("type", "run");
        r.put("run", runId);
        r.put("seal", sealHash);
        r.put("records", records);
        r.put("end", DeadRuns.PROCESS_DIED);
        r.put("time", Instant.now().toString());
        ChainFile.append(file(home), r, signer);
    }

    /** Records that these runs' folders were deleted on purpose. */
    public static void recordPruning(Path home, Map<String, String> env, List<String> runIds, String reason) {
        ObjectNode r = Canonical.JSON.createObjectNode();
        r.put("type", "pruned");
        ArrayNode ids = r.putArray("runs");
        runIds.forEach(ids::add);
        r.put("reason", reason);
        r.put("time", Instant.now().toString());
        append(home, env, r);
    }

    private static void append(Path home, Map<String, String> env, ObjectNode record) {
        ChainFile.append(file(home), record, ChainSigner.forWriting(home, env, file(home)));
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

    /**
     * What a chain held: its records, how many carried a signature (checked when {@code checked}),
     * and how many at its start carry none (written before the master key existed).
     */
    public record Tally(long records, long signed, long unsigned, boolean checked) {}

    /**
     * The outcome of {@link #verify}: the findings (none: intact), what each chain held, and the
     * runs whose engine died, sealed as interrupted at the next start ({@link DeadRuns}).
     */
    public record Verification(List<Finding> findings, Tally chain, Tally operations, List<String> diedRuns) {}

    /** Checks the chain, every run folder and the operations trail with the key {@code env} names; an empty list means all is intact. */
    public static List<Finding> verifyAll(Path home, Map<String, String> env) {
        return verify(home, ChainSigner.forVerifying(home, env), Map.of()).findings();
    }

    /**
     * Checks the chain and its signatures, every run folder against it, the operations trail, and
     * the runs the runs table says ended with a trail ({@code endedInTable}: id → status) against
     * the chain: a run the table knows but the chain lost means the chain's end was cut.
     */
    public static Verification verify(Path home, ChainSigner signer, Map<String, String> endedInTable) {
        List<Finding> findings = new ArrayList<>();
        Path file = file(home);
        Map<String, String> sealOf = new HashMap<>();
        Set<String> pruned = new HashSet<>();
        List<String> died = new ArrayList<>();
        Tally chain = ChainFile.verify(file, findings, r -> {
            if ("run".equals(r.path("type").asText())) {
                sealOf.put(r.path("run").asText(), r.path("seal").asText());
                if (DeadRuns.PROCESS_DIED.equals(r.path("end").asText())) {
                    died.add(r.path("run").asText());
                }
            } else if ("pruned".equals(r.path("type").asText())) {
                r.path("runs").forEach(n -> pruned.add(n.asText()));
            }
        }, signer);
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
        if (findings.stream().noneMatch(f -> f.where().startsWith(file.toString()))) {
            endedInTable.forEach((id, status) -> {
                if (!sealOf.containsKey(id) && !pruned.contains(id)) {
                    findings.add(new Finding(file.toString(), "audit.run-not-linked", List.of(id, status)));
                }
            });
        }
        Tally operations = OperationsTrail.verify(home, signer, findings);
        findings.sort(java.util.Comparator.comparing(Finding::where));
        died.removeAll(pruned);
        return new Verification(findings, chain, operations, List.copyOf(died));
    }
}
