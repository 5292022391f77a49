package org.karakuri.load;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.karakuri.expr.Condition;
import org.karakuri.expr.ExpressionException;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages.Text;
import org.karakuri.model.Durations;
import org.karakuri.model.Position;
import org.karakuri.model.Retry;
import org.karakuri.model.Step;
import org.karakuri.spi.Action;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.spi.Entries;
import org.karakuri.spi.Key;
import org.karakuri.spi.Matches;
import org.karakuri.spi.Required;
import org.karakuri.spi.Shorthand;
import org.karakuri.spi.Sibling;
import org.karakuri.yaml.YNode;

/**
 * Turns a {@link YNode} tree into model records, reporting every problem with its place
 * instead of stopping at the first. Record components are YAML keys in kebab-case; a
 * component of type {@link Position} receives the node's place and one of type {@link Path}
 * a value the loader supplies (the scenario file), neither is a key.
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

    /** The YAML key of a record component. */
    static String keyOf(RecordComponent c) {
        Key k = c.getAnnotation(Key.class);
        return k != null ? k.value() : kebab(c.getName());
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Components that are YAML keys (not positions, not supplied paths). */
    static boolean isKey(RecordComponent c) {
        return c.getType() != Position.class && c.getType() != Path.class;
    }

    <R extends Record> R bindRecord(YNode node, Class<R> type, String path) {
        return bindRecord(node, type, path, Map.of(), false);
    }

    /**
     * Binds {@code node} to record {@code type}. With {@code params} true, the node is an
     * action's value: {@link Sibling} components come from {@code siblings} (keys beside the
     * action key), a {@link Shorthand} component takes a plain value, and an
     * {@link Entries.Whole} component takes the whole map.
     */
    <R extends Record> R bindRecord(YNode node, Class<R> type, String path, Map<String, YNode.Entry> siblings, boolean params) {
        RecordComponent[] comps = type.getRecordComponents();
        Object[] values = new Object[comps.length];
        boolean[] given = new boolean[comps.length];
        int before = problems.size();

        RecordComponent whole = params ? Arrays.stream(comps).filter(c -> c.isAnnotationPresent(Entries.Whole.class)).findFirst().orElse(null) : null;
        RecordComponent shorthand = Arrays.stream(comps).filter(c -> c.isAnnotationPresent(Shorthand.class)).findFirst().orElse(null);

        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < comps.length; i++) {
            if (isKey(comps[i]) && !(params && comps[i].isAnnotationPresent(Sibling.class)) && comps[i] != whole) {
                index.put(keyOf(comps[i]), i);
            }
        }

        if (whole != null) {
            int i = Arrays.asList(comps).indexOf(whole);
            if (node instanceof YNode.Map || (node instanceof YNode.Scalar s && s.isNull())) {
                values[i] = bind(node, whole.getGenericType(), path, whole);
                given[i] = values[i] != null;
            } else {
                typeProblem(node, path, "kind.map");
            }
        } else if (node instanceof YNode.Map map) {
            for (YNode.Entry e : map.entries()) {
                Integer i = index.get(e.key().value());
                if (i == null) {
                    unknownKey(e.key(), path, index.keySet());
                    continue;
                }
                if (e.value() instanceof YNode.Scalar s && s.isNull() && !isRecordLike(comps[i])) {
                    continue; // `title:` with nothing after it is the same as leaving it out
                }
                values[i] = bind(e.value(), comps[i].getGenericType(), child(path, e.key().value()), comps[i]);
                given[i] = true;
            }
        } else if (node instanceof YNode.Scalar s && !s.isNull()) {
            if (shorthand == null) {
                typeProblem(node, path, "kind.map");
            } else {
                int i = Arrays.asList(comps).indexOf(shorthand);
                values[i] = bind(node, shorthand.getGenericType(), path, shorthand);
                given[i] = true;
            }
        } else if (node instanceof YNode.Seq && shorthand != null && shorthand.getType() == List.class) {
            int i = Arrays.asList(comps).indexOf(shorthand);
            values[i] = bind(node, shorthand.getGenericType(), path, shorthand);
            given[i] = true;
        } else if (node instanceof YNode.Seq) {
            typeProblem(node, path, shorthand != null ? "kind.text-or-map" : "kind.map");
        }

        if (params) {
            for (int i = 0; i < comps.length; i++) {
                if (comps[i].isAnnotationPresent(Sibling.class)) {
                    YNode.Entry e = siblings.get(keyOf(comps[i]));
                    if (e != null && !(e.value() instanceof YNode.Scalar s && s.isNull())) {
                        values[i] = bind(e.value(), comps[i].getGenericType(), child(parent(path), e.key().value()), comps[i]);
                        given[i] = true;
                    }
                }
            }
        }

        for (int i = 0; i < comps.length; i++) {
            RecordComponent c = comps[i];
            if (c.getType() == Position.class) {
                values[i] = node.position();
            } else if (c.getType() == Path.class) {
                values[i] = supplied.get(c.getName());
            } else if (!given[i] && c.isAnnotationPresent(Required.class)) {
                Position at = node.position();
                String where = params && c.isAnnotationPresent(Sibling.class) ? parent(path) : path;
                problems.add(at, where, "bind.missing-key", keyOf(c));
            }
            if (values[i] == null && c.getType().isPrimitive()) {
                values[i] = c.getType() == boolean.class ? Boolean.FALSE : c.getType() == int.class ? 0 : 0L;
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return construct(type, comps, values, node.position(), path);
    }

    private static boolean isRecordLike(RecordComponent c) {
        return c.getType().isRecord();
    }

    private <R extends Record> R construct(Class<R> type, RecordComponent[] comps, Object[] values, Position at, String path) {
        try {
            Class<?>[] types = Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(values);
        } catch (InvocationTargetException e) {
            reportCause(e.getCause(), at, path);
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }

    private void reportCause(Throwable cause, Position at, String path) {
        if (cause instanceof KarakuriException k) {
            problems.add(k.position() != null ? k.position() : at, path, k.key(), k.args());
        } else if (cause instanceof IllegalArgumentException | cause instanceof NullPointerException) {
            problems.add(at, path, "bind.invalid", String.valueOf(cause.getMessage()));
        } else {
            throw new IllegalStateException(cause);
        }
    }

    Object bind(YNode node, Type type, String path, RecordComponent component) {
        Class<?> raw = raw(type);
        if (raw == YNode.class) {
            return node;
        }
        if (raw == Step.class) {
            return step(node, path);
        }
        if (raw == List.class) {
            if (!(node instanceof YNode.Seq seq)) {
                typeProblem(node, path, "kind.list");
                return null;
            }
            Type item = arg(type, 0);
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < seq.items().size(); i++) {
                out.add(bind(seq.items().get(i), item, path + "[" + i + "]", component));
            }
            return out.contains(null) ? null : List.copyOf(out);
        }
        if (raw == Map.class || raw == Entries.class) {
            if (!(node instanceof YNode.Map map)) {
                if (node instanceof YNode.Scalar s && s.isNull()) {
                    return raw == Map.class ? Map.of() : Entries.empty();
                }
                typeProblem(node, path, "kind.map");
                return null;
            }
            Type valueType = arg(type, raw == Map.class ? 1 : 0);
            List<Entries.Entry<Object>> list = new ArrayList<>();
            boolean ok = true;
            for (YNode.Entry e : map.entries()) {
                Object v = bind(e.value(), valueType, child(path, e.key().value()), component);
                ok &= v != null || (e.value() instanceof YNode.Scalar s && s.isNull());
                list.add(new Entries.Entry<>(e.key().value(), v, e.key().position()));
            }
            if (!ok) {
                return null;
            }
            if (raw == Entries.class) {
                return new Entries<>(list);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            list.forEach(e -> m.put(e.key(), e.value()));
            return java.util.Collections.unmodifiableMap(m);
        }
        if (raw.isRecord() && !(node instanceof YNode.Scalar && hasParse(raw))) {
            @SuppressWarnings("unchecked")
            Class<? extends Record> r = (Class<? extends Record>) raw;
            return bindRecord(node, r, path);
        }
        if (!(node instanceof YNode.Scalar scalar)) {
            typeProblem(node, path, "kind.text");
            return null;
        }
        if (scalar.isNull()) {
            return null;
        }
        return scalar(scalar, raw, path, component);
    }

    private static boolean hasParse(Class<?> type) {
        try {
            return Modifier.isStatic(type.getMethod("parse", String.class).getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private Object scalar(YNode.Scalar s, Class<?> raw, String path, RecordComponent component) {
        String v = s.value();
        try {
            if (raw == String.class) {
                Matches m = component == null ? null : component.getAnnotation(Matches.class);
                if (m != null && !v.matches(m.value())) {
                    problems.add(s.position(), path, "bind.not-matching", v, m.hint());
                    return null;
                }
                return v;
            }
            if (raw == Template.class) {
                return Template.parse(v);
            }
            if (raw == Condition.class) {
                return Condition.parse(v);
            }
            if (raw == Integer.class || raw == int.class) {
                return Integer.valueOf(v.strip());
            }
            if (raw == Long.class || raw == long.class) {
                return Long.valueOf(v.strip());
            }
            if (raw == Boolean.class || raw == boolean.class) {
                if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                    return Boolean.valueOf(v.toLowerCase(Locale.ROOT));
                }
                problems.add(s.position(), path, "bind.not-boolean", v);
                return null;
            }
            if (raw == Duration.class) {
                return Durations.parse(v);
            }
            if (raw == ZoneId.class) {
                try {
                    return ZoneId.of(v.strip());
                } catch (DateTimeException e) {
                    problems.add(s.position(), path, "bind.bad-zone", v);
                    return null;
                }
            }
            if (raw.isEnum()) {
                for (Object constant : raw.getEnumConstants()) {
                    if (((Enum<?>) constant).name().replace('_', '-').equalsIgnoreCase(v.strip())) {
                        return constant;
                    }
                }
                List<String> choices = Arrays.stream(raw.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
                problems.add(s.position(), path, "bind.not-a-choice", v, String.join(", ", choices),
                    Suggest.closest(v, choices).map(c -> new Text("suggest.did-you-mean", c)).map(Object.class::cast).orElse(""));
                return null;
            }
            Method parse = raw.getMethod("parse", String.class);
            if (Modifier.isStatic(parse.getModifiers())) {
                try {
                    return parse.invoke(null, v);
                } catch (InvocationTargetException e) {
                    reportCause(e.getCause(), s.position(), path);
                    return null;
                }
            }
        } catch (NumberFormatException e) {
            problems.add(s.position(), path, "bind.not-number", v);
            return null;
        } catch (ExpressionException e) {
            problems.add(offset(s, e.offset()), path, e.messageKey(), e.args());
            return null;
        } catch (KarakuriException e) {
            problems.add(s.position(), path, e.key(), e.args());
            return null;
        } catch (ReflectiveOperationException e) {
            // no static parse(String): fall through
        }
        throw new IllegalStateException("no way to read " + raw.getName() + " from YAML text (at " + path + ")");
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

    List<Step> steps(YNode node, String path) {
        @SuppressWarnings("unchecked")
        List<Step> steps = (List<Step>) bind(node, new ListOfSteps(), path, null);
        return steps;
    }

    Step step(YNode node, String path) {
        if (node instanceof YNode.Scalar s && !s.isNull() && registry.has(s.value().strip())) {
            Action<?> action = registry.get(s.value().strip()).orElseThrow();
            Record params = bindRecord(new YNode.Scalar(null, s.position()), action.paramsType(), child(path, action.name()), Map.of(), true);
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
        Class<? extends Record> paramsType = action.paramsType();
        Set<String> siblingKeys = Arrays.stream(paramsType.getRecordComponents())
            .filter(c -> c.isAnnotationPresent(Sibling.class)).map(Binder::keyOf)
            .collect(Collectors.toCollection(LinkedHashSet::new));

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
                case "name" -> name = (String) bind(e.value(), String.class, child(path, key), null);
                case "retry" -> retry = bindRecord(e.value(), Retry.class, child(path, key));
                case "timeout" -> timeout = (Duration) bind(e.value(), Duration.class, child(path, key), null);
                case "continue-on-error" -> continueOnError = Boolean.TRUE.equals(bind(e.value(), Boolean.class, child(path, key), null));
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
        Record params = bindRecord(actionEntry.value(), paramsType, child(path, action.name()), siblings, true);
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

    private void unknownKey(YNode.Scalar key, String path, Set<String> allowed) {
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

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("unsupported type " + type);
    }

    static Type arg(Type type, int i) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[i];
        }
        return String.class;
    }

    /** {@code List<Step>} as a reflective type. */
    static final class ListOfSteps implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {Step.class};
        }

        @Override
        public Type getRawType() {
            return List.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }
    }
}
