package org.karakuri.compile;

import java.nio.file.Files;
import java.nio.file.Path;
import org.karakuri.context.StepIds;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;
import org.karakuri.spi.Hashes;

/**
 * One version of a scenario file as routes in the engine's Camel context: its route group is
 * {@code karakuri:<id>@<file>#<hash>} (the first 12 hex digits of the file's SHA-256), so an
 * edited file gets new routes beside the old ones, and the old ones go when no run uses them.
 */
record RouteVersion(Scenario scenario, String hash) {

    static RouteVersion of(Scenario scenario) {
        Path file = scenario.file();
        String hash = file != null && Files.isRegularFile(file) ? Hashes.sha256(file).substring(0, 12)
            : Integer.toHexString(System.identityHashCode(scenario));
        return new RouteVersion(scenario, hash);
    }

    /** The route group, also the scenario route's id. */
    String group() {
        String file = scenario.file() == null ? "inline" : String.valueOf(scenario.file().getFileName());
        return "karakuri:" + scenario.id() + "@" + file + "#" + hash;
    }

    String endpoint() {
        return "direct:" + group();
    }

    /** The id of a step's processor: unique in the context, so two versions can live side by side. */
    String nodeId(Step step) {
        return StepIds.of(scenario, step) + "#" + hash;
    }
}
