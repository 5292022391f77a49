package org.karakuri.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.testing.EngineProcess;
import org.karakuri.testing.HeldSystem;
import org.karakuri.testing.ScenarioHarness;

/**
 * A run whose engine is killed (SIGKILL: no hook, nothing written after it) is sealed as
 * interrupted at the next start, signed like every record of the chain, so that
 * {@code audit verify --all} passes and says so, instead of reporting a trail with no seal
 * (issue 14.5). Without the master key that start stops, naming the key file and the run.
 */
class DeadRunsTest {
    private static final long LIMIT_SECONDS = 90;

    @TempDir
    Path dir;
    ScenarioHarness h;
    HeldSystem system;
    String out;

    @BeforeEach
    void aSystemThatHoldsItsAnswer() throws IOException {
        h = new ScenarioHarness(dir);
        system = new HeldSystem();
    }

    @AfterEach
    void stop() {
        system.close();
    }

    @Test
    void aKilledRunIsSealedAsInterruptedAtTheNextStartAndTheTrailVerifies() throws Exception {
        h.write("quick.yaml", "scenario: quick\nsteps:\n  - log: 受付\n");
        h.run(); // a signed chain and the engine.yaml that names the test's key file
        h.write("hold.yaml", """
            scenario: hold
            steps:
              - log: 入力を始めます
              - http: %s
                timeout: 60s
            """.formatted(system.url()));

        Process engine = engine("run", "hold.yaml");
        try {
            CompletableFuture.anyOf(system.reached(), engine.onExit()).get(LIMIT_SECONDS, TimeUnit.SECONDS);
            assertThat(system.reached()).as("the run reached the system:\n" + log("run")).isDone();
        } finally {
            engine.destroyForcibly();
            assertThat(engine.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        String killed = runId("hold");
        assertThat(karakuri("audit", "verify", "--all")).as(out).isEqualTo(1);
        assertThat(out).contains("run " + killed + " has no sealed trail");

        Path key = dir.resolve(".karakuri-keys/master.key");
        Path away = Files.move(key, dir.resolve("master.key.away"));
        List<String> chainBefore = Files.readAllLines(RunChain.file(h.home()));
        assertThat(start("run", "quick.yaml")).as(log("run")).isEqualTo(2);
        assertThat(log("run")).contains("no master key at " + key).contains(killed)
            .contains("must be sealed as interrupted");
        assertThat(Files.readAllLines(RunChain.file(h.home()))).as("nothing written without the key").isEqualTo(chainBefore);
        assertThat(lastRecord(trail(killed)).path("type").asText()).isNotEqualTo("seal");

        Files.move(away, key);
        assertThat(start("run", "quick.yaml")).as(log("run")).isZero();
        assertThat(log("run")).contains(killed + ": this run ended without its engine");

        assertThat(karakuri("audit", "verify", "--all")).as(out).isZero();
        assertThat(out).contains("every one signed with the master key")
            .contains("1 run(s) ended without their engine (killed, crashed or powered off) and were sealed as interrupted at the next start: " + killed);
        JsonNode link = chain().stream().filter(r -> r.path("run").asText().equals(killed)).findFirst().orElseThrow();
        assertThat(link.path("end").asText()).isEqualTo("process-died");
        assertThat(link.path("mac").asText()).startsWith("k");
        List<String> lines = Files.readAllLines(trail(killed));
        JsonNode ended = Canonical.JSON.readTree(lines.get(lines.size() - 2));
        assertThat(ended.path("type").asText()).isEqualTo("run-ended");
        assertThat(ended.path("data").path("status").asText()).isEqualTo("interrupted");
        assertThat(ended.path("data").path("end").asText()).isEqualTo("process-died");

        assertThat(karakuri("runs")).as(out).isZero();
        assertThat(out.lines().filter(l -> l.contains(killed)).findFirst()).get().asString().contains("interrupted");
    }

    @Test
    void aTrailBeingWrittenIsLeftAloneAndATornLastRecordIsCutAndCounted() throws Exception {
        Path live = h.home().resolve("runs/live/audit.jsonl");
        Path torn = h.home().resolve("runs/torn/audit.jsonl");
        Map<String, String> env = h.env();
        try (TrailWriter writing = new TrailWriter(live)) {
            writing.append(record("live"));
            try (TrailWriter dead = new TrailWriter(torn)) {
                dead.append(record("torn"));
            }
            Files.writeString(torn, "{\"time\":\"2026-", StandardOpenOption.APPEND); // the power went mid-record

            assertThat(DeadRuns.seal(h.home(), env, Clock.systemUTC())).containsExactly("torn");
        }
        assertThat(TrailVerifier.verify(torn).intact()).isTrue();
        assertThat(TrailVerifier.verify(live).intact()).as("still being written").isFalse();
        JsonNode ended = Canonical.JSON.readTree(Files.readAllLines(torn).get(1));
        assertThat(ended.path("data").path("torn-bytes").asInt()).isEqualTo(14);
        assertThat(DeadRuns.seal(h.home(), env, Clock.systemUTC())).as("the writer closed: its run is gone").containsExactly("live");
    }

    @Test
    void aSealedTrailWhoseEndWasCutSinceIsNotSealedAgain() throws Exception {
        h.write("quick.yaml", "scenario: quick\nsteps:\n  - log: 受付\n");
        String run = h.run().runId();
        List<String> lines = Files.readAllLines(trail(run));
        Files.write(trail(run), lines.subList(0, lines.size() - 2));

        assertThat(DeadRuns.seal(h.home(), h.env(), Clock.systemUTC())).isEmpty();
        assertThat(karakuri("audit", "verify", "--all")).as(out).isEqualTo(1);
        assertThat(out).contains("the trail has no seal");
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode record(String run) {
        var r = Canonical.JSON.createObjectNode();
        r.put("time", "2026-11-30T22:00:00Z");
        r.put("run", run);
        r.put("type", "run-started");
        return r;
    }

    private Path trail(String run) {
        return h.home().resolve("runs").resolve(run).resolve("audit.jsonl");
    }

    private static JsonNode lastRecord(Path trail) throws IOException {
        List<String> lines = Files.readAllLines(trail);
        return Canonical.JSON.readTree(lines.get(lines.size() - 1));
    }

    private List<JsonNode> chain() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(RunChain.file(h.home()))) {
            out.add(Canonical.JSON.readTree(l));
        }
        return out;
    }

    private String runId(String scenario) throws IOException {
        try (var s = Files.list(h.home().resolve("runs"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.contains("-" + scenario + "-")).findFirst().orElseThrow();
        }
    }

    /** The engine as its own JVM, on this test's home; its output goes to NAME.log. */
    private Process engine(String... args) throws IOException {
        ProcessBuilder pb = EngineProcess.of(args).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(dir.resolve(args[0] + ".log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("KARAKURI_"));
        pb.environment().put("KARAKURI_HOME", h.home().toString());
        pb.environment().put("KARAKURI_LANG", "en");
        return pb.start();
    }

    private int start(String... args) throws Exception {
        Process p = engine(args);
        assertThat(p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private int karakuri(String... args) {
        ScenarioHarness.Output o = h.command(args);
        out = o.text();
        return o.code();
    }
}
