package org.karakuri.load;

import java.util.List;
import java.util.ServiceLoader;
import org.karakuri.model.Scenario;

/**
 * A rule the engine holds every loaded scenario to beyond the language itself: the capability
 * policy of the engine's configuration. Found once with {@link ServiceLoader}, so that every
 * load (validate, run, serve, call) applies it without the loader knowing the rule.
 */
public interface ScenarioCheck {

    /** Adds a problem, with its place, for everything in {@code scenario} this rule refuses. */
    void check(Scenario scenario, Problems problems);

    /** The checks on the class path. */
    static List<ScenarioCheck> installed() {
        return Installed.CHECKS;
    }

    /** Loaded on first use. */
    final class Installed {
        private static final List<ScenarioCheck> CHECKS = ServiceLoader.load(ScenarioCheck.class, ScenarioCheck.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get).toList();

        private Installed() {}
    }
}
