package org.karakuri.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.testing.PostgresExtension;

/**
 * Two {@code serve} processes (separate JVMs, one Quartz cluster) on one PostgreSQL database
 * watching one folder with {@code trigger.file-arrives}: every arriving file runs exactly once,
 * on one node or the other, as the runs' trails ({@code file-arrived}) show.
 */
@Tag("long")
class ArrivalClusterTest {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void eachArrivingFileRunsOnceAcrossTwoNodes() throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("arrivals.yaml"), """
            scenario: arrivals
            trigger:
              file-arrives:
                folder: ./inbox
                pattern: "*.csv"
                stable-for: 500ms
            steps:
              - log: ${file.name}
            """);
        Path inbox = Files.createDirectories(scenarios.resolve("inbox"));
        Map<String, String> db = postgres.newDatabase().env();
        ServeNode a = new ServeNode(dir, "node-a", scenarios, db);
        ServeNode b = new ServeNode(dir, "node-b", scenarios, db);
        try {
            a.start();
            b.start();
            // two JVMs starting at once on a shared machine: more time than one
            a.awaitHealthy(Duration.ofSeconds(180));
            b.awaitHealthy(Duration.ofSeconds(180));
            int files = 20;
            for (int i = 1; i <= files; i++) {
                Files.writeString(inbox.resolve("tennyu-%02d.csv".formatted(i)), "受付番号\nR-%04d\n".formatted(i));
            }
            try {
                Eventually.until(Duration.ofSeconds(300), files + " runs", () -> arrived(a).size() + arrived(b).size() >= files);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + ": node-a ran " + arrived(a) + ", node-b ran " + arrived(b) + "\n"
                    + notRun(a) + notRun(b), e);
            }
            List<String> all = new ArrayList<>(arrived(a));
            all.addAll(arrived(b));
            assertThat(all).as("node-a ran %s, node-b ran %s", arrived(a), arrived(b)).hasSize(files).doesNotHaveDuplicates();
        } finally {
            a.process.destroyForcibly();
            b.process.destroyForcibly();
        }
    }

    /** What a node's log says about fires it did not run. */
    private static String notRun(ServeNode node) {
        return node.log().lines().filter(l -> l.contains("not running") || l.contains("ERROR") || l.contains("arrived"))
            .limit(40).map(l -> node.name + ": " + l + "\n").reduce("", String::concat);
    }

    /** The files whose arrival started a finished run on {@code node}, from the runs' trails. */
    private static List<String> arrived(ServeNode node) {
        Path runs = node.home.resolve("runs");
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(runs)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                Path audit = d.resolve("audit.jsonl");
                if (!Files.exists(audit)) {
                    continue;
                }
                String name = null;
                boolean ended = false;
                for (String line : Files.readAllLines(audit)) {
                    JsonNode n;
                    try {
                        n = JSON.readTree(line);
                    } catch (IOException torn) {
                        continue;
                    }
                    if ("file-arrived".equals(n.path("type").asText())) {
                        name = n.path("data").path("name").asText();
                    } else if ("run-ended".equals(n.path("type").asText())) {
                        ended = true;
                    }
                }
                if (name != null && ended) {
                    out.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
