package org.karakuri.compile;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.karakuri.expr.Condition;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Step;
import org.karakuri.context.DefaultStepContext;
import org.karakuri.context.StepIds;

/** The condition of an {@code if}, as a Camel predicate; records which way it went. */
final class ConditionPredicate implements Predicate {
    private final Step step;
    private final Condition condition;

    ConditionPredicate(Step step, Condition condition) {
        this.step = step;
        this.condition = condition;
    }

    @Override
    public boolean matches(Exchange ex) {
        DefaultStepContext ctx = Exchanges.context(ex, step);
        try {
            boolean result = ctx.test(condition);
            ctx.state().events().emit("condition", StepIds.of(ctx.scenario(), step), step.position(),
                Map.of("condition", condition.source(), "result", result));
            return result;
        } catch (KarakuriException e) {
            throw Failures.place(e, step, ctx.state().masker());
        }
    }
}
