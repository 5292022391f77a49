package org.karakuri.compile;

import org.apache.camel.Exchange;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;
import org.karakuri.context.DefaultStepContext;
import org.karakuri.context.RunState;
import org.karakuri.context.Scope;

/** What a run keeps on its Camel exchange: the run, the scenario being executed and the variable scope. */
public final class Exchanges {
    public static final String RUN = "karakuri.run";
    public static final String SCENARIO = "karakuri.scenario";
    public static final String SCOPE = "karakuri.scope";

    private Exchanges() {}

    public static RunState run(Exchange ex) {
        return ex.getProperty(RUN, RunState.class);
    }

    public static Scenario scenario(Exchange ex) {
        return ex.getProperty(SCENARIO, Scenario.class);
    }

    public static Scope scope(Exchange ex) {
        return ex.getProperty(SCOPE, Scope.class);
    }

    public static DefaultStepContext context(Exchange ex, Step step) {
        return new DefaultStepContext(run(ex), scenario(ex), step, scope(ex), ex);
    }
}
