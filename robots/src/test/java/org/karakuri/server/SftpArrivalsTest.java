package org.karakuri.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.robots.files.SftpServer;
import org.karakuri.spi.Hashes;

/**
 * {@code trigger.file-arrives} on a folder of an SFTP server ({@code folder: vendor:/inbox}) in
 * {@code serve}: Camel's SFTP consumer with the read lock, the host key pinned; a run per file
 * that arrives complete, {@code ${file}} naming it on the server so the steps fetch it, claimed
 * in the engine's database like a local arrival (once across the cluster: {@link ArrivalClusterTest}).
 */
class SftpArrivalsTest {
    @TempDir
    Path dir;

    private static String scenario(SftpServer sftp, String hostKey) {
        return "scenario: arrivals\n" + sftp.connectionWithKey("vendor", hostKey) + """
            trigger:
              file-arrives:
                folder: vendor:/inbox
                pattern: "*.csv"
                stable-for: 500ms
            steps:
              - log: ${file} が届きました (${file.size} bytes)
              - move:
                  from: ${file}
                  to: ./received/
            """;
    }

    private static ServerFixture fixture(Path dir, SftpServer sftp) {
        ServerFixture f = new ServerFixture(dir);
        f.env.put("KARAKURI_SECRET_VENDOR_USER", SftpServer.USER);
        f.env.put("KARAKURI_SECRET_VENDOR_KEY", sftp.privateKey());
        return f;
    }

    @Test
    void aFileThatArrivesCompleteOnTheServerStartsOneRunThatFetchesIt() throws Exception {
        Path root = Files.createDirectories(dir.resolve("server"));
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        try (SftpServer sftp = SftpServer.serving(root); ServerFixture f = fixture(dir, sftp)) {
            f.write("arrivals.yaml", scenario(sftp, sftp.fingerprint()));
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
                assertThat(data).containsEntry("file", "vendor:/inbox/tennyu.csv").containsEntry("name", "tennyu.csv")
                    .containsEntry("sha256", Hashes.sha256(content));
            });
            assertThat(trail).filteredOn(e -> "log".equals(e.get("type")))
                .extracting(e -> String.valueOf(((Map<?, ?>) e.get("data")).get("text")))
                .containsExactly("vendor:/inbox/tennyu.csv が届きました (" + content.length + " bytes)");
            assertThat(Files.readAllBytes(f.scenarios.resolve("received/tennyu.csv"))).isEqualTo(content);
            assertThat(inbox.resolve("tennyu.csv")).doesNotExist();
            assertThat(f.runs("arrivals", null)).as("memo.txt does not match; tennyu.csv ran once").hasSize(1);
        }
    }

    @Test
    void aServerWhoseHostKeyIsNotThePinnedOneIsNeverSentAnythingAndNothingRuns() throws Exception {
        Path root = Files.createDirectories(dir.resolve("server"));
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Files.writeString(inbox.resolve("tennyu.csv"), "R-0001\n");
        try (SftpServer sftp = SftpServer.serving(root); ServerFixture f = fixture(dir, sftp)) {
            f.write("arrivals.yaml", scenario(sftp, "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"));
            f.start();
            Eventually.until(Duration.ofSeconds(30), "the engine polled the server twice", () -> sftp.sessions.get() >= 2);
            assertThat(f.runs("arrivals", null)).isEmpty();
            assertThat(sftp.logins).as("no user name, key or password was sent").hasValue(0);
            assertThat(inbox.resolve("tennyu.csv")).exists();
        }
    }

}
