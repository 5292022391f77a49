package org.karakuri.compile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.karakuri.context.RunState;
import org.karakuri.context.StepIds;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;
import org.slf4j.MDC;

/**
 * Every step's {@code step-started} and {@code step-ended} events, from one place: a Camel
 * {@link InterceptStrategy} around the processors the compiler {@link #mark marked}. A simple
 * step is one processor (each retry attempt is an event pair); a block or a loop starts at its
 * opening processor and ends at its closing one, which leaves what the end reports (items done,
 * a failure inside) in {@link #END}. The log's MDC names the run and the step while it runs.
 */
final class StepEvents implements InterceptStrategy {
    /** How a marked processor stands to its step. */
    enum Role {
        /** The whole step (a simple action). */
        STEP,
        /** Opens a block or a loop: the step starts here; a failure here ends it. */
        OPEN,
        /** Closes a block or a loop: the step ends here, with what {@link #END} holds. */
        CLOSE
    }

    /** A marked processor: the step it belongs to, in the scenario it is written in. */
    record Node(Scenario scenario, Step step, Role role) {
        String stepId() {
            return StepIds.of(scenario, step);
        }
    }

    /** What a closing processor reports at the step's end (outcome, items, a failure). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final Slot<Map<String, Object>> END = new Slot("karakuri.step-end", Map.class);
    private static final Slot<Long> T0 = new Slot<>("karakuri.step-t0", Long.class);

    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final Map<String, java.util.Set<String>> byGroup = new ConcurrentHashMap<>();

    /** Marks the processor with id {@code nodeId}, in route group {@code group}, as {@code role} of {@code step}. */
    void mark(String group, String nodeId, Scenario scenario, Step step, Role role) {
        nodes.put(nodeId, new Node(scenario, step, role));
        byGroup.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(nodeId);
    }

    /** Forgets the marks of a route group that was removed. */
    void forget(String group) {
        java.util.Set<String> ids = byGroup.remove(group);
        if (ids != null) {
            ids.forEach(nodes::remove);
        }
    }

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext camel, NamedNode definition, Processor target, Processor next) {
        Node node = definition.getId() == null ? null : nodes.get(definition.getId());
        if (node == null) {
            return target;
        }
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange ex, AsyncCallback callback) {
                before(node, ex);
                return super.process(ex, doneSync -> {
                    after(node, ex);
                    callback.done(doneSync);
                });
            }
        };
    }

    private static void before(Node node, Exchange ex) {
        RunState run = Exchanges.run(ex);
        Step step = node.step();
        String id = node.stepId();
        if (node.role() == Role.CLOSE) {
            return;
        }
        T0.at(id).set(ex, System.nanoTime());
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("action", step.action());
        started.put("label", step.label());
        started.put("path", step.path());
        int attempt = Attempts.of(ex, step);
        if (attempt > 1) {
            started.put("attempt", attempt);
        }
        if (node.role() == Role.STEP) {
            MDC.put("run", run.info().id());
            MDC.put("step", id);
        }
        run.events().emit("step-started", id, step.position(), started);
    }

    private static void after(Node node, Exchange ex) {
        RunState run = Exchanges.run(ex);
        Step step = node.step();
        String id = node.stepId();
        Long t0 = T0.at(id).get(ex);
        Map<String, Object> ended = new LinkedHashMap<>();
        switch (node.role()) {
            case STEP -> {
                MDC.remove("step");
                MDC.remove("run");
                Exception failure = ex.getException();
                ended.put("outcome", failure == null ? "ok" : Attempts.last(ex, step) ? "failed" : "will-retry");
                ended.put("ms", ms(t0));
                if (failure instanceof KarakuriException k) {
                    ended.put("error", k.text());
                    ended.put("key", k.key());
                }
            }
            case OPEN -> {
                if (!(ex.getException() instanceof KarakuriException k)) {
                    return; // opened: the closing processor ends the step
                }
                T0.at(id).clear(ex);
                ended.put("outcome", "failed");
                ended.put("error", k.text());
            }
            case CLOSE -> {
                Map<String, Object> end = END.at(id).get(ex);
                if (end == null) {
                    return; // never opened: the opening processor reported the failure
                }
                END.at(id).clear(ex);
                T0.at(id).clear(ex);
                ended.put("outcome", end.get("outcome"));
                if (end.containsKey("error")) {
                    ended.put("error", end.get("error"));
                }
                ended.put("ms", ms(t0));
                ended.putAll(end);
            }
            default -> throw new IllegalStateException(node.role().name());
        }
        run.events().emit("step-ended", id, step.position(), ended);
    }

    private static long ms(Long t0) {
        return t0 == null ? 0 : (System.nanoTime() - t0) / 1_000_000;
    }

    /** Which attempt of a step with {@code retry} this is (1 without), from Camel's redelivery counter. */
    static final class Attempts {
        private Attempts() {}

        static int of(Exchange ex, Step step) {
            return step.retry() == null ? 1 : 1 + ex.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        }

        /** Whether a failure now is the step's last: no retry left. */
        static boolean last(Exchange ex, Step step) {
            return step.retry() == null || of(ex, step) > step.retry().times();
        }
    }
}
