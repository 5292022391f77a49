package org.karakuri.compile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.karakuri.context.DefaultStepContext;
import org.karakuri.model.Step;
import org.karakuri.spi.BlockAction;

/**
 * The two ends of a compiled block ({@code within-frame}): enter before the body, always exit
 * after it. The step starts at {@link Enter} and ends at {@link Exit} ({@link StepEvents}).
 */
final class Blocks {
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final Slot<Deque<AutoCloseable>> OPEN = new Slot("karakuri.block", Deque.class);

    private Blocks() {}

    static final class Enter implements Processor {
        private final Step step;
        private final BlockAction<Record> action;
        private final String id;
        private final StepRunner steps;

        Enter(Step step, BlockAction<Record> action, String id, StepRunner steps) {
            this.step = step;
            this.action = action;
            this.id = id;
            this.steps = steps;
        }

        @Override
        public void process(Exchange ex) throws Exception {
            DefaultStepContext ctx = Exchanges.context(ex, step);
            AutoCloseable[] handle = new AutoCloseable[1];
            Guarded.run(ex, ctx, step, steps, true, () -> handle[0] = action.enter(step.params(), ctx));
            Slot<Deque<AutoCloseable>> open = OPEN.at(id);
            if (open.get(ex) == null) {
                open.set(ex, new ArrayDeque<>());
            }
            open.get(ex).push(handle[0]);
        }
    }

    static final class Exit implements Processor {
        private final Step step;
        private final String id;

        Exit(Step step, String id) {
            this.step = step;
            this.id = id;
        }

        @Override
        public void process(Exchange ex) {
            DefaultStepContext ctx = Exchanges.context(ex, step);
            Deque<AutoCloseable> open = OPEN.at(id).get(ex);
            Exception failure = ex.getException() != null ? ex.getException() : ex.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            if (open != null && !open.isEmpty()) {
                try {
                    open.pop().close();
                } catch (Exception e) {
                    ctx.state().events().emit("block-exit-failed", id, step.position(), Map.of("error", ctx.mask(String.valueOf(e.getMessage()))));
                }
            }
            Map<String, Object> end = new LinkedHashMap<>();
            // a failure inside the block was reported by the step that failed; the block only ends
            end.put("outcome", failure == null ? "ok" : "ended-by-failure");
            StepEvents.END.at(id).set(ex, end);
        }
    }
}
