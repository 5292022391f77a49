package org.karakuri.robots.data;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.karakuri.expr.Condition;
import org.karakuri.expr.ExpressionException;
import org.karakuri.expr.Template;
import org.karakuri.i18n.Position;
import org.karakuri.model.Step;
import org.karakuri.model.Entries;
import org.karakuri.yaml.YNode;

/**
 * The columns a loop's steps read through {@code ${row.列名}}, with the place of their first
 * use, found by walking the steps' parameter records: templates, conditions, nested steps
 * ({@code if}, {@code try}, {@code within-frame}…) and YAML values such as an {@code http} body.
 * A nested {@code for-each-row} binds its own {@code row}: only its own keys are looked at.
 */
final class RowReferences {
    private static final String PREFIX = "row.";

    private final Map<String, Position> columns = new LinkedHashMap<>();

    private RowReferences() {}

    /** Column name → where a step first uses it. */
    static Map<String, Position> of(List<Step> steps) {
        RowReferences r = new RowReferences();
        for (Step s : steps) {
            r.step(s);
        }
        return r.columns;
    }

    private void step(Step step) {
        if (step.params() instanceof ForEachRow.Params p) {
            // its steps see their own row; the loop's own values still see ours
            value(p.file(), step.position());
            value(p.query(), step.position());
            value(p.results(), step.position());
            return;
        }
        value(step.params(), step.position());
    }

    private void value(Object v, Position at) {
        if (v == null) {
            return;
        }
        if (v instanceof Template t) {
            add(t.references(), at);
        } else if (v instanceof Condition c) {
            add(c.references(), at);
        } else if (v instanceof Step s) {
            step(s);
        } else if (v instanceof Entries<?> e) {
            for (Entries.Entry<?> entry : e.list()) {
                value(entry.value(), entry.position());
            }
        } else if (v instanceof Collection<?> c) {
            for (Object o : c) {
                value(o, at);
            }
        } else if (v instanceof Map<?, ?> m) {
            for (Object o : m.values()) {
                value(o, at);
            }
        } else if (v instanceof YNode node) {
            yaml(node);
        } else if (v instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    value(c.getAccessor().invoke(r), at);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getName(), e);
                }
            }
        }
    }

    /** Scalars of free YAML (an http body) are templates too. */
    private void yaml(YNode node) {
        if (node instanceof YNode.Scalar s && !s.isNull() && s.value().contains("${")) {
            try {
                add(Template.parse(s.value()).references(), s.position());
            } catch (ExpressionException e) {
                // reported where the value is evaluated
            }
        } else if (node instanceof YNode.Map m) {
            m.entries().forEach(e -> yaml(e.value()));
        } else if (node instanceof YNode.Seq q) {
            q.items().forEach(this::yaml);
        }
    }

    private void add(List<String> references, Position at) {
        for (String ref : references) {
            if (ref.startsWith(PREFIX) && ref.length() > PREFIX.length()) {
                columns.putIfAbsent(ref.substring(PREFIX.length()), at);
            }
        }
    }

    /** The names of {@code used} that {@code columns} does not have, with their places. */
    static List<Map.Entry<String, Position>> unknown(Map<String, Position> used, Columns columns) {
        List<Map.Entry<String, Position>> out = new ArrayList<>();
        for (Map.Entry<String, Position> e : used.entrySet()) {
            if (!columns.has(e.getKey())) {
                out.add(e);
            }
        }
        return out;
    }
}
