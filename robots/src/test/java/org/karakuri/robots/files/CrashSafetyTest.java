package org.karakuri.robots.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.karakuri.robots.files.Fixtures.names;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.spi.Hashes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.karakuri.testing.EngineProcess;

/**
 * The engine runs as a separate process over 300 files and is killed with SIGKILL at random
 * moments, several times, then allowed to finish. No file may be lost, doubled, changed or
 * left half-written, whenever the kill came.
 */
class CrashSafetyTest {
    private static final Logger log = LoggerFactory.getLogger(CrashSafetyTest.class);
    private static final int FILES = 300;
    private static final int KILLS = 4;
    private static final Duration RUN_LIMIT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private Path inbox;
    private Path done;
    private Path out;
    private final Map<String, String> originals = new LinkedHashMap<>();

    @Test
    void everyFileEndsUpInExactlyOnePlaceUnchangedWhenTheEngineIsKilledAgainAndAgain() throws Exception {
        long seed = System.nanoTime();
        log.info("crash test seed {}", seed);
        Random random = new Random(seed);
        inbox = Files.createDirectories(dir.resolve("inbox"));
        done = Files.createDirectories(dir.resolve("done"));
        out = Files.createDirectories(dir.resolve("out"));
        for (int i = 1; i <= FILES; i++) {
            String name = String.format("受付-%03d.txt", i);
            Path f = inbox.resolve(name);
            Files.writeString(f, ("受付番号 R-%04d 転入 山田 太郎\n".formatted(i)).repeat(1 + random.nextInt(40)), StandardCharsets.UTF_8);
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60)));
            originals.put(name, Hashes.sha256(f));
        }
        Path scenario = dir.resolve("batch.yaml");
        Files.writeString(scenario, """
            scenario: batch
            steps:
              - for-each-file:
                  folder: ./inbox
                  pattern: "*.txt"
                  done: ./done/
                  failed: ./failed/
                  steps:
                    - write-file:
                        path: ./out/${file.base}.out
                        text: "${file.name} ${file.size}"
                    - log: ${file.name} を処理しました
            """);

        long t0 = System.nanoTime();
        List<String> kills = new ArrayList<>();
        for (int k = 1; k <= KILLS; k++) {
            // alternate what the kill waits for: a file moved to done, or a file's output written
            // (its move still to come), so kills land in both windows of an item
            boolean onOutput = k % 2 == 0;
            Path watched = onOutput ? out : done;
            int target = count(watched) + 1 + random.nextInt(60);
            Process engine = start(scenario, k);
            try (FolderWatch watch = new FolderWatch(watched).endsWith(engine.onExit())) {
                boolean reached = watch.until(() -> count(watched) >= target, RUN_LIMIT);
                assertThat(reached).as("run %d reached %d files in %s (see %s)", k, target, watched, log(k)).isTrue();
            }
            engine.destroyForcibly();
            assertThat(engine.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(engine.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            kills.add((onOutput ? "out" : "done") + "≥" + target + " → done " + count(done));
            assertEveryFileInExactlyOnePlaceUnchanged();
        }

        Process last = start(scenario, KILLS + 1);
        assertThat(last.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("the last run ended").isTrue();
        assertThat(last.exitValue()).as("the last run succeeded (see %s)", log(KILLS + 1)).isZero();
        log.info("crash test: {} kills ({}), {} runs in {} ms", KILLS, kills, KILLS + 1, (System.nanoTime() - t0) / 1_000_000);

        assertEveryFileInExactlyOnePlaceUnchanged();
        assertThat(names(inbox)).as("nothing left in the inbox, not even a lock marker").isEmpty();
        assertThat(names(done)).containsExactlyInAnyOrderElementsOf(originals.keySet());
        assertThat(names(dir.resolve("failed"))).isEmpty();
        assertThat(names(out)).as("one output per file and no temporary file")
            .containsExactlyInAnyOrderElementsOf(originals.keySet().stream().map(n -> n.replace(".txt", ".out")).toList());
        for (String name : originals.keySet()) {
            Path output = out.resolve(name.replace(".txt", ".out"));
            assertThat(Fixtures.read(output)).isEqualTo(name + " " + Files.size(done.resolve(name)));
        }
    }

    /** Each original file is in the inbox or in done, never both, never neither, byte for byte as it was. */
    private void assertEveryFileInExactlyOnePlaceUnchanged() {
        for (Map.Entry<String, String> e : originals.entrySet()) {
            Path waiting = inbox.resolve(e.getKey());
            Path processed = done.resolve(e.getKey());
            assertThat(Files.exists(waiting) ^ Files.exists(processed)).as("%s in exactly one place", e.getKey()).isTrue();
            assertThat(Hashes.sha256(Files.exists(waiting) ? waiting : processed)).as("%s unchanged", e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(originals.keySet()).as("done holds only the originals, none twice").containsAll(names(done));
        assertThat(names(dir.resolve("failed"))).isEmpty();
    }

    private Process start(Path scenario, int run) throws IOException {
        ProcessBuilder pb = EngineProcess.of("run", scenario.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log(run).toFile());
        pb.environment().put("KARAKURI_HOME", dir.resolve("home").toString());
        pb.environment().put("LANG", "C.UTF-8");
        return pb.start();
    }

    private Path log(int run) {
        return dir.resolve("engine-" + run + ".log");
    }

    private static int count(Path folder) {
        return (int) names(folder).stream().filter(n -> !n.startsWith(".")).count();
    }
}
