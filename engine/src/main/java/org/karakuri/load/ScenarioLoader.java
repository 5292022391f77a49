package org.karakuri.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.karakuri.model.Scenario;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.yaml.YNode;

/**
 * Reads and validates a scenario file: YAML → {@link YNode} tree → {@link Scenario} records.
 * Every problem of the file is collected; a file with any problem yields no scenario.
 */
public final class ScenarioLoader {
    private final ActionRegistry registry;
    private final YamlReader reader = new YamlReader();

    public ScenarioLoader(ActionRegistry registry) {
        this.registry = registry;
    }

    public ScenarioLoader() {
        this(ActionRegistry.installed());
    }

    /** The outcome of checking one file: the scenario when valid, else the problems in file order. */
    public record Result(Scenario scenario, List<Problem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** The scenario, or {@link InvalidScenarioException} with every problem of the file. */
    public Scenario load(Path file) {
        Result r = check(file);
        if (!r.valid()) {
            throw new InvalidScenarioException(r.problems());
        }
        return r.scenario();
    }

    public Result check(Path file) {
        return check(file, file.toString());
    }

    /** Checks {@code file}, naming it {@code displayName} in messages. */
    public Result check(Path file, String displayName) {
        Problems problems = new Problems();
        YNode root = reader.read(file, displayName, problems);
        String source = null;
        if (root != null) {
            try {
                source = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                source = null;
            }
        }
        return bind(root, source, file, problems);
    }

    /** Checks YAML text as if it were the file {@code file} (tests, the HTTP API). */
    public Result checkText(String text, Path file) {
        return checkText(text, file, file.toString());
    }

    /** Checks YAML text as if it were the file {@code file}, naming it {@code displayName} in messages (the HTTP API: no server paths). */
    public Result checkText(String text, Path file, String displayName) {
        Problems problems = new Problems();
        YNode root = reader.read(text, displayName, problems);
        return bind(root, text, file, problems);
    }

    private Result bind(YNode root, String source, Path file, Problems problems) {
        Scenario scenario = null;
        if (root != null) {
            Binder binder = new Binder(registry, problems, source, Map.of("file", file.toAbsolutePath().normalize()));
            scenario = binder.bindRecord(root, Scenario.class, "");
            if (scenario != null) {
                for (ScenarioCheck check : ScenarioCheck.installed()) {
                    check.check(scenario, problems);
                }
            }
        }
        List<Problem> list = problems.sorted();
        return new Result(list.isEmpty() ? scenario : null, list);
    }
}
