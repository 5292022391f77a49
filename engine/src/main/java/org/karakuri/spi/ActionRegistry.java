package org.karakuri.spi;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every action on the class path, found once with {@link ServiceLoader}. Immutable; two
 * actions with one name stop the engine at start-up, naming both classes.
 */
public final class ActionRegistry {
    private static volatile ActionRegistry installed;

    private final Map<String, Action<?>> byName;

    private ActionRegistry(Map<String, Action<?>> byName) {
        this.byName = byName;
    }

    /** The actions of the class path, loaded on first use. */
    public static ActionRegistry installed() {
        ActionRegistry r = installed;
        if (r == null) {
            synchronized (ActionRegistry.class) {
                r = installed;
                if (r == null) {
                    @SuppressWarnings({"rawtypes", "unchecked"})
                    List<Action<?>> found = (List) ServiceLoader.load(Action.class, ActionRegistry.class.getClassLoader())
                        .stream().map(ServiceLoader.Provider::get).toList();
                    installed = r = of(found);
                }
            }
        }
        return r;
    }

    public static ActionRegistry of(Collection<? extends Action<?>> actions) {
        Map<String, Action<?>> map = new TreeMap<>();
        for (Action<?> a : actions) {
            if (!a.name().matches("[a-z][a-z0-9-]*")) {
                throw new IllegalStateException("action name '" + a.name() + "' of " + a.getClass().getName()
                    + " is not kebab-case");
            }
            Action<?> before = map.putIfAbsent(a.name(), a);
            if (before != null) {
                throw new IllegalStateException("two actions are named '" + a.name() + "': "
                    + before.getClass().getName() + " and " + a.getClass().getName() + "; remove one from the class path");
            }
        }
        return new ActionRegistry(new LinkedHashMap<>(map));
    }

    public Optional<Action<?>> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** Names in alphabetical order. */
    public Set<String> names() {
        return byName.keySet();
    }

    public Collection<Action<?>> all() {
        return byName.values();
    }
}
