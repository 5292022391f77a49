package org.karakuri.lang;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;

/**
 * Walks the steps of a scenario, nested ones included ({@code then:} of an {@code if}, the body
 * of a loop), by the parameters' {@link Shape}: whatever an action's record holds as steps.
 */
public final class Steps {
    private Steps() {}

    /** Every step of these lists and every step nested in them, depth first, in file order. */
    public static Stream<Step> all(Collection<? extends List<Step>> lists) {
        List<Step> out = new ArrayList<>();
        for (List<Step> list : lists) {
            list.forEach(s -> collect(s, out));
        }
        return out.stream();
    }

    /** Every step of {@code scenario}, nested ones included: its steps, its on-error steps and its browser's login steps. */
    public static Stream<Step> all(Scenario scenario) {
        return all(List.of(scenario.steps(), scenario.onError(),
            scenario.browser().session() == null ? List.of() : scenario.browser().session().login()));
    }

    /** The lists of steps written inside {@code step}'s parameters, in the record's order. */
    public static List<List<Step>> nested(Step step) {
        List<List<Step>> out = new ArrayList<>();
        nested(step.params(), out);
        return out;
    }

    private static void collect(Step step, List<Step> out) {
        out.add(step);
        for (List<Step> list : nested(step)) {
            list.forEach(s -> collect(s, out));
        }
    }

    @SuppressWarnings("unchecked")
    private static void nested(Record record, List<List<Step>> out) {
        for (Field f : Shape.of(record.getClass()).fields()) {
            if (f.written()) {
                steps(f.type(), f.valueIn(record), out);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void steps(ValueType type, Object value, List<List<Step>> out) {
        if (value == null) {
            return;
        }
        if (type instanceof ValueType.ListOf list && list.item() instanceof ValueType.StepValue) {
            out.add((List<Step>) value);
        } else if (type instanceof ValueType.ListOf list) {
            ((List<Object>) value).forEach(v -> steps(list.item(), v, out));
        } else if (type instanceof ValueType.Nested && value instanceof Record r) {
            nested(r, out);
        } else if (type instanceof ValueType.MapOf map && value instanceof Map<?, ?> m) {
            m.values().forEach(v -> steps(map.value(), v, out));
        } else if (type instanceof ValueType.MapOf map && value instanceof org.karakuri.model.Entries<?> e) {
            e.list().forEach(entry -> steps(map.value(), entry.value(), out));
        }
    }
}
