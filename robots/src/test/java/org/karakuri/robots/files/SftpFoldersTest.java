package org.karakuri.robots.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.karakuri.robots.files.Fixtures.file;
import static org.karakuri.robots.files.Fixtures.names;
import static org.karakuri.robots.files.Fixtures.read;
import static org.karakuri.robots.files.Fixtures.sha256;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/** {@code for-each-file} and {@code wait-for-file} on a folder of a real SFTP server on loopback ({@code folder: NAME:/path}). */
class SftpFoldersTest {
    @TempDir
    Path dir;

    private Path server;
    private SftpServer sftp;
    private ScenarioHarness h;

    @BeforeAll
    static void english() {
        Fixtures.english();
    }

    @BeforeEach
    void start() throws Exception {
        server = Files.createDirectories(dir.resolve("server"));
        Files.createDirectories(server.resolve("export"));
        sftp = SftpServer.serving(server);
        h = new ScenarioHarness(dir.resolve("work"))
            .env("KARAKURI_SECRET_VENDOR_USER", SftpServer.USER)
            .env("KARAKURI_SECRET_VENDOR_KEY", sftp.privateKey());
    }

    @AfterEach
    void stop() {
        sftp.close();
    }

    private RunResult run(String hostKey, String steps) {
        return h.write("s.yaml", "scenario: s\n" + sftp.connectionWithKey("vendor", hostKey) + "steps:\n" + steps.stripIndent()).run();
    }

