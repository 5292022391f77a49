package org.karakuri.load;

import java.lang.reflect.InvocationTargetException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.karakuri.expr.Condition;
import org.karakuri.expr.ExpressionException;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages.Text;
import org.karakuri.lang.Field;
import org.karakuri.lang.Shape;
import org.karakuri.lang.ValueType;
import org.karakuri.model.Durations;
import org.karakuri.i18n.Position;
import org.karakuri.i18n.Suggest;
import org.karakuri.model.Retry;
import org.karakuri.model.Step;
import org.karakuri.spi.Action;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.model.Entries;
import org.karakuri.yaml.YNode;

/**
 * Turns a {@link YNode} tree into model records, reporting every problem with its place
 * instead of stopping at the first. What a record's keys are, and what each value is, comes
 * from its {@link Shape}, the same model the JSON Schema and the action reference are written from.
 */
final class Binder {
    static final List<String> MODIFIERS = List.of("name", "retry", "timeout", "continue-on-error");

    private final ActionRegistry registry;
    private final Problems problems;
    private final List<String> sourceLines;
    private final Map<String, Object> supplied;

    Binder(ActionRegistry registry, Problems problems, String source, Map<String, Object> supplied) {
        this.registry = registry;
        this.problems = problems;
        this.sourceLines = source == null ? List.of() : source.lines().toList();
        this.supplied = supplied;
    }

    <R extends Record> R bindRecord(YNode node, Class<R> type, String path) {
        return bindRecord(node, type, path, Map.of());
    }

