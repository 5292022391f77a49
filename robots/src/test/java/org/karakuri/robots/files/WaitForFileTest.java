package org.karakuri.robots.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.karakuri.robots.files.Fixtures.file;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.event.EventSink;
import org.karakuri.event.RunEvent;
import org.karakuri.run.RunOptions;
import org.karakuri.context.RunResult;
import org.karakuri.run.Runner;
import org.karakuri.testing.ScenarioHarness;

class WaitForFileTest {
    @TempDir
    Path dir;

    private ScenarioHarness h;

    @BeforeAll
    static void english() {
        Fixtures.english();
    }

    private RunResult run(String steps) {
        h = new ScenarioHarness(dir);
        return h.write("s.yaml", "scenario: s\nsteps:\n" + steps.stripIndent()).run();
    }

    @Test
    void findsACompleteFileThatIsAlreadyThereAndKeepsItInAVariable() {
        Path report = file(dir.resolve("downloads/住民票_0501.csv"), "氏名\n山田\n");
        file(dir.resolve("downloads/other.txt"), "x");
        RunResult r = run("""
              - wait-for-file:
                  folder: ./downloads
                  pattern: 住民票_*.csv
                  into: downloaded
              - log: ${downloaded.name} ${downloaded.size} ${downloaded}
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(h.events("log")).singleElement().satisfies(e -> assertThat(e.get("text"))
            .isEqualTo("住民票_0501.csv " + Files.size(report) + " " + report));
        assertThat(h.events("file-found")).singleElement().satisfies(e -> {
            assertThat(e.get("path")).isEqualTo(report.toString());
            assertThat(e.get("sha256")).isEqualTo(Fixtures.sha256(report));
        });
        assertThat(Fixtures.names(dir.resolve("downloads"))).containsExactly("other.txt", "住民票_0501.csv");
    }

    @Test
    void waitsForAFileThatIsStillBeingWritten() throws Exception {
        Files.createDirectories(dir.resolve("downloads"));
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, """
            scenario: s
            steps:
              - wait-for-file:
                  folder: ./downloads
                  pattern: "*.csv"
                  stable-for: 300ms
                  timeout: 30s
                  into: found
              - log: ${found.size}
            """);
        CountDownLatch waiting = new CountDownLatch(1);
        List<RunEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        EventSink sink = e -> {
            events.add(e);
            if (e.type().equals("step-started") && "wait-for-file".equals(e.get("action"))) {
                waiting.countDown();
            }
        };
        Path home = dir.resolve(".karakuri");
        RunOptions options = RunOptions.defaults().withEnv(Map.of("KARAKURI_HOME", home.toString())).withHome(home)
            .withSinks(List.of(sink));
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> new Runner().run(scenario, options));
        assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();

        Path file = dir.resolve("downloads/result.csv");
        CountDownLatch firstHalf = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        byte[] half = "受付番号,氏名\nR-0001,山田\n".getBytes(StandardCharsets.UTF_8);
        byte[] rest = "R-0002,佐藤\n".getBytes(StandardCharsets.UTF_8);
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(half);
                out.flush();
                // a writer that is still busy: the file keeps looking freshly modified
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(3600)));
                firstHalf.countDown();
                finish.await();
                out.write(rest);
                out.flush();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            try {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }, "slow-writer");
        writer.start();
        assertThat(firstHalf.await(30, TimeUnit.SECONDS)).isTrue();

        // half a file, "changing", for several times stable-for: the wait must go on
        assertThatThrownBy(() -> run.get(1500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(events).noneMatch(e -> e.type().equals("file-found"));

        finish.countDown();
        writer.join();
        RunResult r = run.get(30, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        long full = half.length + rest.length;
        assertThat(events).filteredOn(e -> e.type().equals("file-found")).singleElement()
            .satisfies(e -> assertThat(e.get("size")).isEqualTo(full));
        assertThat(events).filteredOn(e -> e.type().equals("log")).singleElement()
            .satisfies(e -> assertThat(e.get("text")).isEqualTo(String.valueOf(full)));
    }

    @Test
    void timesOutNamingTheFolderThePatternAndHowLongItWaited() {
        Path downloads = dir.resolve("downloads");
        file(downloads.resolve("other.txt"), "x");
        RunResult r = run("""
              - wait-for-file:
                  folder: ./downloads
                  pattern: "*.csv"
                  timeout: 600ms
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("no completely written file matching '*.csv' appeared in " + downloads + " within 600ms")
            .contains("raise \"timeout:\"");
    }

    @Test
    void onTimeoutSaysWhichMatchingFilesWereStillBeingWritten() throws Exception {
        Path downloads = dir.resolve("downloads");
        Path busy = file(downloads.resolve("a.csv"), "half");
        Files.setLastModifiedTime(busy, FileTime.from(Instant.now().plusSeconds(3600)));
        RunResult r = run("""
              - wait-for-file:
                  folder: ./downloads
                  pattern: "*.csv"
                  stable-for: 100ms
                  timeout: 800ms
            """);
        assertThat(r.error()).contains("within 800ms (there but still being written: a.csv)");
    }
}
