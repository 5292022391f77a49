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
        ServeNode a = new ServeNode(dir, "node-a", scenarios, db);
        ServeNode b = null;
        try {
            a.start();
            a.awaitHealthy();
            b = new ServeNode(dir, "node-b", scenarios, db);
            b.start();
            b.awaitHealthy();
            Instant begin = Instant.now();
            ServeNode bb = b;
            Eventually.until(Duration.ofSeconds(30), "20 s in", () -> Instant.now().isAfter(begin.plusSeconds(20)));
            // kill the node that ran the latest fire (Quartz keeps a lone trigger on whichever node acquires first)
            ServeNode.Run latest = Stream.concat(a.runs().stream(), bb.runs().stream()).max(Comparator.comparing(ServeNode.Run::start)).orElseThrow();
            ServeNode victim = latest.node().equals(a.name) ? a : b;
            ServeNode survivor = victim == a ? b : a;
            Instant killed = Instant.now();
            victim.process.destroyForcibly().waitFor();
            Eventually.until(TOTAL, "60 s of firing", () -> Instant.now().isAfter(begin.plus(TOTAL)));
            survivor.stop();
            Instant end = Instant.now();

            List<ServeNode.Run> runs = new ArrayList<>(a.runs());
            runs.addAll(b.runs());
            runs.sort(Comparator.comparing(ServeNode.Run::start));
            assertThat(runs).hasSizeGreaterThan(20);

            // every scheduled fire ran at most once
            Map<Instant, List<ServeNode.Run>> byFire = new TreeMap<>();
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
                ServeNode.Run before = runs.get(i - 1);
                ServeNode.Run after = runs.get(i);
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
}
