package org.karakuri.compile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Step;
import org.karakuri.run.DefaultStepContext;
import org.karakuri.run.RunState;
import org.karakuri.run.StepIds;
import org.karakuri.spi.Action;
import org.karakuri.spi.StepFailureHook;
import org.karakuri.spi.StepRecovery;

/**
 * Runs one action step: emits step-started/step-ended, lets a run resource recover a failure
 * once (an expired login), calls failure hooks on the last attempt (the failure screenshot),
 * and rethrows every failure placed at the step's file:line:col.
 */
final class StepProcessor implements Processor {
    private final Step step;
    private final Action<Record> action;
    private final StepRunner steps;

    @SuppressWarnings("unchecked")
    StepProcessor(Step step, Action<?> action, StepRunner steps) {
        this.step = step;
        this.action = (Action<Record>) action;
        this.steps = steps;
    }

    @Override
    public void process(Exchange ex) throws Exception {
        DefaultStepContext ctx = Exchanges.context(ex, step);
        RunState run = ctx.state();
        String id = StepIds.of(ctx.scenario(), step);
        int attempt = 1 + ex.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
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
            try {
                action.run(step.params(), ctx);
            } catch (Exception first) {
                List<org.karakuri.model.Step> recovery = recovery(ctx, first);
                if (recovery.isEmpty()) {
                    throw first;
                }
                run.events().emit("step-recovering", id, step.position(),
                    Map.of("reason", run.masker().mask(String.valueOf(first.getMessage())), "steps", recovery.size()));
                steps.run(ex, recovery);
                action.run(step.params(), ctx);
            }
            run.events().emit("step-ended", id, step.position(), ended("ok", t0, null));
        } catch (Exception e) {
            KarakuriException placed = Failures.place(e, step, run.masker());
            if (last) {
                for (Object r : run.resourcesSnapshot()) {
                    if (r instanceof StepFailureHook hook) {
                        try {
                            hook.onStepFailure(ctx, placed);
                        } catch (RuntimeException hookFailed) {
                            run.events().emit("hook-failed", id, step.position(),
                                Map.of("error", run.masker().mask(String.valueOf(hookFailed.getMessage()))));
                        }
                    }
                }
            }
            run.events().emit("step-ended", id, step.position(), ended(last ? "failed" : "will-retry", t0, placed));
            throw placed;
        }
    }

    private List<org.karakuri.model.Step> recovery(DefaultStepContext ctx, Exception e) {
        for (Object r : ctx.state().resourcesSnapshot()) {
            if (r instanceof StepRecovery rec) {
                List<org.karakuri.model.Step> s = rec.recoverySteps(ctx, e);
                if (s != null && !s.isEmpty()) {
                    return s;
                }
            }
        }
        return List.of();
    }

    private static Map<String, Object> ended(String outcome, long t0, KarakuriException error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", outcome);
        m.put("ms", (System.nanoTime() - t0) / 1_000_000);
        if (error != null) {
            m.put("error", error.getMessage());
            m.put("key", error.key());
        }
        return m;
    }
}
