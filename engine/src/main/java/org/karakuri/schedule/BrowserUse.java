package org.karakuri.schedule;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;

/**
 * Whether a scenario drives a browser, so that its runs count against the node's browser limit.
 * Decided from its steps, nested ones included; a {@code call} counts too, since the scenario it
 * calls may open one.
 */
final class BrowserUse {
    /** The browser actions of language v1, and {@code call}. */
    static final Set<String> ACTIONS = Set.of("open", "click", "fill", "select", "check", "uncheck", "upload", "download",
        "expect-text", "expect-value", "read", "read-table", "within-frame", "switch-window", "alert", "screenshot",
        "close-browser", "call");

    private BrowserUse() {}

    static boolean of(Scenario s, Set<String> actions) {
        return any(s.steps(), actions) || any(s.onError(), actions);
    }

    private static boolean any(Collection<?> values, Set<String> actions) {
        for (Object v : values) {
            if (uses(v, actions)) {
                return true;
            }
        }
        return false;
    }

    private static boolean uses(Object value, Set<String> actions) {
        if (value instanceof Step step) {
            return actions.contains(step.action()) || uses(step.params(), actions);
        }
        if (value instanceof Collection<?> c) {
            return any(c, actions);
        }
        if (value instanceof Map<?, ?> m) {
            return any(m.values(), actions);
        }
        if (value instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    c.getAccessor().setAccessible(true);
                    if (uses(c.getAccessor().invoke(r), actions)) {
                        return true;
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return true; // cannot look inside: count it, the limit errs on the safe side
                }
            }
        }
        return false;
    }
}
