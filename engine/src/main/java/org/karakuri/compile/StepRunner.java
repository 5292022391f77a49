package org.karakuri.compile;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.support.ExchangeHelper;
import org.karakuri.model.Step;

/**
 * Runs a list of steps from inside a step (the re-login steps of an expired session) on the
 * same run, scope and scenario: the list is compiled once into a route of its own, in the
 * scenario version's route group.
 */
final class StepRunner {
    private final CamelRuntime runtime;

    StepRunner(CamelRuntime runtime) {
        this.runtime = runtime;
    }

    void run(Exchange ex, List<Step> steps) throws Exception {
        String endpoint = runtime.stepsEndpoint(Exchanges.scenario(ex), steps);
        Exchange copy = ExchangeHelper.createCopy(ex, true);
        runtime.producer().send(endpoint, copy);
        if (copy.getException() != null) {
            throw copy.getException();
        }
    }
}
