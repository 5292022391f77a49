package org.karakuri.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code KARAKURI_HOME/audit/operations.jsonl}: who did what — logins, failed logins, trigger,
 * pause, resume, stop, decisions about rows, changes to users and tokens — one hash-chained
 * record a line, appended under a file lock by every engine and command on the home, and checked
 * by {@code ./karakuri audit verify --all}. Never a password, a token or a row's masked key.
 */
public final class OperationsTrail {
    private final Path home;
    private final Map<String, String> env;

    /** The trail of {@code home}, signed with the master key the process environment names. */
    public OperationsTrail(Path home) {
        this(home, System.getenv());
    }

    /** The trail of {@code home}, signed with the master key {@code env} names. */
    public OperationsTrail(Path home, Map<String, String> env) {
        this.home = home;
        this.env = Map.copyOf(env);
    }

    public static Path file(Path home) {
        return home.resolve("audit").resolve("operations.jsonl");
    }

    /**
     * One thing a person did.
     *
     * @param action  {@code login}, {@code login-failed}, {@code logout}, {@code trigger}, {@code pause},
     *                {@code resume}, {@code stop}, {@code row-resolve}, {@code row-reset}, {@code user-add},
     *                {@code user-remove}, {@code user-passwd}, {@code token-new}, {@code token-revoke}
     * @param by      the user name (for a failed login: the name that was tried)
     * @param via     {@code console}, {@code api}, {@code service}, {@code cli}
     * @param target  what it was done to: a scenario, a run, a user, {@code scenario/key}
     * @param details more, as text (a comment, a role, a run id); never a secret
     */
    public record Operation(Instant time, String action, String by, String via, String target, Map<String, String> details, String node) {
        public Operation {
            details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }
    }

    /** Appends one operation. */
    public void record(String action, String by, String via, String target, Map<String, String> details, String node) {
        ObjectNode r = Canonical.JSON.createObjectNode();
        r.put("type", "operation");
        r.put("time", Instant.now().toString());
        r.put("action", action);
        r.put("by", by);
        r.put("via", via);
        r.put("target", target);
        ObjectNode d = r.putObject("details");
        details.forEach(d::put);
        r.put("node", node);
        ChainFile.append(file(home), r, ChainSigner.forWriting(home, env, file(home)));
    }

    /** The latest operations first, at most {@code limit}, that pass {@code filter}. */
    public List<Operation> latest(int limit, Predicate<Operation> filter) {
        Path file = file(home);
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Operation> out = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && out.size() < limit; i--) {
            try {
                Operation o = operation(Canonical.JSON.readTree(lines.get(i)));
                if (filter.test(o)) {
                    out.add(o);
                }
            } catch (IOException | RuntimeException e) {
                // a bad line is verify's to report; the page shows the rest
            }
        }
        return out;
    }

    private static Operation operation(JsonNode n) {
        Map<String, String> details = new LinkedHashMap<>();
        n.path("details").fields().forEachRemaining(e -> details.put(e.getKey(), e.getValue().asText()));
        return new Operation(Instant.parse(n.path("time").asText()), n.path("action").asText(), n.path("by").asText(),
            n.path("via").asText(), n.path("target").asText(null), details, n.path("node").asText(null));
    }

    /** Checks the chain and its signatures with {@code signer}, adding what is wrong to {@code findings}. */
    public static RunChain.Tally verify(Path home, ChainSigner signer, List<RunChain.Finding> findings) {
        return ChainFile.verify(file(home), findings, r -> { }, signer);
    }
}
