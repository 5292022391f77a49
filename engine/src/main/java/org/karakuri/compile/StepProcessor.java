package org.karakuri.compile;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.karakuri.context.DefaultStepContext;
import org.karakuri.model.Step;
import org.karakuri.spi.SimpleAction;

/**
 * Runs one simple action's work through {@link Guarded}; its events come from {@link StepEvents}.
 * With {@code retry}, Camel redelivers to this processor, and only the last attempt's failure is
 * shown to the failure hooks (the screenshot).
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
        Guarded.run(ex, ctx, step, steps, StepEvents.Attempts.last(ex, step), () -> action.run(step.params(), ctx));
        if (step.retry() != null) {
            ex.getMessage().removeHeader(Exchange.REDELIVERY_COUNTER);
        }
    }
}
