package org.karakuri.compile;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.karakuri.model.Step;
import org.karakuri.context.DefaultStepContext;
import org.karakuri.context.StepIds;

/** {@code continue-on-error: true}: the failure is recorded and counted, and the run goes on. */
final class ContinueProcessor implements Processor {
    private final Step step;

    ContinueProcessor(Step step) {
        this.step = step;
    }

    @Override
    public void process(Exchange ex) {
        DefaultStepContext ctx = Exchanges.context(ex, step);
        Exception caught = ex.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ctx.state().counts().stepsContinued.incrementAndGet();
        ex.removeProperty(Exchange.EXCEPTION_CAUGHT);
        ctx.state().events().emit("step-continued", StepIds.of(ctx.scenario(), step), step.position(),
            Map.of("error", ctx.mask(caught == null ? "" : String.valueOf(caught.getMessage()))));
    }
}
