package org.karakuri.spi;

import java.util.List;
import org.karakuri.model.Step;

/**
 * A run-scoped resource that can put things right after a step failed, so the step is tried
 * once more: the browser session recognises an expired login and names the steps that log in
 * again. The engine runs those steps, then retries the failed step once.
 */
public interface StepRecovery {
    /** The steps to run before trying {@code ctx.step()} again, or an empty list when this failure is not recoverable. */
    List<Step> recoverySteps(StepContext ctx, Exception error);
}
