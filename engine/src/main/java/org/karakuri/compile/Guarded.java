package org.karakuri.compile;

import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Step;
import org.karakuri.context.DefaultStepContext;
import org.karakuri.context.RunState;
import org.karakuri.context.StepIds;
import org.karakuri.spi.StepFailureHook;
import org.karakuri.spi.StepRecovery;

/**
 * What every step's own work goes through (an action, entering a frame, opening a loop's
 * items): a stopped run stops here; a failure may be put right once by a run resource (an
 * expired login: its re-login steps run, then the work is tried again); the last failure is
 * shown to the failure hooks (the screenshot) and comes out placed at the step's file:line:col.
 */
final class Guarded {
    private Guarded() {}

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    static void run(Exchange ex, DefaultStepContext ctx, Step step, StepRunner steps, boolean last, Work work) {
        RunState run = ctx.state();
        String id = StepIds.of(ctx.scenario(), step);
        try {
            run.checkNotStopped();
            try {
                work.run();
            } catch (Exception first) {
                List<Step> recovery = recovery(ctx, first);
                if (recovery.isEmpty() || run.stopped()) {
                    throw first;
                }
                run.events().emit("step-recovering", id, step.position(),
                    Map.of("reason", run.masker().mask(String.valueOf(first.getMessage())), "steps", recovery.size()));
                steps.run(ex, recovery);
                work.run();
            }
        } catch (Exception e) {
            KarakuriException placed = Failures.place(e, step, run.masker());
            if (last) {
                for (Object r : ctx.resources()) {
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
            throw placed;
        }
    }

    private static List<Step> recovery(DefaultStepContext ctx, Exception e) {
        for (Object r : ctx.resources()) {
            if (r instanceof StepRecovery rec) {
                List<Step> s = rec.recoverySteps(ctx, e);
                if (s != null && !s.isEmpty()) {
                    return s;
                }
            }
        }
        return List.of();
    }
}
