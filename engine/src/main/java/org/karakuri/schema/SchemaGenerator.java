package org.karakuri.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.karakuri.expr.Condition;
import org.karakuri.expr.Template;
import org.karakuri.model.Position;
import org.karakuri.model.Retry;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;
import org.karakuri.spi.Action;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.spi.Doc;
import org.karakuri.spi.Entries;
import org.karakuri.spi.Key;
import org.karakuri.spi.Required;
import org.karakuri.spi.Shorthand;
import org.karakuri.spi.Sibling;
import org.karakuri.yaml.YNode;

/**
 * The JSON Schema (draft-07) of the scenario language, generated from the model records and
 * the action registry, so it can never drift from what the loader accepts. Editors (VS Code's
 * YAML extension) use it to complete action names and their keys.
 */
public final class SchemaGenerator {
    public static final String ID = "https://karakuri.example/schema/scenario-v1.json";
    private static final String DURATION = "^\\s*(\\d+\\s*(ms|s|m|h|d)\\s*)+$";

    private final ActionRegistry registry;
    private final Map<String, Object> definitions = new LinkedHashMap<>();

    public SchemaGenerator(ActionRegistry registry) {
        this.registry = registry;
    }

    public String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(schema());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, Object> schema() {
        definitions.clear();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("$id", ID);
        root.put("title", "Karakuri scenario");
        root.putAll(record(Scenario.class, false));
        root.put("description", doc(Scenario.class.getAnnotation(Doc.class)));
        definitions.put("step", step());
        root.put("definitions", definitions);
        return root;
    }

    private Map<String, Object> step() {
        List<Object> any = new ArrayList<>();
        List<String> bare = new ArrayList<>();
        for (Action<?> a : registry.all()) {
            String def = "action-" + a.name();
            definitions.put(def, action(a));
            any.add(Map.of("$ref", "#/definitions/" + def));
            boolean needsNothing = java.util.Arrays.stream(a.paramsType().getRecordComponents())
                .noneMatch(c -> c.isAnnotationPresent(Required.class));
            if (needsNothing) {
                bare.add(a.name());
            }
        }
        if (!bare.isEmpty()) {
            any.add(Map.of("type", "string", "enum", bare));
        }
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("description", "A step: exactly one action key, plus name, retry, timeout, continue-on-error. / 手順: 操作のキーを1つだけ書きます。");
        step.put("anyOf", any);
        return step;
    }

    private Map<String, Object> action(Action<?> a) {
        Map<String, Object> props = new LinkedHashMap<>();
        Map<String, Object> value = params(a.paramsType());
        value.put("description", a.doc() + " / " + a.docJa());
        props.put(a.name(), value);
        for (RecordComponent c : a.paramsType().getRecordComponents()) {
            if (c.isAnnotationPresent(Sibling.class)) {
                props.put(key(c), component(c));
            }
        }
        props.put("name", Map.of("type", "string", "description", "A label for the step. / 手順の名前。"));
        props.put("retry", ref(Retry.class));
        props.put("timeout", Map.of("type", "string", "pattern", DURATION, "description",
            "How long this step waits for its target, e.g. 30s. / この手順が対象を待つ時間。"));
        props.put("continue-on-error", Map.of("type", "boolean", "description",
            "A failure is recorded and the run goes on. / 失敗しても記録して先へ進みます。"));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("description", a.doc() + " / " + a.docJa());
        s.put("properties", props);
        List<String> required = new ArrayList<>(List.of(a.name()));
        for (RecordComponent c : a.paramsType().getRecordComponents()) {
            if (c.isAnnotationPresent(Sibling.class) && c.isAnnotationPresent(Required.class)) {
                required.add(key(c));
            }
        }
        s.put("required", required);
        s.put("additionalProperties", false);
        return s;
    }

