package org.karakuri.compile;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.karakuri.model.Step;
import org.karakuri.context.DefaultStepContext;
import org.karakuri.context.StepIds;

/** Entering a {@code catch}: the failure's message becomes {@code ${error}}. */
final class CaughtProcessor implements Processor {
    private final Step step;

    CaughtProcessor(Step step) {
        this.step = step;
    }

    @Override
    public void process(Exchange ex) {
        DefaultStepContext ctx = Exchanges.context(ex, step);
        Exception caught = ex.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String message = ctx.mask(caught == null ? "" : String.valueOf(caught.getMessage()));
        ctx.setVariable("error", message);
        ctx.state().events().emit("caught", StepIds.of(ctx.scenario(), step), step.position(), Map.of("error", message));
    }
}
