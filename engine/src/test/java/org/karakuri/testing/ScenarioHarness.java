package org.karakuri.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.karakuri.event.EventSink;
import org.karakuri.event.RunEvent;
import org.karakuri.run.RunOptions;
import org.karakuri.context.RunResult;
import org.karakuri.run.Runner;

/**
 * Runs scenarios in tests: writes YAML into a folder, runs it with a private KARAKURI_HOME and
 * environment, and keeps every event and progress line for assertions.
 *
 * <pre>
 * ScenarioHarness h = new ScenarioHarness(tempDir);
 * RunResult r = h.write("s.yaml", """
 *     scenario: s
 *     steps:
 *       - log: hello
 *     """).run();
 * assertThat(h.events("log")).hasSize(1);
 * </pre>
 */
public final class ScenarioHarness {
    private final Path dir;
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> overrides = new HashMap<>();
    private final List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());
    private Path file;
    private Clock clock = Clock.systemDefaultZone();
    private boolean dryRun;
    private final List<org.karakuri.spi.Action<?>> extraActions = new ArrayList<>();

    public ScenarioHarness(Path dir) {
        this.dir = dir;
        env.put("KARAKURI_HOME", dir.resolve(".karakuri").toString());
        // the master key a run may make (a hidden row key) stays in the test's folder, never in the user's home
        env.put("KARAKURI_MASTER_KEY_FILE", dir.resolve(".karakuri-keys/master.key").toString());
    }

    public Path dir() {
        return dir;
    }

    public Path home() {
        return Path.of(env.get("KARAKURI_HOME"));
    }

    /** Writes {@code yaml} to {@code name} in the folder; the next {@link #run()} runs it. */
    public ScenarioHarness write(String name, String yaml) {
        try {
            file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The environment runs get (KARAKURI_HOME, the test's master key file, what {@link #env(String, String)} set). */
    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    public ScenarioHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public ScenarioHarness set(String name, String value) {
        overrides.put(name, value);
        return this;
    }

    public ScenarioHarness clock(Clock c) {
        clock = c;
        return this;
    }

    public ScenarioHarness dryRun(boolean d) {
        dryRun = d;
        return this;
    }

    /** Adds actions only this test knows, beside the installed ones. */
    public ScenarioHarness withActions(org.karakuri.spi.Action<?>... actions) {
        extraActions.addAll(List.of(actions));
        return this;
    }

    public org.karakuri.spi.ActionRegistry registry() {
        List<org.karakuri.spi.Action<?>> all = new ArrayList<>(org.karakuri.spi.ActionRegistry.installed().all());
        all.addAll(extraActions);
        return org.karakuri.spi.ActionRegistry.of(all);
    }

    public RunResult run() {
        return run(file);
    }

    public RunResult run(Path scenario) {
        events.clear();
        progress.clear();
        EventSink keep = events::add;
        RunOptions options = RunOptions.defaults().withEnv(env).withHome(home()).withOverrides(overrides).withDryRun(dryRun)
            .withClock(clock).withProgress(progress::add).withSinks(List.of(keep));
        try {
            return new Runner(registry()).run(scenario, options);
        } finally {
            keyFileForCommands();
        }
    }

    /** Commands run in the test (audit verify, runs prune) find the runs' master key through engine.yaml, unless the test wrote its own. */
    private void keyFileForCommands() {
        Path config = home().resolve("engine.yaml");
        if (Files.isDirectory(home()) && !Files.exists(config)) {
            try {
                Files.writeString(config, "secrets:\n  key-file: " + env.get("KARAKURI_MASTER_KEY_FILE") + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What a command printed (its output and errors, in English) and its exit code. */
    public record Output(int code, String text) {}

    /** Runs {@code ./karakuri ARGS…} in this JVM on this harness's home, in English. */
    public Output command(String... args) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--lang", "en"));
        all.addAll(List.of(args));
        java.io.PrintStream print = new java.io.PrintStream(o, true, StandardCharsets.UTF_8);
        int code = org.karakuri.cli.Main.execute(all.toArray(String[]::new), print, print, home());
        return new Output(code, o.toString(StandardCharsets.UTF_8));
    }

    public List<RunEvent> events() {
        return List.copyOf(events);
    }

    public List<RunEvent> events(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    public List<String> progress() {
        return List.copyOf(progress);
    }

    /** Everything under KARAKURI_HOME as one text (for "the secret appears nowhere" checks). */
    public String homeText() {
        StringBuilder b = new StringBuilder();
        if (!Files.exists(home())) {
            return "";
        }
        try (var files = Files.walk(home())) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                b.append(new String(Files.readAllBytes(p), StandardCharsets.UTF_8)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }
}
