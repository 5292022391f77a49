package org.karakuri.schedule;

import org.karakuri.lang.Steps;
import org.karakuri.model.Scenario;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.spi.LoopAction;
import org.karakuri.spi.Need;

/**
 * Whether a scenario drives a browser, so that its runs count against the node's browser limit:
 * one of its steps, nested ones included, is of an action that declares {@link Need#BROWSER}; and
 * how many browsers a run of it may hold at once (a loop over several browsers counts each).
 */
final class BrowserUse {
    private BrowserUse() {}

    static boolean of(Scenario s, ActionRegistry registry) {
        return Steps.all(s)
            .anyMatch(step -> registry.get(step.action()).map(a -> a.needs().contains(Need.BROWSER)).orElse(true));
    }

    /** How many of the node's browser slots a run takes: 0 without a browser, else its widest loop's browsers (at least 1). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int slots(Scenario s, ActionRegistry registry) {
        if (!of(s, registry)) {
            return 0;
        }
        return Steps.all(s)
            .mapToInt(step -> registry.get(step.action()).map(a -> a instanceof LoopAction loop ? loop.browsers(step.params()) : 1).orElse(1))
            .max().orElse(1);
    }
}
