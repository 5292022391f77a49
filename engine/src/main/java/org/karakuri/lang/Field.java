package org.karakuri.lang;

import java.lang.reflect.RecordComponent;
import org.karakuri.model.Doc;

/**
 * One component of a parameters record as the language sees it: its YAML key, where it is
 * written, whether it is required, what it means, and its {@link ValueType}.
 *
 * @param index     the component's position in the record (and in its canonical constructor)
 * @param key       the YAML key: the component's name in kebab-case, or its {@code @Key}
 * @param role      where the value is written
 * @param required  {@code @Required}: the key must be written
 * @param shorthand {@code @Shorthand}: a plain value of the action binds to this component
 * @param doc       {@code @Doc}, or null
 */
public record Field(RecordComponent component, int index, String key, Role role, boolean required, boolean shorthand,
                    Doc doc, ValueType type) {

    /** Where a component's value comes from. */
    public enum Role {
        /** A key inside the action's (or record's) map. */
        KEY,
        /** A key written beside the action key in the step ({@code then:} of {@code if}). */
        SIBLING,
        /** The action's whole map, whose keys are the author's ({@code fill:}, {@code set:}). */
        WHOLE,
        /** The place the value was written, filled in by the loader. */
        POSITION,
        /** A value the loader supplies (the scenario's file), never written. */
        SUPPLIED
    }

    /** Whether the author writes this component (as a key, a sibling or the whole value). */
    public boolean written() {
        return role != Role.POSITION && role != Role.SUPPLIED;
    }

    /** {@code @Doc} in English, or "". */
    public String docEn() {
        return doc == null ? "" : doc.value();
    }

    /** {@code @Doc} in Japanese, or "". */
    public String docJa() {
        return doc == null ? "" : doc.ja();
    }

    /** This component's value in {@code record}. */
    public Object valueIn(Record record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + key + " of " + record.getClass().getName(), e);
        }
    }
}
