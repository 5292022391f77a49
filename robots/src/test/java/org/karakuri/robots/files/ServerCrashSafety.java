package org.karakuri.robots.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.karakuri.robots.files.Fixtures.names;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.spi.Hashes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.karakuri.testing.EngineProcess;

/**
 * The engine, a separate process, moves 200 files from a server (SFTP or a share) to a local folder and
 * from there to another folder on the server, and is killed with SIGKILL at random moments in
 * both directions, then allowed to finish. Between a kill and the next run a file may be at
 * both ends of the move it was in; never lost, never changed, never twice at a target, never
 * half there under its own name. After the last run every file is on the server's import
 * folder once, byte for byte, and nothing else is left anywhere.
 * The subclasses say which server; tagged long (five engine starts each, about two minutes on a
 * loaded machine): {@code .ci/run} runs them.
 */
@Tag("long")
abstract class ServerCrashSafety {
    private static final Logger log = LoggerFactory.getLogger(ServerCrashSafety.class);
    private static final int FILES = 200;
    private static final int KILLS = 4;
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private Path export;
    private Path inbox;
    private Path imported;
    private final Map<String, String> originals = new LinkedHashMap<>();

    /** A server on loopback serving {@code root}, whose {@code export} and {@code import} folders the scenario reaches as {@code vendor:/…}. */
    abstract AutoCloseable serve(Path root);

    /** The scenario's {@code connections:} block naming the server {@code vendor}. */
    abstract String connection(AutoCloseable server);

    /** The secrets the engine reads for that connection, as environment variables. */
    abstract Map<String, String> secrets(AutoCloseable server);

    @Test
    void everyFileEndsUpOnceAtTheTargetUnchangedWhenTheEngineIsKilledInBothDirections() throws Exception {
        long seed = System.nanoTime();
        log.info("{} seed {}", getClass().getSimpleName(), seed);
        Random random = new Random(seed);
        Path root = Files.createDirectories(dir.resolve("server"));
        export = Files.createDirectories(root.resolve("export"));
        imported = Files.createDirectories(root.resolve("import"));
        inbox = Files.createDirectories(dir.resolve("inbox"));
        for (int i = 1; i <= FILES; i++) {
            String name = String.format("tennyu-%03d.csv", i);
            Path f = export.resolve(name);
            Files.writeString(f, "受付番号,氏名\nR-%04d,山田 太郎\n".formatted(i).repeat(1 + random.nextInt(400)), StandardCharsets.UTF_8);
            originals.put(name, Hashes.sha256(f));
        }
        try (AutoCloseable server = serve(root)) {
            Path scenario = dir.resolve("exchange.yaml");
            Files.writeString(scenario, "scenario: exchange\n" + connection(server) + """
                steps:
                  - move:
                      from: vendor:/export/*.csv
                      to: ./inbox/
                      if-none: ok
                  - move:
                      from: ./inbox/*.csv
                      to: vendor:/import/
                      if-none: ok
                """);
            List<String> kills = new ArrayList<>();
            for (int k = 1; k <= KILLS; k++) {
                // the first kills land while files arrive here, the others while they arrive on the server
                boolean down = k <= KILLS / 2;
                Path watched = down ? inbox : imported;
                java.util.function.IntSupplier arrived = down ? () -> count(inbox) + count(imported) : () -> count(imported);
                int target = Math.min(FILES - 1, arrived.getAsInt() + 1 + random.nextInt(FILES / 3));
                Process engine = start(scenario, k, server);
                try (FolderWatch watch = new FolderWatch(watched).endsWith(engine.onExit())) {
                    boolean reached = watch.until(() -> arrived.getAsInt() >= target, RUN_LIMIT);
                    assertThat(reached).as("run %d reached %d files (%s; see %s)", k, target, watched, log(k)).isTrue();
                }
                engine.destroyForcibly();
                assertThat(engine.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(engine.exitValue()).as("killed by SIGKILL").isEqualTo(137);
                kills.add(dir.relativize(watched) + "≥" + target);
                assertNothingLostChangedOrDoubled();
            }
            Process last = start(scenario, KILLS + 1, server);
            assertThat(last.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("the last run ended").isTrue();
            assertThat(last.exitValue()).as("the last run succeeded (see %s)", log(KILLS + 1)).isZero();
            log.info("{}: {} kills ({})", getClass().getSimpleName(), KILLS, kills);
        }
        assertThat(names(export)).isEmpty();
        assertThat(names(inbox)).as("nothing left here, not even a temporary file").isEmpty();
        assertThat(names(imported)).as("every file once on the server, no temporary name left").containsExactlyElementsOf(originals.keySet());
        for (Map.Entry<String, String> e : originals.entrySet()) {
            assertThat(Hashes.sha256(imported.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    /** Every file somewhere, unchanged wherever it is under its own name; no other name at any target. */
    private void assertNothingLostChangedOrDoubled() {
        for (Map.Entry<String, String> e : originals.entrySet()) {
            List<Path> places = new ArrayList<>();
            for (Path folder : List.of(export, inbox, imported)) {
                if (Files.exists(folder.resolve(e.getKey()))) {
                    places.add(folder.resolve(e.getKey()));
                }
            }
            assertThat(places).as("%s is somewhere", e.getKey()).isNotEmpty().hasSizeLessThanOrEqualTo(2);
            for (Path p : places) {
                assertThat(Hashes.sha256(p)).as("%s unchanged", p).isEqualTo(e.getValue());
            }
        }
        for (Path folder : List.of(inbox, imported)) {
            assertThat(names(folder).stream().filter(n -> !n.startsWith(".")))
                .as("only the originals' names in %s, none twice", folder).allMatch(originals::containsKey);
        }
    }

    private Process start(Path scenario, int run, AutoCloseable server) throws IOException {
        ProcessBuilder pb = EngineProcess.of("run", scenario.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log(run).toFile());
        pb.environment().put("KARAKURI_HOME", dir.resolve("home").toString());
        pb.environment().putAll(secrets(server));
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
