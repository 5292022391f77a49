package org.karakuri.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive in a closed network: unpacked on a machine where the process sees only loopback
 * (a network namespace of its own, {@code unshare -n}), no {@code mvn} on the PATH and an empty
 * Maven repository in a home of its own. It validates the examples, runs a files scenario and
 * runs the demo (Chromium against the demo system on loopback).
 */
@Tag("long")
class OfflineArchiveIT {
    private static final Duration LIMIT = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    Path app;
    Path home;
    Map<String, String> env;

    @BeforeEach
    void unpackOnAMachineWithoutMavenOrNetwork() throws IOException {
        Path opt = Files.createDirectories(dir.resolve("opt"));
        Proc.ok(opt, Map.of("PATH", "/usr/bin:/bin"), LIMIT, "unzip", "-q", Archive.zip().toString());
        app = opt.resolve(Archive.folderName());
        home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve(".m2/repository"));
        env = Map.of("HOME", home.toString(), "PATH", pathWithoutMaven().toString(), "LANG", "C.UTF-8", "KARAKURI_LANG", "en");
    }

    @Test
    void validatesTheExamplesRunsAFilesScenarioAndTheDemoWithNoNetworkAndNoMaven() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        Folders.copy(app.resolve("scenarios/examples"), work);
        Files.writeString(work.resolve("inbox/tenshutsu.csv"), "受付番号,氏名\nR-1,山田 太郎\n", StandardCharsets.UTF_8);

        // the namespace has loopback and nothing else, and there is no Maven to fall back on
        Proc outside = offline(work, "bash", "-c", "exec 3<>/dev/tcp/151.101.0.215/443");
        assertThat(outside.exit()).as(outside.describe()).isNotZero();
        assertThat(outside.output()).contains("Network is unreachable");
        assertThat(offline(work, "bash", "-c", "command -v mvn").exit()).isNotZero();

        // the examples that read a database name it as the administrator would: engine.yaml of the docs' example
        Files.createDirectories(home.resolve(".karakuri"));
        Files.copy(app.resolve("docs/examples/engine-data-sources.yaml"), home.resolve(".karakuri/engine.yaml"));
        List<String> validate = new ArrayList<>(List.of(launcher(), "validate"));
        try (Stream<Path> examples = Files.list(app.resolve("scenarios/examples"))) {
            examples.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> validate.add(p.toString()));
        }
        assertThat(validate).hasSizeGreaterThan(3);
        Proc valid = offline(work, validate.toArray(String[]::new));
        assertThat(valid.exit()).as(valid.describe()).isZero();

        Proc files = offline(work, launcher(), "run", "nightly-filing.yaml");
        assertThat(files.exit()).as(files.describe()).isZero();
        assertThat(work.resolve("done")).isDirectoryContaining("glob:**/tennyu.csv").isDirectoryContaining("glob:**/tenshutsu.csv");
        assertThat(work.resolve("receipts/tenshutsu.txt")).content(StandardCharsets.UTF_8).contains("tenshutsu.csv");

        Proc demo = offline(work, launcher(), "demo");
        assertThat(demo.exit()).as(demo.describe()).isZero();
        try (Stream<Path> reports = Files.walk(home.resolve(".karakuri/demo"))) {
            assertThat(reports.filter(p -> p.getFileName().toString().equals("report.html")))
                .singleElement().satisfies(r -> assertThat(demo.output()).contains(r.toString()));
        }

        assertThat(work.resolve(".karakuri")).doesNotExist();
        try (Stream<Path> m2 = Files.list(home.resolve(".m2/repository"))) {
            assertThat(m2).as("the Maven repository stays empty").isEmpty();
        }
    }

    private String launcher() {
        return app.resolve("bin/karakuri").toString();
    }

    /** Runs {@code command} in a network namespace of its own, with loopback up. */
    private Proc offline(Path work, String... command) {
        List<String> wrapped = new ArrayList<>(List.of("/usr/bin/unshare", "-n", "--", "/bin/sh", "-c",
            "/usr/sbin/ip link set lo up && exec \"$@\"", "offline"));
        wrapped.addAll(List.of(command));
        Proc p = Proc.run(work, env, LIMIT, wrapped);
        if (p.output().contains("unshare failed") || p.output().contains("Operation not permitted")) {
            throw new AssertionError("this test needs to make a network namespace (root, or a user namespace): " + p.describe());
        }
        return p;
    }

    /** A folder of links to every program of the system's bin folders but Maven's. */
    private Path pathWithoutMaven() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String folder : List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path f = Path.of(folder);
            if (!Files.isDirectory(f)) {
                continue;
            }
            try (Stream<Path> programs = Files.list(f)) {
                for (Path p : programs.toList()) {
                    String name = p.getFileName().toString();
                    if (!name.startsWith("mvn") && !Files.exists(bin.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(bin.resolve(name), p);
                    }
                }
            }
        }
        return bin;
    }
}
