package org.karakuri.config;

import java.lang.reflect.RecordComponent;

/** A setting's value by its dotted path ({@code capabilities.roots}). */
final class ConfigValues {
    private ConfigValues() {}

    static Object get(Record config, String path) {
        Object at = config;
        for (String key : path.split("\\.")) {
            if (at instanceof java.util.Map<?, ?> entries) {
                at = entries.get(key);
                continue;
            }
            if (!(at instanceof Record r)) {
                return null;
            }
            Object next = null;
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (ConfigReader.key(c).equals(key)) {
                    try {
                        next = c.getAccessor().invoke(r);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            at = next;
        }
        return at;
    }
}
