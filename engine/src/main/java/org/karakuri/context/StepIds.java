package org.karakuri.context;

import java.nio.file.Path;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;

/** Ids that point at YAML: {@code tennyu-entry@tennyu.yaml:14:7}, used for Camel processors, events and logs. */
public final class StepIds {
    private StepIds() {}

    public static String of(Scenario scenario, Step step) {
        return scenario.id() + "@" + fileName(step.position().file()) + ":" + step.position().line() + ":" + step.position().column();
    }

    static String fileName(String file) {
        Path p = Path.of(file).getFileName();
        return p == null ? file : p.toString();
    }
}
