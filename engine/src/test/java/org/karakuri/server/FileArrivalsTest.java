package org.karakuri.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.spi.Hashes;

/**
 * {@code trigger.file-arrives} in {@code serve}: a run per file that arrives complete, named in
 * the run's trail with its SHA-256; never for a half-written file; once across restarts; the same name with new content is a new arrival; a paused
 * scenario's files wait for the resume. Two engines on one database: {@link ArrivalClusterTest}.
 */
class FileArrivalsTest {
    @TempDir
    Path dir;

    private static final String SCENARIO = """
        scenario: arrivals
        trigger:
          file-arrives:
            folder: ./inbox
            pattern: "*.csv"
            stable-for: 600ms
        steps:
          - log: ${file.name} が届きました (${file.size} bytes)
        """;

    @Test
    void aFileThatArrivesCompleteRunsOnceAndAgainOnlyWithNewContent() throws Exception {
        Path inbox;
        try (ServerFixture f = new ServerFixture(dir)) {
            f.write("arrivals.yaml", SCENARIO);
            f.start();
            inbox = f.scenarios.resolve("inbox");
            Eventually.until(Duration.ofSeconds(10), "the inbox is watched", () -> Files.isDirectory(inbox));
            assertThat(f.scenario("arrivals").path("trigger").path("fileArrives").path("pattern").asText()).isEqualTo("*.csv");

            // a slow copy: the file grows for twice stable-for; no run may start before it is complete
            Path tennyu = inbox.resolve("tennyu.csv");
            Instant copied = slowCopy(tennyu, 12, Duration.ofMillis(100));
            String sha = Hashes.sha256(tennyu);
            JsonNode run = awaitRuns(f, 1).get(0);
            List<Map<String, Object>> trail = ServerFixture.trail(run);
            assertThat(trail).filteredOn(e -> "file-arrived".equals(e.get("type"))).singleElement().satisfies(e -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> data = (Map<String, Object>) e.get("data");
                assertThat(data).containsEntry("name", "tennyu.csv").containsEntry("sha256", sha)
                    .containsEntry("file", tennyu.toAbsolutePath().toString());
            });
            assertThat(messages(trail)).contains("tennyu.csv が届きました (" + Files.size(tennyu) + " bytes)");
            assertThat(Instant.parse(run.path("startedAt").asText())).as("started only after the copy ended").isAfter(copied);
        }
        // a restarted engine does not run tennyu.csv again; the next file shows it is watching
        try (ServerFixture f = new ServerFixture(dir)) {
            f.start();
            Files.writeString(inbox.resolve("jutaku.csv"), "受付番号\nR-0002\n");
            awaitRuns(f, 2);
            // the next day's tennyu.csv: same name, new content, a new arrival
            Files.writeString(inbox.resolve("tennyu.csv"), "受付番号\nR-0003\n", StandardOpenOption.TRUNCATE_EXISTING);
            List<JsonNode> runs = awaitRuns(f, 3);
            assertThat(runs).extracting(r -> arrivedName(r)).containsExactlyInAnyOrder("tennyu.csv", "jutaku.csv", "tennyu.csv");
        }
    }

    @Test
    void aPausedScenariosFilesWaitForTheResume() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            f.write("arrivals.yaml", SCENARIO);
            f.start();
            assertThat(f.post("/api/scenarios/arrivals/pause").status()).isEqualTo(200);
            Path inbox = f.scenarios.resolve("inbox");
            Files.createDirectories(inbox);
            Files.writeString(inbox.resolve("paused.csv"), "R-0001\n");
            // a second scenario on the same folder is not paused: once it ran, the first one has had its chance too
            f.edit("other.yaml", SCENARIO.replace("scenario: arrivals", "scenario: other"));
            Eventually.until(Duration.ofSeconds(30), "the other scenario ran", () -> !f.runs("other", "succeeded").isEmpty());
            assertThat(f.runs("arrivals", null)).as("nothing ran while paused").isEmpty();
            Instant resumed = Instant.now();
            assertThat(f.post("/api/scenarios/arrivals/resume").status()).isEqualTo(200);
            Eventually.until(Duration.ofSeconds(30), "the paused file ran", () -> !f.runs("arrivals", "succeeded").isEmpty());
            assertThat(Instant.parse(f.runs("arrivals", "succeeded").get(0).path("startedAt").asText())).isAfter(resumed);
        }
    }

    /** Writes {@code file} in {@code parts} pieces, {@code every} apart, like a slow copy; when the last piece was written. */
    private static Instant slowCopy(Path file, int parts, Duration every) throws Exception {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 1; i <= parts; i++) {
                out.write("受付番号,氏名\nR-%04d,山田 太郎\n".formatted(i).getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (i < parts) {
                    Thread.sleep(every.toMillis());
                }
            }
        }
        return Instant.now();
    }

    private static List<JsonNode> awaitRuns(ServerFixture f, int n) {
        // a run is listed as succeeded a moment before its report (and so its folder) is named
        return Eventually.get(Duration.ofSeconds(30), n + " run(s) of arrivals with their reports", () -> f.runs("arrivals", "succeeded"),
            runs -> runs.size() >= n && runs.stream().allMatch(r -> r.path("report").isTextual()));
    }


    @SuppressWarnings("unchecked")
    private static List<String> messages(List<Map<String, Object>> trail) {
        return trail.stream().filter(e -> "log".equals(e.get("type")))
            .map(e -> String.valueOf(((Map<String, Object>) e.get("data")).get("text"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static String arrivedName(JsonNode run) {
        try {
            return ServerFixture.trail(run).stream().filter(e -> "file-arrived".equals(e.get("type")))
                .map(e -> String.valueOf(((Map<String, Object>) e.get("data")).get("name"))).findFirst().orElse(null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
