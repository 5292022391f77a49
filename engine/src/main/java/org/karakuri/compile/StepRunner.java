package org.karakuri.compile;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.ExchangeHelper;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;

/**
 * Runs a list of steps from inside a step (the re-login steps of an expired session) on the
 * same run, scope and scenario: the list is compiled once into a route of its own.
 */
final class StepRunner {
    private final RouteCompiler compiler;
    private final Map<List<Step>, String> routes = new IdentityHashMap<>();

    StepRunner(RouteCompiler compiler) {
        this.compiler = compiler;
    }

    void run(Exchange ex, List<Step> steps) throws Exception {
        CamelContext camel = ex.getContext();
        String routeId = route(camel, Exchanges.scenario(ex), steps);
        Exchange copy = ExchangeHelper.createCopy(ex, true);
        ProducerTemplate producer = camel.createProducerTemplate();
        try {
            producer.send("direct:" + routeId, copy);
        } finally {
            producer.stop();
        }
        if (copy.getException() != null) {
            throw copy.getException();
        }
    }

    private synchronized String route(CamelContext camel, Scenario scenario, List<Step> steps) throws Exception {
        String id = routes.get(steps);
        if (id == null || camel.getRoute(id) == null) {
            id = RouteCompiler.routeId(scenario) + ":steps-" + routes.size();
            camel.addRoutes(compiler.stepsRoute(id, scenario, steps));
            routes.put(steps, id);
        }
        return id;
    }
}
