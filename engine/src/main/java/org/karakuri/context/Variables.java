package org.karakuri.context;

import java.util.Map;
import org.karakuri.expr.ExpressionException;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Scenario;
import org.karakuri.model.Entries;

/** A scenario's {@code vars:} evaluated in order into a scope, with overrides taking their place. */
public final class Variables {
    private Variables() {}

    /**
     * Fills {@code scope} with the scenario's variables: each default is evaluated in order (so a
     * variable may use the ones above it), unless {@code overrides} has a value for it.
     */
    public static void evaluate(RunState run, Scenario scenario, Scope scope, Map<String, Object> overrides) {
        RunLookup lookup = new RunLookup(run, scope);
        for (Entries.Entry<Template> e : scenario.vars().list()) {
            if (overrides.containsKey(e.key())) {
                set(run, scenario, scope, e.key(), overrides.get(e.key()));
                continue;
            }
            try {
                Object v = e.value() == null ? null : e.value().evaluate(lookup);
                if (v instanceof String s && scenario.mask().contains(e.key())) {
                    run.masker().register(s);
                }
                scope.set(e.key(), v);
            } catch (ExpressionException ex) {
                throw new KarakuriException(e.position(), ex, ex.messageKey(), ex.args());
            } catch (KarakuriException ex) {
                throw ex.at(e.position());
            }
        }
        overrides.forEach((k, v) -> {
            if (!scope.has(k)) {
                set(run, scenario, scope, k, v);
            }
        });
    }

    private static void set(RunState run, Scenario scenario, Scope scope, String name, Object value) {
        if (value instanceof String s && scenario.mask().contains(name)) {
            run.masker().register(s);
        }
        scope.set(name, value);
    }
}
