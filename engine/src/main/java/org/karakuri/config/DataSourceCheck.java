package org.karakuri.config;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.karakuri.i18n.Position;
import org.karakuri.lang.Field;
import org.karakuri.lang.Shape;
import org.karakuri.lang.Steps;
import org.karakuri.load.Problems;
import org.karakuri.load.ScenarioCheck;
import org.karakuri.model.Reaches;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;

/**
 * The capability policy for databases: a step may name only a data source of the engine's
 * configuration ({@code data-sources:} in engine.yaml). Every load applies it, so
 * {@code validate}, {@code run} and {@code serve} refuse an unknown name at its file:line:col
 * before anything runs; the runner refuses it again when a connection is asked for.
 */
public final class DataSourceCheck implements ScenarioCheck {

    @Override
    public void check(Scenario scenario, Problems problems) {
        check(scenario, EngineConfig.current(), problems);
    }

    static void check(Scenario scenario, EngineConfig config, Problems problems) {
        List<String> lines = null;
        for (Step step : Steps.all(scenario).toList()) {
            for (Field f : Shape.of(step.params().getClass()).fields()) {
                Reaches reaches = f.component().getAnnotation(Reaches.class);
                if (reaches != null && reaches.value() == Reaches.Kind.DATA_SOURCE && f.valueIn(step.params()) instanceof String name
                    && config.dataSource(name).isEmpty()) {
                    if (lines == null) {
                        lines = lines(scenario);
                    }
                    problems.add(place(step.position(), f.key() + ":", lines), step.path() + "." + step.action() + "." + f.key(),
                        "data-source.unknown", name, names(config));
                }
            }
        }
    }

    /** The names an administrator gave, for messages: {@code kikan, jumin}, or {@code -}. */
    public static String names(EngineConfig config) {
        return config.dataSources().isEmpty() ? "-" : String.join(", ", config.dataSources().keySet());
    }

    private static List<String> lines(Scenario scenario) {
        try {
            return scenario.file() == null || !Files.isRegularFile(scenario.file()) ? List.of() : Files.readAllLines(scenario.file());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Where {@code key} is first written at or after the step's line (within the next 40 lines), else the step. */
    private static Position place(Position step, String key, List<String> lines) {
        if (step == null) {
            return Position.UNKNOWN;
        }
        for (int i = Math.max(0, step.line() - 1); i < Math.min(lines.size(), step.line() + 40); i++) {
            int col = lines.get(i).indexOf(key);
            if (col >= 0) {
                return new Position(step.file(), i + 1, col + key.length() + 2);
            }
        }
        return step;
    }
}