    /**
     * Binds {@code node} to record {@code type}: its keys from a map, a plain value to its
     * {@code @Shorthand} component, the whole map to its {@code @Entries.Whole} component, and
     * {@code @Sibling} components from {@code siblings} (keys beside the action key of a step).
     */
    @SuppressWarnings("unchecked")
    <R extends Record> R bindRecord(YNode node, Class<R> type, String path, Map<String, YNode.Entry> siblings) {
        Shape shape = Shape.of(type);
        Object[] values = new Object[shape.fields().size()];
        boolean[] given = new boolean[values.length];
        int before = problems.size();
        Field whole = shape.whole().orElse(null);
        Field shorthand = shape.shorthand().orElse(null);

        if (whole != null) {
            if (node instanceof YNode.Map || (node instanceof YNode.Scalar s && s.isNull())) {
                values[whole.index()] = bind(node, whole.type(), path);
                given[whole.index()] = values[whole.index()] != null;
            } else {
                typeProblem(node, path, "kind.map");
            }
        } else if (node instanceof YNode.Map map) {
            List<String> allowed = shape.keys().stream().map(Field::key).toList();
            for (YNode.Entry e : map.entries()) {
                Field f = shape.keys().stream().filter(k -> k.key().equals(e.key().value())).findFirst().orElse(null);
                if (f == null) {
                    unknownKey(e.key(), path, allowed);
                    continue;
                }
                if (e.value() instanceof YNode.Scalar s && s.isNull() && !(f.type() instanceof ValueType.Nested)) {
                    continue; // `title:` with nothing after it is the same as leaving it out
                }
                values[f.index()] = bind(e.value(), f.type(), child(path, e.key().value()));
                given[f.index()] = true;
            }
        } else if (node instanceof YNode.Scalar s && !s.isNull()) {
            if (shorthand == null) {
                typeProblem(node, path, "kind.map");
            } else {
                values[shorthand.index()] = bind(node, shorthand.type(), path);
                given[shorthand.index()] = true;
            }
        } else if (node instanceof YNode.Seq && shorthand != null && shorthand.type() instanceof ValueType.ListOf) {
            values[shorthand.index()] = bind(node, shorthand.type(), path);
            given[shorthand.index()] = true;
        } else if (node instanceof YNode.Seq) {
            typeProblem(node, path, shorthand != null ? "kind.text-or-map" : "kind.map");
        }

        for (Field f : shape.siblings()) {
            YNode.Entry e = siblings.get(f.key());
            if (e != null && !(e.value() instanceof YNode.Scalar s && s.isNull())) {
                values[f.index()] = bind(e.value(), f.type(), child(parent(path), e.key().value()));
                given[f.index()] = true;
            }
        }

        for (Field f : shape.fields()) {
            switch (f.role()) {
                case POSITION -> values[f.index()] = node.position();
                case SUPPLIED -> values[f.index()] = supplied.get(f.component().getName());
                default -> {
                    if (!given[f.index()] && f.required()) {
                        problems.add(node.position(), f.role() == Field.Role.SIBLING ? parent(path) : path, "bind.missing-key", f.key());
                    }
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            return (R) shape.construct(values);
        } catch (Throwable cause) {
            reportCause(cause, node.position(), path);
            return null;
        }
    }

    private void reportCause(Throwable cause, Position at, String path) {
        if (cause instanceof KarakuriException k) {
            problems.add(k.position() != null ? k.position() : at, path, k.key(), k.args());
        } else if (cause instanceof IllegalArgumentException | cause instanceof NullPointerException) {
            problems.add(at, path, "bind.invalid", String.valueOf(cause.getMessage()));
        } else if (cause instanceof Error err) {
            throw err;
        } else {
            throw new IllegalStateException(cause);
        }
    }

    Object bind(YNode node, ValueType type, String path) {
        if (type instanceof ValueType.AnyYaml) {
            return node;
        }
        if (type instanceof ValueType.StepValue) {
            return step(node, path);
        }
        if (type instanceof ValueType.ListOf list) {
            if (!(node instanceof YNode.Seq seq)) {
                typeProblem(node, path, "kind.list");
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < seq.items().size(); i++) {
                out.add(bind(seq.items().get(i), list.item(), path + "[" + i + "]"));
            }
            return out.contains(null) ? null : List.copyOf(out);
        }
        if (type instanceof ValueType.MapOf mapOf) {
            return map(node, mapOf, path);
        }
        if (type instanceof ValueType.Nested nested && !(node instanceof YNode.Scalar)) {
            return bindRecord(node, nested.type(), path);
        }
        if (!(node instanceof YNode.Scalar scalar)) {
            typeProblem(node, path, "kind.text");
            return null;
        }
        return scalar.isNull() ? null : scalar(scalar, type, path);
    }

    private Object map(YNode node, ValueType.MapOf type, String path) {
        if (!(node instanceof YNode.Map map)) {
            if (node instanceof YNode.Scalar s && s.isNull()) {
                return type.entries() ? Entries.empty() : Map.of();
            }
            typeProblem(node, path, "kind.map");
            return null;
        }
        List<Entries.Entry<Object>> list = new ArrayList<>();
        boolean ok = true;
        for (YNode.Entry e : map.entries()) {
            Object v = bind(e.value(), type.value(), child(path, e.key().value()));
            ok &= v != null || (e.value() instanceof YNode.Scalar s && s.isNull());
            list.add(new Entries.Entry<>(e.key().value(), v, e.key().position()));
        }
        if (!ok) {
            return null;
        }
        if (type.entries()) {
            return new Entries<>(list);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        list.forEach(e -> m.put(e.key(), e.value()));
        return java.util.Collections.unmodifiableMap(m);
    }

    private Object scalar(YNode.Scalar s, ValueType type, String path) {
        String v = s.value();
        try {
            return convert(s, type, path);
        } catch (NumberFormatException e) {
            problems.add(s.position(), path, "bind.not-number", v);
            return null;
        } catch (ExpressionException e) {
            problems.add(offset(s, e.offset()), path, e.messageKey(), e.args());
            return null;
        } catch (KarakuriException e) {
            problems.add(s.position(), path, e.key(), e.args());
            return null;
        }
    }

    private Object convert(YNode.Scalar s, ValueType type, String path) {
        String v = s.value();
        if (type instanceof ValueType.Text text) {
            if (text.pattern() != null && !v.matches(text.pattern())) {
                problems.add(s.position(), path, "bind.not-matching", v, text.hint());
                return null;
            }
            return v;
        }
        if (type instanceof ValueType.TemplateText) {
            return Template.parse(v);
        }
        if (type instanceof ValueType.ConditionText) {
            return Condition.parse(v);
        }
        if (type instanceof ValueType.WholeNumber n) {
            return n.type() == Long.class ? (Object) Long.valueOf(v.strip()) : (Object) Integer.valueOf(v.strip());
        }
        if (type instanceof ValueType.TrueFalse) {
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                return Boolean.valueOf(v.toLowerCase(Locale.ROOT));
            }
            problems.add(s.position(), path, "bind.not-boolean", v);
            return null;
        }
        if (type instanceof ValueType.Length) {
            return Durations.parse(v);
        }
        if (type instanceof ValueType.Zone) {
            try {
                return ZoneId.of(v.strip());
            } catch (DateTimeException e) {
                problems.add(s.position(), path, "bind.bad-zone", v);
                return null;
            }
        }
        if (type instanceof ValueType.Choice choice) {
            for (Object constant : choice.type().getEnumConstants()) {
                if (((Enum<?>) constant).name().replace('_', '-').equalsIgnoreCase(v.strip())) {
                    return constant;
                }
            }
            problems.add(s.position(), path, "bind.not-a-choice", v, String.join(", ", choice.names()),
                Suggest.closest(v, choice.names()).map(c -> new Text("suggest.did-you-mean", c)).map(Object.class::cast).orElse(""));
            return null;
        }
        if (type instanceof ValueType.Parsed parsed) {
            try {
                return parsed.parse().invoke(null, v);
            } catch (InvocationTargetException e) {
                reportCause(e.getCause(), s.position(), path);
                return null;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot call " + parsed.type().getName() + ".parse", e);
            }
        }
        throw new IllegalStateException("no way to read " + type + " from YAML text (at " + path + ")");
    }

    /** The place of character {@code offset} inside a one-line scalar, after an opening quote. */
    private Position offset(YNode.Scalar s, int offset) {
        Position p = s.position();
        if (s.value().contains("\n") || p.line() < 1 || p.line() > sourceLines.size()) {
            return p;
        }
        String line = sourceLines.get(p.line() - 1);
        int col0 = p.column() - 1;
        boolean quoted = col0 < line.length() && (line.charAt(col0) == '"' || line.charAt(col0) == '\'');
        return new Position(p.file(), p.line(), p.column() + offset + (quoted ? 1 : 0));
    }

    private static final ValueType STEPS = new ValueType.ListOf(new ValueType.StepValue());
    private static final ValueType NAME = new ValueType.Text(null, null);
    private static final ValueType LENGTH = new ValueType.Length();
    private static final ValueType TRUE_FALSE = new ValueType.TrueFalse();

    @SuppressWarnings("unchecked")
    List<Step> steps(YNode node, String path) {
        return (List<Step>) bind(node, STEPS, path);
    }

    Step step(YNode node, String path) {
        if (node instanceof YNode.Scalar s && !s.isNull() && registry.has(s.value().strip())) {
            Action<?> action = registry.get(s.value().strip()).orElseThrow();
            Record params = bindRecord(new YNode.Scalar(null, s.position()), action.paramsType(), child(path, action.name()));
            return params == null ? null : new Step(action.name(), params, null, null, null, false, s.position(), path);
        }
        if (!(node instanceof YNode.Map map)) {
            problems.add(node.position(), path, "step.not-map", node instanceof YNode.Scalar s && !s.isNull() ? s.value() : "");
            if (node instanceof YNode.Scalar s && !s.isNull()) {
                suggestAction(s, path);
            }
            return null;
        }
        List<YNode.Entry> actionKeys = map.entries().stream().filter(e -> registry.has(e.key().value())).toList();
        if (actionKeys.isEmpty()) {
            boolean reported = false;
            for (YNode.Entry e : map.entries()) {
                if (!MODIFIERS.contains(e.key().value())) {
                    suggestAction(e.key(), path);
                    reported = true;
                }
            }
            if (!reported) {
                problems.add(map.position(), path, "step.no-action", String.join(", ", registry.names()));
            }
            return null;
        }
        if (actionKeys.size() > 1) {
            YNode.Entry second = actionKeys.get(1);
            problems.add(second.key().position(), path, "step.two-actions", actionKeys.get(0).key().value(), second.key().value());
            return null;
        }
        YNode.Entry actionEntry = actionKeys.get(0);
        Action<?> action = registry.get(actionEntry.key().value()).orElseThrow();
        List<String> siblingKeys = Shape.of(action.paramsType()).siblings().stream().map(Field::key).toList();

        int before = problems.size();
        Map<String, YNode.Entry> siblings = new LinkedHashMap<>();
        String name = null;
        Retry retry = null;
        Duration timeout = null;
        boolean continueOnError = false;
        for (YNode.Entry e : map.entries()) {
            String key = e.key().value();
            if (e == actionEntry) {
                continue;
            }
            switch (key) {
                case "name" -> name = (String) bind(e.value(), NAME, child(path, key));
                case "retry" -> retry = bindRecord(e.value(), Retry.class, child(path, key));
                case "timeout" -> timeout = (Duration) bind(e.value(), LENGTH, child(path, key));
                case "continue-on-error" -> continueOnError = Boolean.TRUE.equals(bind(e.value(), TRUE_FALSE, child(path, key)));
                default -> {
                    if (siblingKeys.contains(key)) {
                        siblings.put(key, e);
                    } else {
                        List<String> allowed = new ArrayList<>(siblingKeys);
                        allowed.addAll(MODIFIERS);
                        problems.add(e.key().position(), path, "step.unknown-key", key, action.name(), String.join(", ", allowed),
                            Suggest.closest(key, allowed).map(c -> new Text("suggest.did-you-mean", c)).map(Object.class::cast).orElse(""));
                    }
                }
            }
        }
        Record params = bindRecord(actionEntry.value(), action.paramsType(), child(path, action.name()), siblings);
        if (params == null || problems.size() > before) {
            return null;
        }
        return new Step(action.name(), params, name, retry, timeout, continueOnError, map.position(), path);
    }

    private void suggestAction(YNode.Scalar key, String path) {
        String written = key.value();
        Object hint = Suggest.closest(written, registry.names()).map(c -> new Text("suggest.did-you-mean", c)).map(Object.class::cast).orElse("");
        problems.add(key.position(), path, "step.unknown-action", written, hint, String.join(", ", registry.names()));
    }

    private void unknownKey(YNode.Scalar key, String path, List<String> allowed) {
        Object hint = Suggest.closest(key.value(), allowed).map(c -> new Text("suggest.did-you-mean", c)).map(Object.class::cast).orElse("");
        problems.add(key.position(), path, "bind.unknown-key", key.value(), String.join(", ", allowed), hint);
    }

    private void typeProblem(YNode node, String path, String expectedKind) {
        problems.add(node.position(), path, "bind.wrong-kind", new Text(expectedKind), new Text("kind." + node.kind()));
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }
}
