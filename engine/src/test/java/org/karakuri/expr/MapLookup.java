package org.karakuri.expr;

import java.util.HashMap;
import java.util.Map;

/** A lookup over fixed values for tests; an unknown reference fails like the engine's does. */
final class MapLookup implements Lookup {
    private final Map<String, Object> values = new HashMap<>();

    static MapLookup of(Object... referencesAndValues) {
        MapLookup lookup = new MapLookup();
        for (int i = 0; i < referencesAndValues.length; i += 2) {
            lookup.values.put((String) referencesAndValues[i], referencesAndValues[i + 1]);
        }
        return lookup;
    }

    @Override
    public Object get(String reference) {
        if (!values.containsKey(reference)) {
            throw new ExpressionException(0, "test.unknown-reference", reference);
        }
        return values.get(reference);
    }
}
