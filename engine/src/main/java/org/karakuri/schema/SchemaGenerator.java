package org.karakuri.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.karakuri.lang.Field;
import org.karakuri.lang.Shape;
import org.karakuri.lang.ValueType;
import org.karakuri.model.Retry;
import org.karakuri.model.Scenario;
import org.karakuri.spi.Action;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.model.Doc;

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
        root.putAll(record(Shape.of(Scenario.class)));
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
            if (Shape.of(a.paramsType()).fields().stream().noneMatch(Field::required)) {
                bare.add(a.name());
            }
        }
        if (!bare.isEmpty()) {
            any.add(object("type", "string", "enum", bare));
        }
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("description", "A step: exactly one action key, plus name, retry, timeout, continue-on-error. / 手順: 操作のキーを1つだけ書きます。");
        step.put("anyOf", any);
        return step;
    }

    private Map<String, Object> action(Action<?> a) {
        Shape shape = Shape.of(a.paramsType());
        Map<String, Object> props = new LinkedHashMap<>();
        Map<String, Object> value = params(shape);
        value.put("description", a.doc() + " / " + a.docJa());
        props.put(a.name(), value);
        for (Field f : shape.siblings()) {
            props.put(f.key(), field(f));
        }
        props.put("name", object("type", "string", "description", "A label for the step. / 手順の名前。"));
        props.put("retry", ref(Retry.class));
        props.put("timeout", object("type", "string", "pattern", DURATION, "description",
            "How long this step waits for its target, e.g. 30s. / この手順が対象を待つ時間。"));
        props.put("continue-on-error", object("type", "boolean", "description",
            "A failure is recorded and the run goes on. / 失敗しても記録して先へ進みます。"));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("description", a.doc() + " / " + a.docJa());
        s.put("properties", props);
        List<String> required = new ArrayList<>(List.of(a.name()));
        shape.siblings().stream().filter(Field::required).forEach(f -> required.add(f.key()));
        s.put("required", required);
        s.put("additionalProperties", false);
        return s;
    }

    /** The schema of an action's value: its whole-map component, its object form, or its shorthand. */
    private Map<String, Object> params(Shape shape) {
        if (shape.whole().isPresent()) {
            return field(shape.whole().get());
        }
        Map<String, Object> object = record(shape);
        if (shape.shorthand().isEmpty()) {
            if (shape.mayBeEmpty()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("anyOf", List.of(object, Map.of("type", "null")));
                return s;
            }
            return object;
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("anyOf", List.of(field(shape.shorthand().get()), object));
        return s;
    }

    private Map<String, Object> record(Shape shape) {
        Map<String, Object> props = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Field f : shape.keys()) {
            props.put(f.key(), field(f));
            if (f.required()) {
                required.add(f.key());
            }
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        if (shape.doc() != null) {
            s.put("description", doc(shape.doc()));
        }
        s.put("properties", props);
        if (!required.isEmpty()) {
            s.put("required", required);
        }
        s.put("additionalProperties", false);
        return s;
    }

    private Map<String, Object> field(Field f) {
        Map<String, Object> s = new LinkedHashMap<>(type(f.type()));
        if (f.doc() != null) {
            s.put("description", doc(f.doc()));
        }
        return s;
    }

    private Map<String, Object> ref(Class<? extends Record> record) {
        String name = Shape.of(record).name();
        if (!definitions.containsKey(name)) {
            definitions.put(name, Map.of());
            definitions.put(name, record(Shape.of(record)));
        }
        return Map.of("$ref", "#/definitions/" + name);
    }

    private Map<String, Object> type(ValueType t) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (t instanceof ValueType.StepValue) {
            return Map.of("$ref", "#/definitions/step");
        } else if (t instanceof ValueType.ListOf list) {
            s.put("type", "array");
            s.put("items", type(list.item()));
        } else if (t instanceof ValueType.MapOf map) {
            s.put("type", "object");
            s.put("additionalProperties", type(map.value()));
        } else if (t instanceof ValueType.Nested nested) {
            return ref(nested.type());
        } else if (t instanceof ValueType.AnyYaml) {
            return s;
        } else if (t instanceof ValueType.TemplateText) {
            s.put("type", List.of("string", "number", "boolean"));
        } else if (t instanceof ValueType.WholeNumber) {
            s.put("type", "integer");
        } else if (t instanceof ValueType.TrueFalse) {
            s.put("type", "boolean");
        } else if (t instanceof ValueType.Length) {
            s.put("type", "string");
            s.put("pattern", DURATION);
        } else if (t instanceof ValueType.Text text && text.pattern() != null && !text.pattern().isEmpty()) {
            // the same rule the binder applies (a whole match), so the editor underlines what validate refuses
            s.put("type", "string");
            s.put("pattern", "^(?:" + text.pattern() + ")$");
        } else if (t instanceof ValueType.Choice choice) {
            List<String> values = new ArrayList<>();
            for (String kebab : choice.names()) {
                values.add(kebab);
                if (!kebab.contains("-")) {
                    values.add(kebab.toUpperCase(Locale.ROOT));
                }
            }
            s.put("enum", values);
        } else {
            s.put("type", "string");
        }
        return s;
    }

    /** A JSON object whose keys keep the order written (Map.of's order changes from one run to the next). */
    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static String doc(Doc d) {
        return d == null ? "" : d.ja().isEmpty() ? d.value() : d.value() + " / " + d.ja();
    }
}
