package org.karakuri.compile;

import org.apache.camel.Exchange;
import org.karakuri.context.DefaultStepContext;
import org.karakuri.context.RunState;
import org.karakuri.context.Scope;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;

/** What a run keeps on its Camel exchange, each in a typed {@link Slot}. */
final class Exchanges {
    /** The run the exchange belongs to. */
    static final Slot<RunState> RUN = new Slot<>("karakuri.run", RunState.class);
    /** The scenario whose steps are running (a called one inside {@code call}). */
    static final Slot<Scenario> SCENARIO = new Slot<>("karakuri.scenario", Scenario.class);
    /** The variables the steps see: the run's, or an item's on top of them inside a loop. */
    static final Slot<Scope> SCOPE = new Slot<>("karakuri.scope", Scope.class);
    /** Which browser of a loop over several browsers the exchange runs in (none: 1). */
    static final Slot<Integer> LANE = new Slot<>("karakuri.lane", Integer.class);
    /** How deep {@code call}s are nested. */
    static final Slot<Integer> CALL_DEPTH = new Slot<>("karakuri.call-depth", Integer.class);

    private Exchanges() {}

    static RunState run(Exchange ex) {
        return RUN.get(ex);
    }

    static Scenario scenario(Exchange ex) {
        return SCENARIO.get(ex);
    }

    static Scope scope(Exchange ex) {
        return SCOPE.get(ex);
    }

    static DefaultStepContext context(Exchange ex, Step step) {
        return new DefaultStepContext(run(ex), scenario(ex), step, scope(ex), ex, LANE.get(ex, 1));
    }
}
