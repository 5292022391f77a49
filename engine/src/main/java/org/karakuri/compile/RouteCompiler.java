package org.karakuri.compile;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.LoopDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;
import org.karakuri.context.StepIds;
import org.karakuri.expr.Condition;
import org.karakuri.expr.Template;
import org.karakuri.model.Entries;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;
import org.karakuri.spi.Action;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.spi.BlockAction;
import org.karakuri.spi.Compilation;
import org.karakuri.spi.ControlAction;
import org.karakuri.spi.LoopAction;
import org.karakuri.spi.SimpleAction;

/**
 * Compiles one version of a scenario into Camel routes, all in the version's route group
 * ({@link RouteVersion}): the scenario's own route {@code direct:karakuri:<id>@<file>#<hash>},
 * one route per step with {@code retry} (its redelivery policy), one per list of re-login steps.
 * Control steps compile themselves into Camel's own constructs ({@link ControlAction}: {@code if}
 * a choice, {@code try} a doTry); a loop is a {@code loopDoWhile} that takes each item when its
 * turn comes; a block a doTry whose finally closes it; {@code on-error} a doCatch around the
 * whole route. Every processor id is the step's {@code id@file:line:col#hash}, and the processors
 * that start and end a step are marked for {@link StepEvents}.
 */
final class RouteCompiler {
    private final ActionRegistry registry;
    private final StepEvents events;
    private final StepRunner stepRunner;
    private final CallProcessor.Callees callees;

    RouteCompiler(ActionRegistry registry, StepEvents events, StepRunner stepRunner, CallProcessor.Callees callees) {
        this.registry = registry;
        this.events = events;
        this.stepRunner = stepRunner;
        this.callees = callees;
    }

    /** The scenario's route, and the routes of its steps with {@code retry}. */
    RouteBuilder routes(RouteVersion version) {
        Scenario scenario = version.scenario();
        return new RouteBuilder() {
            @Override
            public void configure() {
                RouteDefinition route = from(version.endpoint()).routeId(version.group()).group(version.group())
                    .errorHandler(noErrorHandler());
                if (scenario.onError().isEmpty()) {
                    steps(this, route, version, scenario.steps());
                } else {
                    TryDefinition t = route.doTry();
                    steps(this, t, version, scenario.steps());
                    t.doCatch(Exception.class).id(version.group() + ":on-error");
                    steps(this, t, version, scenario.onError());
                    t.process(RouteCompiler::rethrowCaught);
                    t.end();
                }
            }
        };
    }

