package org.karakuri.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.robots.files.SambaServer;
import org.karakuri.schedule.FileArrivals;
import org.karakuri.spi.Hashes;
import org.slf4j.LoggerFactory;

/**
 * {@code trigger.file-arrives} on a folder of a Windows file share ({@code folder: share:/受付}) in
 * {@code serve}: Camel's remote file consumer on the share with the read lock; a run per file
 * that arrives complete, {@code ${file}} naming it on the share so the steps fetch it.
 */
class SmbArrivalsTest {
    @TempDir
    Path dir;

    private static final String SCENARIO = """
        trigger:
          file-arrives:
            folder: share:/受付
            pattern: "*.csv"
            stable-for: 500ms
        steps:
          - log: ${file} が届きました (${file.size} bytes)
          - move:
              from: ${file}
              to: ./received/
        """;

    private static ServerFixture fixture(Path dir, SambaServer samba, String password) {
        ServerFixture f = new ServerFixture(dir);
        f.env.put("KARAKURI_SECRET_SHARE_USER", SambaServer.user());
        f.env.put("KARAKURI_SECRET_SHARE_PASSWORD", password);
        return f;
    }

    @Test
    void aFileThatArrivesCompleteOnTheShareStartsOneRunThatFetchesIt() throws Exception {
        Path root = Files.createDirectories(dir.resolve("share"));
        Path inbox = Files.createDirectories(root.resolve("受付"));
        try (SambaServer samba = SambaServer.serving(root); ServerFixture f = fixture(dir, samba, SambaServer.PASSWORD)) {
            f.write("arrivals.yaml", "scenario: arrivals\n" + samba.connection("share") + SCENARIO);
            f.start();
            byte[] content = "受付番号,氏名\nR-0001,山田 太郎\n".getBytes(StandardCharsets.UTF_8);
            Files.write(inbox.resolve("tennyu.csv"), content);
            Files.writeString(inbox.resolve("memo.txt"), "not a csv");
            JsonNode run = Eventually.get(Duration.ofSeconds(30), "a run of arrivals with its report",
                () -> f.runs("arrivals", "succeeded").stream().findFirst().orElse(null), r -> r != null && r.path("report").isTextual());
            List<Map<String, Object>> trail = ServerFixture.trail(run);
            assertThat(trail).filteredOn(e -> "file-arrived".equals(e.get("type"))).singleElement().satisfies(e -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> data = (Map<String, Object>) e.get("data");
                assertThat(data).containsEntry("file", "share:/受付/tennyu.csv").containsEntry("name", "tennyu.csv")
                    .containsEntry("sha256", Hashes.sha256(content));
            });
            assertThat(trail).filteredOn(e -> "log".equals(e.get("type")))
                .extracting(e -> String.valueOf(((Map<?, ?>) e.get("data")).get("text")))
                .containsExactly("share:/受付/tennyu.csv が届きました (" + content.length + " bytes)");
            assertThat(Files.readAllBytes(f.scenarios.resolve("received/tennyu.csv"))).isEqualTo(content);
            assertThat(inbox.resolve("tennyu.csv")).doesNotExist();
            assertThat(f.runs("arrivals", null)).as("memo.txt does not match; tennyu.csv ran once").hasSize(1);
        }
    }

    @Test
    void aShareThatRefusesThePasswordIsReportedOnceAndNothingRuns() throws Exception {
        Path root = Files.createDirectories(dir.resolve("share"));
        Path inbox = Files.createDirectories(root.resolve("受付"));
        Files.writeString(inbox.resolve("tennyu.csv"), "R-0001\n");
        Logger arrivals = (Logger) LoggerFactory.getLogger(FileArrivals.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        arrivals.addAppender(seen);
        try (SambaServer samba = SambaServer.serving(root); ServerFixture f = fixture(dir, samba, "Wrong-pw-9")) {
            f.write("arrivals.yaml", "scenario: arrivals\n" + samba.connection("share") + SCENARIO);
            f.start();
            Eventually.until(Duration.ofSeconds(30), "the refusal in the engine's log",
                () -> seen.list.stream().anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN));
            assertThat(seen.list).filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains("cannot look in share:/受付 for scenario arrivals")
                .contains("refused the user name and password")
                .doesNotContain("Wrong-pw-9"));
            assertThat(f.runs("arrivals", null)).isEmpty();
            assertThat(inbox.resolve("tennyu.csv")).exists();
        } finally {
            arrivals.detachAppender(seen);
        }
    }

}
