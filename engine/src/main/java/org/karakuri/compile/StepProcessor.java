package org.karakuri.compile;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Step;
import org.karakuri.context.DefaultStepContext;
import org.karakuri.context.RunState;
import org.karakuri.context.StepIds;
import org.karakuri.spi.SimpleAction;

/**
 * Runs one action step through {@link Guarded}, between its step-started and step-ended events;
 * with {@code retry}, Camel redelivers to this processor and each attempt is an event pair.
 */
final class StepProcessor implements Processor {
    private final Step step;
    private final SimpleAction<Record> action;
    private final StepRunner steps;

    @SuppressWarnings("unchecked")
    StepProcessor(Step step, SimpleAction<?> action, StepRunner steps) {
        this.step = step;
        this.action = (SimpleAction<Record>) action;
        this.steps = steps;
    }

    @Override
    public void process(Exchange ex) throws Exception {
        DefaultStepContext ctx = Exchanges.context(ex, step);
        RunState run = ctx.state();
        String id = StepIds.of(ctx.scenario(), step);
        int attempt = step.retry() == null ? 1 : 1 + ex.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        boolean last = step.retry() == null || attempt > step.retry().times();
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("action", step.action());
        started.put("label", step.label());
        started.put("path", step.path());
        if (attempt > 1) {
            started.put("attempt", attempt);
        }
        run.events().emit("step-started", id, step.position(), started);
        long t0 = System.nanoTime();
        try {
            Guarded.run(ex, ctx, step, steps, last, () -> action.run(step.params(), ctx));
            if (step.retry() != null) {
                ex.getMessage().removeHeader(Exchange.REDELIVERY_COUNTER);
            }
            run.events().emit("step-ended", id, step.position(), ended("ok", t0, null));
        } catch (KarakuriException placed) {
            run.events().emit("step-ended", id, step.position(), ended(last ? "failed" : "will-retry", t0, placed));
            throw placed;
        }
    }

    private static Map<String, Object> ended(String outcome, long t0, KarakuriException error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", outcome);
        m.put("ms", (System.nanoTime() - t0) / 1_000_000);
        if (error != null) {
            m.put("error", error.text());
            m.put("key", error.key());
        }
        return m;
    }
}
