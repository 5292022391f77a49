package org.karakuri.lang;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.karakuri.expr.Condition;
import org.karakuri.expr.Template;
import org.karakuri.model.Step;
import org.karakuri.model.Entries;
import org.karakuri.yaml.YNode;

/**
 * What a key's value is in the language, decided once from the record component's Java type.
 * Binding, the JSON Schema and the action reference each switch over these kinds, so a new
 * kind of value is one case here and one in each reader, never a fourth copy of the rules.
 */
public sealed interface ValueType {

    /** Plain text, optionally matching a pattern ({@code scenario: tennyu-entry}). */
    record Text(String pattern, String hint) implements ValueType {}

    /** Text with {@code ${…}} expressions, evaluated when the step runs. */
    record TemplateText() implements ValueType {}

    /** A condition: {@code ${row.区分} == 転入}. */
    record ConditionText() implements ValueType {}

    /** A whole number; {@code type} is {@code Integer} or {@code Long}. */
    record WholeNumber(Class<?> type) implements ValueType {}

    record TrueFalse() implements ValueType {}

    /** {@code 500ms}, {@code 10s}, {@code 1m30s}. */
    record Length() implements ValueType {}

    /** A time zone id, {@code Asia/Tokyo}. */
    record Zone() implements ValueType {}

    /** One of an enum's constants, written in kebab-case ({@code run-once}). */
    record Choice(Class<? extends Enum<?>> type, List<String> names) implements ValueType {
        public Choice {
            names = List.copyOf(names);
        }
    }

    /** A value type with a static {@code parse(String)} that checks it ({@code Cron}, a date). */
    record Parsed(Class<?> type, Method parse) implements ValueType {}

    record ListOf(ValueType item) implements ValueType {}

    /** A map whose keys are the author's (labels, columns); {@code entries} keeps order and places. */
    record MapOf(ValueType value, boolean entries) implements ValueType {}

    /** A nested record with keys of its own ({@code retry: {times, wait}}). */
    record Nested(Class<? extends Record> type) implements ValueType {
        public Shape shape() {
            return Shape.of(type);
        }
    }

    /** One step of the language (a list of these is a block of steps). */
    record StepValue() implements ValueType {}

    /** Any YAML, read by the action itself ({@code check:} rules). */
    record AnyYaml() implements ValueType {}

    /** The kind of a Java type as it appears in a parameters record. */
    @SuppressWarnings("unchecked")
    static ValueType of(Type type, String pattern, String hint) {
        Class<?> raw = raw(type);
        if (raw == String.class) {
            return new Text(pattern, hint);
        }
        if (raw == Template.class) {
            return new TemplateText();
        }
        if (raw == Condition.class) {
            return new ConditionText();
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return new WholeNumber(raw == int.class ? Integer.class : raw == long.class ? Long.class : raw);
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return new TrueFalse();
        }
        if (raw == Duration.class) {
            return new Length();
        }
        if (raw == ZoneId.class) {
            return new Zone();
        }
        if (raw == YNode.class) {
            return new AnyYaml();
        }
        if (raw == Step.class) {
            return new StepValue();
        }
        if (raw.isEnum()) {
            List<String> names = Arrays.stream(raw.getEnumConstants())
                .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
            return new Choice((Class<? extends Enum<?>>) raw, names);
        }
        if (raw == List.class) {
            return new ListOf(of(arg(type, 0), null, null));
        }
        if (raw == Map.class) {
            return new MapOf(of(arg(type, 1), null, null), false);
        }
        if (raw == Entries.class) {
            return new MapOf(of(arg(type, 0), null, null), true);
        }
        Method parse = staticParse(raw);
        if (parse != null) {
            return new Parsed(raw, parse);
        }
        if (raw.isRecord()) {
            return new Nested((Class<? extends Record>) raw);
        }
        throw new IllegalStateException("no way to write a " + type.getTypeName() + " in a scenario");
    }

    private static Method staticParse(Class<?> type) {
        try {
            Method m = type.getMethod("parse", String.class);
            return Modifier.isStatic(m.getModifiers()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("unsupported type " + type);
    }

    private static Type arg(Type type, int i) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[i] : String.class;
    }
}
