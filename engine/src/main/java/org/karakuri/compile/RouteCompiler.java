package org.karakuri.compile;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.LoopDefinition;
import org.apache.camel.model.TryDefinition;
import org.karakuri.expr.Condition;
import org.karakuri.expr.Template;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;
import org.karakuri.context.StepIds;
import org.karakuri.spi.Action;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.spi.BlockAction;
import org.karakuri.spi.Compilation;
import org.karakuri.spi.ControlAction;
import org.karakuri.model.Entries;
import org.karakuri.spi.LoopAction;
import org.karakuri.spi.SimpleAction;

/**
 * Compiles a scenario into one Camel route, {@code direct:karakuri:<id>@<file>}. Control steps
 * compile themselves into Camel's own constructs ({@link ControlAction}: {@code if} a choice,
 * {@code try} a doTry), loops a
 * {@code loopDoWhile} that takes each item when its turn comes, {@code retry} a redelivery policy on a step route of its own, {@code on-error} a
 * doCatch around the whole route. Every processor id is the step's {@code id@file:line:col}.
 */
public final class RouteCompiler {
    private final ActionRegistry registry;
    private final ScenarioLoader loader;
    private final StepRunner stepRunner = new StepRunner(this);
    private final CallProcessor.Callees callees;

    public RouteCompiler(ActionRegistry registry, ScenarioLoader loader) {
        this.registry = registry;
        this.loader = loader;
        this.callees = new CallProcessor.Callees(loader, this);
    }

    public static String routeId(Scenario scenario) {
        String file = scenario.file() == null ? "inline" : String.valueOf(scenario.file().getFileName());
        return "karakuri:" + scenario.id() + "@" + file;
    }

    public static String endpoint(Scenario scenario) {
        return "direct:" + routeId(scenario);
    }

    /** The scenario's route. */
    public RouteBuilder routes(Scenario scenario) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                var route = from(RouteCompiler.endpoint(scenario)).routeId(routeId(scenario)).errorHandler(noErrorHandler());
                if (scenario.onError().isEmpty()) {
                    steps(this, route, scenario, scenario.steps());
                } else {
                    TryDefinition t = route.doTry();
                    steps(this, t, scenario, scenario.steps());
                    t.doCatch(Exception.class).id(routeId(scenario) + ":on-error");
                    steps(this, t, scenario, scenario.onError());
                    t.process(RouteCompiler::rethrowCaught);
                    t.end();
                }
            }
        };
    }

    /** A route for a list of steps outside the scenario's own flow (re-login steps). */
    RouteBuilder stepsRoute(String routeId, Scenario scenario, List<Step> steps) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                var route = from("direct:" + routeId).routeId(routeId).errorHandler(noErrorHandler());
                steps(this, route, scenario, steps);
            }
        };
    }

    private static void rethrowCaught(Exchange ex) throws Exception {
        Exception caught = ex.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (caught != null) {
            throw caught;
        }
    }

    void steps(RouteBuilder rb, ProcessorDefinition<?> def, Scenario scenario, List<Step> steps) {
        for (Step step : steps) {
            step(rb, def, scenario, step);
        }
    }

    private void step(RouteBuilder rb, ProcessorDefinition<?> def, Scenario scenario, Step step) {
        String id = StepIds.of(scenario, step);
        ProcessorDefinition<?> into = def;
        TryDefinition guard = null;
        if (step.continueOnError()) {
            guard = def.doTry();
            into = guard;
        }
        if (step.retry() != null) {
            String sub = "karakuri:" + id;
            var route = rb.from("direct:" + sub).routeId(sub).errorHandler(rb.defaultErrorHandler()
                .maximumRedeliveries(step.retry().times())
                .redeliveryDelay(step.retry().pause().toMillis())
                .logExhausted(false).logRetryAttempted(false).logStackTrace(false).logHandled(false)
                .retryAttemptedLogLevel(LoggingLevel.DEBUG));
            kind(rb, route, scenario, step, id);
            into.to("direct:" + sub).id(id + ":retry");
        } else {
            kind(rb, into, scenario, step, id);
        }
        if (guard != null) {
            guard.doCatch(Exception.class).process(new ContinueProcessor(step)).id(id + ":continue");
            guard.end();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void kind(RouteBuilder rb, ProcessorDefinition<?> def, Scenario scenario, Step step, String id) {
        Action<?> action = registry.get(step.action()).orElseThrow();
        if (action instanceof ControlAction control) {
            control.compile(step.params(), new RouteCompilation(rb, def, scenario, step, id));
        } else if (action instanceof LoopAction<?> loop) {
            loop(rb, def, scenario, step, loop, id);
        } else if (action instanceof BlockAction<?> block) {
            block(rb, def, scenario, step, block, id);
        } else if (action instanceof SimpleAction<?> simple) {
            def.process(new StepProcessor(step, simple, stepRunner)).id(id);
        } else {
            throw new IllegalStateException("unknown kind of action: " + action.getClass().getName());
        }
    }

    /** What a control action compiles with: this route, this step, and the engine's processors. */
    private final class RouteCompilation implements Compilation {
        private final RouteBuilder rb;
        private final ProcessorDefinition<?> into;
        private final Scenario scenario;
        private final Step step;
        private final String id;

        RouteCompilation(RouteBuilder rb, ProcessorDefinition<?> into, Scenario scenario, Step step, String id) {
            this.rb = rb;
            this.into = into;
            this.scenario = scenario;
            this.step = step;
            this.id = id;
        }

        @Override
        public Step step() {
            return step;
        }

        @Override
        public ProcessorDefinition<?> into() {
            return into;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void steps(ProcessorDefinition<?> def, List<Step> steps) {
            RouteCompiler.this.steps(rb, def, scenario, steps);
        }

        @Override
        public Predicate condition(Condition condition) {
            return new ConditionPredicate(step, condition);
        }

        @Override
        public Processor caught() {
            return new CaughtProcessor(step);
        }

        @Override
        public Processor call(Template file, Entries<Template> with) {
            return new CallProcessor(step, file, with, callees);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void loop(RouteBuilder rb, ProcessorDefinition<?> def, Scenario scenario, Step step, LoopAction<?> action, String id) {
        Loops.Open open = new Loops.Open(step, (LoopAction) action, id, stepRunner);
        TryDefinition outer = def.doTry();
        outer.process(open).id(id);
        LoopDefinition loop = outer.loopDoWhile(new Loops.Fetch(step, id));
        loop.setId(id + ":loop");
        loop.process(new Loops.ItemStart(step, id));
        TryDefinition item = loop.doTry();
        steps(rb, item, scenario, ((LoopAction) action).body(step.params()));
        item.process(new Loops.ItemEnd(step, id, true));
        item.doCatch(Exception.class).process(new Loops.ItemEnd(step, id, false));
        item.end();
        loop.end();
        outer.doFinally().process(new Loops.Close(step, id));
        outer.end();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void block(RouteBuilder rb, ProcessorDefinition<?> def, Scenario scenario, Step step, BlockAction<?> action, String id) {
        def.process(new Blocks.Enter(step, (BlockAction) action, id, stepRunner)).id(id);
        TryDefinition t = def.doTry();
        steps(rb, t, scenario, ((BlockAction) action).body(step.params()));
        t.doFinally().process(new Blocks.Exit(step, id));
        t.end();
    }

    StepRunner stepRunner() {
        return stepRunner;
    }

    ActionRegistry registry() {
        return registry;
    }

    ScenarioLoader loader() {
        return loader;
    }
}
