package org.karakuri.schedule;

import org.karakuri.lang.Steps;
import org.karakuri.model.Scenario;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.spi.Need;

/**
 * Whether a scenario drives a browser, so that its runs count against the node's browser limit:
 * one of its steps, nested ones included, is of an action that declares {@link Need#BROWSER}.
 */
final class BrowserUse {
    private BrowserUse() {}

    static boolean of(Scenario s, ActionRegistry registry) {
        return Steps.all(s)
            .anyMatch(step -> registry.get(step.action()).map(a -> a.needs().contains(Need.BROWSER)).orElse(true));
    }
}
