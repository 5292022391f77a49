package org.karakuri.lang;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.karakuri.i18n.Position;
import org.karakuri.model.Doc;
import org.karakuri.model.Entries;
import org.karakuri.model.Key;
import org.karakuri.model.Matches;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.model.Sibling;

/**
 * The YAML shape of one record type of the language (an action's parameters, the scenario,
 * {@code trigger}, {@code retry}…), read once from its components and annotations: keys in
 * kebab-case or {@code @Key}, {@code @Required}, {@code @Shorthand}, {@code @Sibling},
 * {@code @Entries.Whole}, {@code @Matches}, {@code @Doc}; a {@link Position} component receives
 * the place and a {@link Path} component a value the loader supplies. The loader binds with it,
 * and the JSON Schema and the action reference are written from it.
 */
public final class Shape {
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        @SuppressWarnings("unchecked")
        protected Shape computeValue(Class<?> type) {
            return new Shape((Class<? extends Record>) type);
        }
    };

    private final Class<? extends Record> type;
    private final List<Field> fields;
    private final Constructor<? extends Record> constructor;

    private Shape(Class<? extends Record> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        this.type = type;
        RecordComponent[] comps = type.getRecordComponents();
        List<Field> list = new ArrayList<>();
        for (int i = 0; i < comps.length; i++) {
            list.add(field(comps[i], i));
        }
        this.fields = List.copyOf(list);
        if (fields.stream().filter(f -> f.role() == Field.Role.WHOLE).count() > 1
            || fields.stream().filter(Field::shorthand).count() > 1) {
            throw new IllegalStateException(type.getName() + ": at most one @Entries.Whole and one @Shorthand component");
        }
        try {
            this.constructor = type.getDeclaredConstructor(Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new));
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
        }
    }

    /** The shape of {@code type}, built on first use. */
    public static Shape of(Class<? extends Record> type) {
        return SHAPES.get(type);
    }

    private static Field field(RecordComponent c, int index) {
        Field.Role role;
        if (c.getType() == Position.class) {
            role = Field.Role.POSITION;
        } else if (c.getType() == Path.class) {
            role = Field.Role.SUPPLIED;
        } else if (c.isAnnotationPresent(Entries.Whole.class)) {
            role = Field.Role.WHOLE;
        } else if (c.isAnnotationPresent(Sibling.class)) {
            role = Field.Role.SIBLING;
        } else {
            role = Field.Role.KEY;
        }
        Key k = c.getAnnotation(Key.class);
        Matches m = c.getAnnotation(Matches.class);
        ValueType vt = role == Field.Role.POSITION || role == Field.Role.SUPPLIED ? null
            : ValueType.of(c.getGenericType(), m == null ? null : m.value(), m == null ? null : m.hint());
        return new Field(c, index, k != null ? k.value() : kebab(c.getName()), role, c.isAnnotationPresent(Required.class),
            c.isAnnotationPresent(Shorthand.class), c.getAnnotation(Doc.class), vt);
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    public Class<? extends Record> type() {
        return type;
    }

    /** The type's name in kebab-case ({@code retry}, {@code browser-settings}), as the schema's definitions name it. */
    public String name() {
        return kebab(type.getSimpleName());
    }

    /** Every component, in the record's order. */
    public List<Field> fields() {
        return fields;
    }

    /** The components written as keys of the value itself. */
    public List<Field> keys() {
        return fields.stream().filter(f -> f.role() == Field.Role.KEY).toList();
    }

    /** The components written beside the action key. */
    public List<Field> siblings() {
        return fields.stream().filter(f -> f.role() == Field.Role.SIBLING).toList();
    }

    public Optional<Field> whole() {
        return fields.stream().filter(f -> f.role() == Field.Role.WHOLE).findFirst();
    }

    public Optional<Field> shorthand() {
        return fields.stream().filter(Field::shorthand).findFirst();
    }

    public Optional<Field> field(String key) {
        return fields.stream().filter(f -> f.written() && f.key().equals(key)).findFirst();
    }

    /** Whether the value may be left out entirely ({@code - close-browser}): no key inside it is required. */
    public boolean mayBeEmpty() {
        return fields.stream().noneMatch(f -> f.required() && f.role() != Field.Role.SIBLING);
    }

    /** The type's own {@code @Doc}, or null. */
    public Doc doc() {
        return type.getAnnotation(Doc.class);
    }

    /**
     * A record from its component values; what its compact constructor throws (a
     * {@code KarakuriException} naming the rule, an {@code IllegalArgumentException}) comes out as is.
     */
    public Record construct(Object[] values) throws Throwable {
        Object[] filled = values.clone();
        for (Field f : fields) {
            Class<?> t = f.component().getType();
            if (filled[f.index()] == null && t.isPrimitive()) {
                filled[f.index()] = t == boolean.class ? Boolean.FALSE : t == int.class ? Integer.valueOf(0) : Long.valueOf(0);
            }
        }
        try {
            return constructor.newInstance(filled);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
