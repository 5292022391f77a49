package org.karakuri.compile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.karakuri.model.Step;
import org.karakuri.context.DefaultStepContext;
import org.karakuri.spi.BlockAction;

/** The two ends of a compiled block ({@code within-frame}): enter before the body, always exit after it. */
final class Blocks {
    private static final String OPEN = "karakuri.block:";
    private static final String T0 = "karakuri.block-t0:";

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
        @SuppressWarnings("unchecked")
        public void process(Exchange ex) throws Exception {
            DefaultStepContext ctx = Exchanges.context(ex, step);
            ctx.state().events().emit("step-started", id, step.position(), Map.of("action", step.action(), "label", step.label(), "path", step.path()));
            AutoCloseable[] handle = new AutoCloseable[1];
            try {
                Guarded.run(ex, ctx, step, steps, true, () -> handle[0] = action.enter(step.params(), ctx));
            } catch (org.karakuri.i18n.KarakuriException placed) {
                ctx.state().events().emit("step-ended", id, step.position(), Map.of("outcome", "failed", "error", placed.text()));
                throw placed;
            }
            Deque<AutoCloseable> open = ex.getProperty(OPEN + id, Deque.class);
            if (open == null) {
                open = new ArrayDeque<>();
                ex.setProperty(OPEN + id, open);
            }
            open.push(handle[0]);
            ex.setProperty(T0 + id, System.nanoTime());
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
        @SuppressWarnings("unchecked")
        public void process(Exchange ex) {
            DefaultStepContext ctx = Exchanges.context(ex, step);
            Deque<AutoCloseable> open = ex.getProperty(OPEN + id, Deque.class);
            Exception failure = ex.getException() != null ? ex.getException() : ex.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            if (open != null && !open.isEmpty()) {
                try {
                    open.pop().close();
                } catch (Exception e) {
                    ctx.state().events().emit("block-exit-failed", id, step.position(), Map.of("error", ctx.mask(String.valueOf(e.getMessage()))));
                }
            }
            Map<String, Object> data = new java.util.LinkedHashMap<>();
            // a failure inside the block was reported by the step that failed; the block only ends
            data.put("outcome", failure == null ? "ok" : "ended-by-failure");
            Long t0 = ex.getProperty(T0 + id, Long.class);
            if (t0 != null) {
                data.put("ms", (System.nanoTime() - t0) / 1_000_000);
            }
            ctx.state().events().emit("step-ended", id, step.position(), data);
        }
    }
}