    /** The schema of an action's value: its whole-map component, its object form, or its shorthand. */
    private Map<String, Object> params(Class<? extends Record> type) {
        RecordComponent whole = null;
        RecordComponent shorthand = null;
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.isAnnotationPresent(Entries.Whole.class)) {
                whole = c;
            }
            if (c.isAnnotationPresent(Shorthand.class)) {
                shorthand = c;
            }
        }
        if (whole != null) {
            return component(whole);
        }
        Map<String, Object> object = record(type, true);
        if (shorthand == null) {
            boolean noneRequired = java.util.Arrays.stream(type.getRecordComponents())
                .noneMatch(c -> c.isAnnotationPresent(Required.class) && !c.isAnnotationPresent(Sibling.class));
            if (noneRequired) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("anyOf", List.of(object, Map.of("type", "null")));
                return s;
            }
            return object;
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("anyOf", List.of(component(shorthand), object));
        return s;
    }

    private Map<String, Object> record(Class<?> type, boolean params) {
        Map<String, Object> props = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getType() == Position.class || c.getType() == Path.class || (params && c.isAnnotationPresent(Sibling.class))) {
                continue;
            }
            props.put(key(c), component(c));
            if (c.isAnnotationPresent(Required.class)) {
                required.add(key(c));
            }
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        Doc d = type.getAnnotation(Doc.class);
        if (d != null) {
            s.put("description", doc(d));
        }
        s.put("properties", props);
        if (!required.isEmpty()) {
            s.put("required", required);
        }
        s.put("additionalProperties", false);
        return s;
    }

    private Map<String, Object> component(RecordComponent c) {
        Map<String, Object> s = new LinkedHashMap<>(type(c.getGenericType()));
        Doc d = c.getAnnotation(Doc.class);
        if (d != null) {
            s.put("description", doc(d));
        }
        return s;
    }

    private Map<String, Object> ref(Class<?> record) {
        String name = kebab(record.getSimpleName());
        if (!definitions.containsKey(name)) {
            definitions.put(name, Map.of());
            definitions.put(name, record(record, false));
        }
        return Map.of("$ref", "#/definitions/" + name);
    }

    private Map<String, Object> type(Type t) {
        Class<?> raw = t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
        Map<String, Object> s = new LinkedHashMap<>();
        if (raw == Step.class) {
            return Map.of("$ref", "#/definitions/step");
        }
        if (raw == List.class) {
            s.put("type", "array");
            s.put("items", type(arg(t, 0)));
        } else if (raw == Map.class || raw == Entries.class) {
            s.put("type", "object");
            s.put("additionalProperties", type(arg(t, raw == Map.class ? 1 : 0)));
        } else if (raw.isRecord() && !parsesFromText(raw)) {
            return ref(raw);
        } else if (raw == YNode.class) {
            return s;
        } else if (raw == Template.class) {
            s.put("type", List.of("string", "number", "boolean"));
        } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            s.put("type", "integer");
        } else if (raw == Boolean.class || raw == boolean.class) {
            s.put("type", "boolean");
        } else if (raw == Duration.class) {
            s.put("type", "string");
            s.put("pattern", DURATION);
        } else if (raw.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object e : raw.getEnumConstants()) {
                String kebab = ((Enum<?>) e).name().toLowerCase(Locale.ROOT).replace('_', '-');
                values.add(kebab);
                if (!kebab.contains("-")) {
                    values.add(kebab.toUpperCase(Locale.ROOT));
                }
            }
            s.put("enum", values);
        } else if (raw == String.class || raw == Condition.class || raw == ZoneId.class) {
            s.put("type", "string");
        } else {
            s.put("type", "string");
        }
        return s;
    }

    private static boolean parsesFromText(Class<?> type) {
        try {
            return java.lang.reflect.Modifier.isStatic(type.getMethod("parse", String.class).getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Type arg(Type t, int i) {
        return t instanceof ParameterizedType p ? p.getActualTypeArguments()[i] : String.class;
    }

    private static String key(RecordComponent c) {
        Key k = c.getAnnotation(Key.class);
        return k != null ? k.value() : kebab(c.getName());
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String doc(Doc d) {
        return d == null ? "" : d.ja().isEmpty() ? d.value() : d.value() + " / " + d.ja();
    }
}
