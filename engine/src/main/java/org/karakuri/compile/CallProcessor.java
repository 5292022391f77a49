package org.karakuri.compile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.ExchangeHelper;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.load.InvalidScenarioException;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;
import org.karakuri.context.DefaultStepContext;
import org.karakuri.context.Scope;
import org.karakuri.context.StepIds;
import org.karakuri.context.Variables;
import org.karakuri.model.Entries;

/** {@code call}: runs another scenario's route in this run, with its own variables. */
final class CallProcessor implements Processor {
    static final String DEPTH = "karakuri.call-depth";
    static final int MAX_DEPTH = 16;

    private final Step step;
    private final Template file;
    private final Entries<Template> with;
    private final Callees callees;

    CallProcessor(Step step, Template file, Entries<Template> with, Callees callees) {
        this.step = step;
        this.file = file;
        this.with = with;
        this.callees = callees;
    }

    @Override
    public void process(Exchange ex) throws Exception {
        DefaultStepContext ctx = Exchanges.context(ex, step);
        String id = StepIds.of(ctx.scenario(), step);
        int depth = ex.getProperty(DEPTH, 0, Integer.class);
        if (depth >= MAX_DEPTH) {
            throw new KarakuriException(step.position(), null, "call.too-deep", MAX_DEPTH);
        }
        Path path;
        Scenario callee;
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            path = ctx.path(ctx.text(file));
            callee = callees.load(path);
            for (Entries.Entry<Template> e : with.list()) {
                values.put(e.key(), e.value() == null ? null : ctx.value(e.value()));
            }
        } catch (KarakuriException e) {
            throw e.at(step.position());
        }
        ctx.state().events().emit("call-started", id, step.position(), Map.of("scenario", callee.id(), "file", path.getFileName().toString()));
        Scope scope = Scope.root();
        Variables.evaluate(ctx.state(), callee, scope, values);
        String endpoint = callees.route(ex.getContext(), callee);
        Exchange copy = ExchangeHelper.createCopy(ex, true);
        copy.setProperty(Exchanges.SCENARIO, callee);
        copy.setProperty(Exchanges.SCOPE, scope);
        copy.setProperty(DEPTH, depth + 1);
        ProducerTemplate producer = ex.getContext().createProducerTemplate();
        try {
            producer.send(endpoint, copy);
        } finally {
            producer.stop();
        }
        ctx.state().events().emit("call-ended", id, step.position(),
            Map.of("scenario", callee.id(), "outcome", copy.getException() == null ? "ok" : "failed"));
        if (copy.getException() != null) {
            throw copy.getException();
        }
        ex.getMessage().setBody(copy.getMessage().getBody());
    }

    /** Called scenarios, loaded and compiled once per run. */
    static final class Callees {
        private final ScenarioLoader loader;
        private final RouteCompiler compiler;
        private final Map<Path, Scenario> loaded = new HashMap<>();

        Callees(ScenarioLoader loader, RouteCompiler compiler) {
            this.loader = loader;
            this.compiler = compiler;
        }

        synchronized Scenario load(Path file) {
            Scenario s = loaded.get(file);
            if (s == null) {
                try {
                    s = loader.load(file);
                } catch (InvalidScenarioException e) {
                    throw new KarakuriException("call.invalid", file.getFileName().toString(), e.getMessage());
                }
                loaded.put(file, s);
            }
            return s;
        }

        synchronized String route(CamelContext camel, Scenario callee) throws Exception {
            if (camel.getRoute(RouteCompiler.routeId(callee)) == null) {
                camel.addRoutes(compiler.routes(callee));
            }
            return RouteCompiler.endpoint(callee);
        }
    }
}
