package org.karakuri.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.testing.PostgresExtension;

/**
 * Two {@code serve} processes (separate JVMs) on one PostgreSQL database, a scenario firing every
 * 2 s for 60 s: every fire runs once, a node killed with SIGKILL leaves the other carrying on, and
 * no two runs of the scenario overlap, as the run folders (audit trail, fire.json) show.
 */
@Tag("long")
class ClusterTest {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOTAL = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    record Run(String node, String id, Instant scheduled, Instant start, Instant end) {}

    @Test
    void runsEachFireOnceAcrossTwoNodesAndSurvivesAKilledNode() throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("tick.yaml"), """
            scenario: tick
            trigger:
              cron: "0/2 * * * * ?"
              misfire: run-once
            steps:
              - log: tick
            """);
        Map<String, String> db = postgres.newDatabase().env();
        Node a = new Node("node-a", scenarios, db);
        Node b = null;
        try {
            a.start();
            a.awaitHealthy();
            b = new Node("node-b", scenarios, db);
            b.start();
            b.awaitHealthy();
            Instant begin = Instant.now();
            Node bb = b;
            Eventually.until(Duration.ofSeconds(30), "20 s in", () -> Instant.now().isAfter(begin.plusSeconds(20)));
            // kill the node that ran the latest fire (Quartz keeps a lone trigger on whichever node acquires first)
            Run latest = Stream.concat(a.runs().stream(), bb.runs().stream()).max(Comparator.comparing(Run::start)).orElseThrow();
            Node victim = latest.node().equals(a.name) ? a : b;
            Node survivor = victim == a ? b : a;
            Instant killed = Instant.now();
            victim.process.destroyForcibly().waitFor();
            Eventually.until(TOTAL, "60 s of firing", () -> Instant.now().isAfter(begin.plus(TOTAL)));
            survivor.stop();
            Instant end = Instant.now();

            List<Run> runs = new ArrayList<>(a.runs());
            runs.addAll(b.runs());
            runs.sort(Comparator.comparing(Run::start));
            assertThat(runs).hasSizeGreaterThan(20);

            // every scheduled fire ran at most once
            Map<Instant, List<Run>> byFire = new TreeMap<>();
            runs.forEach(r -> byFire.computeIfAbsent(r.scheduled(), k -> new ArrayList<>()).add(r));
            byFire.forEach((t, l) -> assertThat(l).as("runs of the fire at " + t).hasSize(1));

            // and every fire on the 2 s grid ran, except those the dead node held until the cluster noticed (run-once: one catch-up run)
            Instant recovered = killed.plusSeconds(20);
            Instant firstFire = runs.get(0).scheduled();
            for (Instant t = firstFire; t.isBefore(end.minusSeconds(3)); t = t.plusSeconds(2)) {
                if (t.isAfter(killed.minusSeconds(3)) && t.isBefore(recovered)) {
                    continue;
                }
                assertThat(byFire).as("a run of the fire at " + t).containsKey(t);
            }

            // the survivor carried on after the kill
            assertThat(survivor.runs()).anyMatch(r -> r.start().isAfter(recovered));

            // no two runs of the scenario overlapped
            for (int i = 1; i < runs.size(); i++) {
                Run before = runs.get(i - 1);
                Run after = runs.get(i);
                if (before.end() != null) {
                    assertThat(after.start()).as(after.id() + " starts after " + before.id() + " ended").isAfterOrEqualTo(before.end());
                }
            }
        } finally {
            a.process.destroyForcibly();
            if (b != null) {
                b.process.destroyForcibly();
            }
        }
    }

    /** A {@code karakuri serve} JVM with its own KARAKURI_HOME. */
    private final class Node {
        final String name;
        final Path home;
        final Path scenarios;
        final Map<String, String> db;
        final int port;
        Process process;

        Node(String name, Path scenarios, Map<String, String> db) throws IOException {
            this.name = name;
            this.home = dir.resolve(name);
            this.scenarios = scenarios;
            this.db = db;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                this.port = s.getLocalPort();
            }
        }

        void start() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.karakuri.cli.Main", "serve", "--scenarios", scenarios.toString(), "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
            Map<String, String> env = pb.environment();
            env.putAll(db);
            env.put("KARAKURI_HOME", home.toString());
            env.put("KARAKURI_NODE", name);
            env.put("KARAKURI_CLUSTER_CHECKIN_MS", "1000");
            env.put("KARAKURI_SHUTDOWN_TIMEOUT", "10");
            env.put("KARAKURI_LANG", "en");
            env.put("KARAKURI_API_TOKEN", "cluster-service-token");
            process = pb.start();
        }

        void awaitHealthy() {
            HttpClient http = HttpClient.newHttpClient();
            Eventually.until(Duration.ofSeconds(60), name + " answers /api/health", () -> {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited: " + log());
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                            .header("Authorization", "Bearer cluster-service-token").build(),
                        HttpResponse.BodyHandlers.ofString());
                    return r.statusCode() == 200 && JSON.readTree(r.body()).path("clustered").asBoolean();
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
        }

        String log() {
            try {
                return Files.readString(dir.resolve(name + ".log"));
            } catch (IOException e) {
                return "";
            }
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }

        List<Run> runs() {
            Path runs = home.resolve("runs");
            List<Run> out = new ArrayList<>();
            if (!Files.isDirectory(runs)) {
                return out;
            }
            try (Stream<Path> dirs = Files.list(runs)) {
                for (Path d : dirs.filter(Files::isDirectory).toList()) {
                    Path fire = d.resolve("fire.json");
                    Path audit = d.resolve("audit.jsonl");
                    if (!Files.exists(fire) || !Files.exists(audit)) {
                        continue;
                    }
                    JsonNode f = JSON.readTree(fire.toFile());
                    Instant start = null;
                    Instant end = null;
                    for (String line : Files.readAllLines(audit)) {
                        if (line.isBlank()) {
                            continue;
                        }
                        JsonNode n;
                        try {
                            n = JSON.readTree(line);
                        } catch (IOException torn) {
                            continue;
                        }
                        if ("run-started".equals(n.path("type").asText())) {
                            start = Instant.parse(n.path("time").asText());
                        } else if ("run-ended".equals(n.path("type").asText())) {
                            end = Instant.parse(n.path("time").asText());
                        }
                    }
                    if (start != null) {
                        out.add(new Run(name, d.getFileName().toString(), Instant.parse(f.path("scheduledAt").asText()), start, end));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }
    }

}
