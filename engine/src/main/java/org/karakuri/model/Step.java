package org.karakuri.model;

import java.time.Duration;
import java.util.Objects;
import org.karakuri.i18n.Position;

/**
 * One step of a scenario: exactly one action with its bound parameters, plus the modifiers
 * every step may carry.
 *
 * @param action          the action key, e.g. {@code click}
 * @param params          the action's parameter record, validated
 * @param name            {@code name:} the author's label for the step, or null
 * @param retry           {@code retry:} redelivery policy, or null
 * @param timeout         {@code timeout:} how long the step waits for its target, or null
 * @param continueOnError {@code continue-on-error:} a failure is logged and the run goes on
 * @param position        where the step starts in its file
 * @param path            the step's place in the tree, e.g. {@code steps[4].for-each-row.steps[1]}
 */
public record Step(String action, Record params, String name, Retry retry, Duration timeout,
                   boolean continueOnError, Position position, String path) {
    public Step {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(position, "position");
    }

    /** How the step is named in events and the report: its {@code name}, else the action. */
    public String label() {
        return name != null ? name : action;
    }

    @SuppressWarnings("unchecked")
    public <P extends Record> P params(Class<P> type) {
        return (P) type.cast(params);
    }
}