    /** A route for a list of steps outside the scenario's own flow (re-login steps), in the version's group. */
    RouteBuilder stepsRoute(String routeId, RouteVersion version, List<Step> steps) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                RouteDefinition route = from("direct:" + routeId).routeId(routeId).group(version.group()).errorHandler(noErrorHandler());
                steps(this, route, version, steps);
            }
        };
    }

    private static void rethrowCaught(Exchange ex) throws Exception {
        Exception caught = ex.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (caught != null) {
            throw caught;
        }
    }

    void steps(RouteBuilder rb, ProcessorDefinition<?> def, RouteVersion version, List<Step> steps) {
        for (Step step : steps) {
            step(rb, def, version, step);
        }
    }

    private void step(RouteBuilder rb, ProcessorDefinition<?> def, RouteVersion version, Step step) {
        String node = version.nodeId(step);
        ProcessorDefinition<?> into = def;
        TryDefinition guard = null;
        if (step.continueOnError()) {
            guard = def.doTry();
            into = guard;
        }
        if (step.retry() != null) {
            String sub = version.group() + "/retry@" + step.position().line() + ":" + step.position().column();
            var route = rb.from("direct:" + sub).routeId(sub).group(version.group()).errorHandler(rb.defaultErrorHandler()
                .maximumRedeliveries(step.retry().times())
                .redeliveryDelay(step.retry().pause().toMillis())
                .logExhausted(false).logRetryAttempted(false).logStackTrace(false).logHandled(false)
                .retryAttemptedLogLevel(LoggingLevel.DEBUG));
            kind(rb, route, version, step, node);
            into.to("direct:" + sub).id(node + ":retry");
        } else {
            kind(rb, into, version, step, node);
        }
        if (guard != null) {
            guard.doCatch(Exception.class).process(new ContinueProcessor(step)).id(node + ":continue");
            guard.end();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void kind(RouteBuilder rb, ProcessorDefinition<?> def, RouteVersion version, Step step, String node) {
        Action<?> action = registry.get(step.action()).orElseThrow();
        Scenario scenario = version.scenario();
        String id = StepIds.of(scenario, step);
        if (action instanceof ControlAction control) {
            control.compile(step.params(), new RouteCompilation(rb, def, version, step, node));
        } else if (action instanceof LoopAction<?> loop) {
            TryDefinition outer = def.doTry();
            outer.process(new Loops.Open(step, (LoopAction) loop, id, stepRunner)).id(node);
            events.mark(version.group(), node, scenario, step, StepEvents.Role.OPEN);
            if (((LoopAction) loop).browsers(step.params()) > 1) {
                String sub = version.group() + "/browsers@" + step.position().line() + ":" + step.position().column();
                RouteDefinition browser = rb.from("direct:" + sub).routeId(sub).group(version.group()).errorHandler(rb.noErrorHandler());
                browser.process(new Loops.BrowserStart(step, (LoopAction) loop, id, stepRunner)).id(node + ":browser");
                items(rb, browser, version, step, (LoopAction) loop, id, node);
                outer.process(new Loops.Browsers(id, "direct:" + sub)).id(node + ":browsers");
            } else {
                items(rb, outer, version, step, (LoopAction) loop, id, node);
            }
            outer.doFinally().process(new Loops.Close(step, id)).id(node + ":close");
            events.mark(version.group(), node + ":close", scenario, step, StepEvents.Role.CLOSE);
            outer.end();
        } else if (action instanceof BlockAction<?> block) {
            def.process(new Blocks.Enter(step, (BlockAction) block, id, stepRunner)).id(node);
            events.mark(version.group(), node, scenario, step, StepEvents.Role.OPEN);
            TryDefinition t = def.doTry();
            steps(rb, t, version, ((BlockAction) block).body(step.params()));
            t.doFinally().process(new Blocks.Exit(step, id)).id(node + ":exit");
            events.mark(version.group(), node + ":exit", scenario, step, StepEvents.Role.CLOSE);
            t.end();
        } else if (action instanceof SimpleAction<?> simple) {
            def.process(new StepProcessor(step, simple, stepRunner)).id(node);
            events.mark(version.group(), node, scenario, step, StepEvents.Role.STEP);
        } else {
            throw new IllegalStateException("unknown kind of action: " + action.getClass().getName());
        }
    }

    /** A loop's items, one after another while one is waiting: its steps, its end, the next. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void items(RouteBuilder rb, ProcessorDefinition<?> def, RouteVersion version, Step step, LoopAction loop, String id,
                       String node) {
        LoopDefinition each = def.loopDoWhile(Loops.hasItem(id));
        each.setId(node + ":loop");
        each.process(new Loops.ItemStart(step, id)).id(node + ":item");
        TryDefinition item = each.doTry();
        steps(rb, item, version, loop.body(step.params()));
        item.process(new Loops.ItemEnd(step, id, true, stepRunner)).id(node + ":item-ok");
        item.doCatch(Exception.class).process(new Loops.ItemEnd(step, id, false, stepRunner)).id(node + ":item-failed");
        item.end();
        each.process(new Loops.Next(step, id)).id(node + ":next");
        each.end();
    }

    /** What a control action compiles with: this route, this step, and the engine's processors. */
    private final class RouteCompilation implements Compilation {
        private final RouteBuilder rb;
        private final ProcessorDefinition<?> into;
        private final RouteVersion version;
        private final Step step;
        private final String node;

        RouteCompilation(RouteBuilder rb, ProcessorDefinition<?> into, RouteVersion version, Step step, String node) {
            this.rb = rb;
            this.into = into;
            this.version = version;
            this.step = step;
            this.node = node;
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
            return node;
        }

        @Override
        public void steps(ProcessorDefinition<?> def, List<Step> steps) {
            RouteCompiler.this.steps(rb, def, version, steps);
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
}