    /** A file written on the server some time ago: complete. */
    private Path old(String name, String text) throws Exception {
        Path f = file(server.resolve("export").resolve(name), text);
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60)));
        return f;
    }

    @Test
    void forEachFileOnTheServerRunsTheStepsPerFileAndRenamesEachToDoneOrFailedThere() throws Exception {
        String sha = sha256(old("tennyu-1.csv", "受付番号\nR-0001\n"));
        old("tennyu-2.csv", "受付番号\nR-0002\n");
        old("memo.txt", "memo");
        RunResult r = run(sftp.fingerprint(), """
              - for-each-file:
                  folder: vendor:/export
                  pattern: "*.csv"
                  stable-for: 200ms
                  done: vendor:/done/
                  failed: vendor:/failed/
                  steps:
                    - log: ${file} (${file.name}, ${file.size} bytes, in ${file.folder})
                    - copy:
                        from: ${file}
                        to: ./inbox/
                    - if: ${file.name} == tennyu-2.csv
                      then:
                        - fail: 受付番号が見つかりません
            """);
        assertThat(r.status()).as("one file failed").isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("1 item(s) failed");
        assertThat(names(server.resolve("export"))).containsExactly("memo.txt");
        assertThat(names(server.resolve("done"))).containsExactly("tennyu-1.csv");
        assertThat(names(server.resolve("failed"))).containsExactly("tennyu-2.csv");
        assertThat(names(h.dir().resolve("inbox"))).containsExactly("tennyu-1.csv", "tennyu-2.csv");
        assertThat(read(h.dir().resolve("inbox/tennyu-1.csv"))).isEqualTo("受付番号\nR-0001\n");
        assertThat(h.events("log")).first().satisfies(e -> assertThat(e.get("text"))
            .isEqualTo("vendor:/export/tennyu-1.csv (tennyu-1.csv, " + Files.size(server.resolve("done/tennyu-1.csv")) + " bytes, in vendor:/export)"));
        assertThat(h.events("file-moved")).filteredOn(e -> "done".equals(e.get("outcome"))).singleElement().satisfies(e -> {
            assertThat(e.get("from")).isEqualTo("vendor:/export/tennyu-1.csv");
            assertThat(e.get("to")).isEqualTo("vendor:/done/tennyu-1.csv");
            assertThat(e.get("sha256")).isEqualTo(sha);
        });
        assertThat(names(server.resolve("export")).stream().filter(n -> n.endsWith(".camelLock"))).as("no claim left").isEmpty();
    }

    @Test
    void twoEnginesLoopingOverOneFolderOfTheServerTakeEachFileOnce() throws Exception {
        java.util.List<String> all = new java.util.ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            String name = "tennyu-%02d.csv".formatted(i);
            old(name, "R-" + i);
            all.add(name);
        }
        String loop = sftp.connectionWithKey("vendor", sftp.fingerprint()) + """
            steps:
              - for-each-file:
                  folder: vendor:/export
                  stable-for: 200ms
                  done: vendor:/done/
                  steps:
                    - copy:
                        from: ${file}
                        to: ./inbox/
            """;
        ScenarioHarness other = new ScenarioHarness(dir.resolve("other"))
            .env("KARAKURI_SECRET_VENDOR_USER", SftpServer.USER)
            .env("KARAKURI_SECRET_VENDOR_KEY", sftp.privateKey());
        CompletableFuture<RunResult> first = CompletableFuture.supplyAsync(() -> h.write("s.yaml", "scenario: s\n" + loop).run());
        CompletableFuture<RunResult> second = CompletableFuture.supplyAsync(() -> other.write("s.yaml", "scenario: s\n" + loop).run());
        assertThat(first.get().status()).as(first.get().error()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(second.get().status()).as(second.get().error()).isEqualTo(RunResult.Status.SUCCEEDED);
        java.util.List<String> taken = new java.util.ArrayList<>(names(h.dir().resolve("inbox")));
        taken.addAll(names(other.dir().resolve("inbox")));
        assertThat(taken).as("each file's steps ran once, by one of the two").containsExactlyInAnyOrderElementsOf(all);
        assertThat(names(server.resolve("done"))).containsExactlyElementsOf(all);
        assertThat(names(server.resolve("export"))).as("no claim left").isEmpty();
    }

    @Test
    void aNameAlreadyTakenInDoneOnTheServerGetsANumberNothingIsOverwritten() throws Exception {
        old("tennyu.csv", "today");
        file(server.resolve("done/tennyu.csv"), "yesterday");
        RunResult r = run(sftp.fingerprint(), """
              - for-each-file:
                  folder: vendor:/export
                  stable-for: 200ms
                  done: vendor:/done
                  steps:
                    - log: ${file.name}
            """);
        assertThat(r.status()).as(r.error()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(names(server.resolve("done"))).containsExactly("tennyu (1).csv", "tennyu.csv");
        assertThat(read(server.resolve("done/tennyu.csv"))).isEqualTo("yesterday");
        assertThat(read(server.resolve("done/tennyu (1).csv"))).isEqualTo("today");
    }

    @Test
    void aDoneFolderOffTheServerIsRefusedBeforeAnyFileIsTaken() throws Exception {
        old("tennyu.csv", "R-0001");
        RunResult r = run(sftp.fingerprint(), """
              - for-each-file:
                  folder: vendor:/export
                  done: ./done/
                  steps:
                    - log: ${file.name}
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("the done folder ./done/ is not on the server of vendor:/export");
        assertThat(names(server.resolve("export"))).containsExactly("tennyu.csv");
    }

    @Test
    void forEachFileOnAServerWhoseHostKeyIsNotThePinnedOneSendsItNothing() throws Exception {
        old("tennyu.csv", "R-0001");
        String pinned = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8";
        RunResult r = run(pinned, """
              - for-each-file:
                  folder: vendor:/export
                  done: vendor:/done/
                  steps:
                    - log: ${file.name}
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("showed the host key " + sftp.fingerprint() + " (ecdsa-sha2-nistp256), not the pinned " + pinned);
        assertThat(sftp.logins).hasValue(0);
        assertThat(names(server.resolve("export"))).containsExactly("tennyu.csv");
    }

    @Test
    void waitForFileOnTheServerWaitsUntilTheFileIsThereAndComplete() throws Exception {
        h.write("s.yaml", "scenario: s\n" + sftp.connectionWithKey("vendor", sftp.fingerprint()) + """
            steps:
              - wait-for-file:
                  folder: vendor:/export
                  pattern: 住民票_*.csv
                  stable-for: 300ms
                  timeout: 30s
                  into: downloaded
              - move:
                  from: ${downloaded}
                  to: ./inbox/
              - log: ${downloaded.name} ${downloaded.size}
            """);
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> h.run());
        // the file appears on the server while the step waits
        org.karakuri.server.Eventually.until(java.time.Duration.ofSeconds(30), "the step waits", () -> h.progress().stream().anyMatch(p -> p.contains("waiting for 住民票_*.csv in vendor:/export")));
        String sha = sha256(file(server.resolve("export/住民票_0001.csv"), "住民票\n"));
        RunResult r = run.get();
        assertThat(r.status()).as(r.error()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(h.events("file-found")).singleElement().satisfies(e -> {
            assertThat(e.get("path")).isEqualTo("vendor:/export/住民票_0001.csv");
            assertThat(e.get("sha256")).isEqualTo(sha);
        });
        assertThat(read(h.dir().resolve("inbox/住民票_0001.csv"))).isEqualTo("住民票\n");
        assertThat(names(server.resolve("export"))).isEmpty();
        assertThat(h.events("log")).extracting(e -> e.get("text")).containsExactly("住民票_0001.csv " + "住民票\n".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void waitForFileOnAFolderTheServerDoesNotHaveSaysSo() {
        RunResult r = run(sftp.fingerprint(), """
              - wait-for-file:
                  folder: vendor:/exprot
                  timeout: 5s
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("vendor:/exprot is not an existing folder");
    }
}
