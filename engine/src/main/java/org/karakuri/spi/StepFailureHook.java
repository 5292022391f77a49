package org.karakuri.spi;

/**
 * A run-scoped resource that wants to know when a step failed, before anything is closed:
 * the browser session takes its failure screenshot here.
 */
public interface StepFailureHook {
    void onStepFailure(StepContext ctx, Exception error);
}
