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
    /** The registry of a set of extension jars. */
    private record Installed(Extensions extensions, ActionRegistry registry) {}

    private static volatile Installed installed;
    private static volatile List<Action<?>> builtIn;

    private final Map<String, Action<?>> byName;

    private ActionRegistry(Map<String, Action<?>> byName) {
        this.byName = byName;
    }

    /**
     * The actions of the class path and of the extension jars ({@link Extensions}), loaded on
     * first use and again when the jars change. A jar whose action cannot be made, or is named
     * like an action of the engine or of another jar, stops it with a message naming the jar.
     */
    public static ActionRegistry installed() {
        Extensions ext = Extensions.current();
        Installed r = installed;
        if (r == null || r.extensions() != ext) {
            synchronized (ActionRegistry.class) {
                r = installed;
                if (r == null || r.extensions() != ext) {
                    installed = r = new Installed(ext, of(withExtensions(builtIn(), ext)));
                }
            }
        }
        return r.registry();
    }

    private static List<Action<?>> builtIn() {
        List<Action<?>> b = builtIn;
        if (b == null) {
            @SuppressWarnings({"rawtypes", "unchecked"})
            List<Action<?>> found = (List) ServiceLoader.load(Action.class, ActionRegistry.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();
            builtIn = b = found;
        }
        return b;
    }

    /** The engine's actions and each jar's, in that order; a jar's action is made from its own class loader. */
    private static List<Action<?>> withExtensions(List<Action<?>> engine, Extensions ext) {
        List<Action<?>> all = new java.util.ArrayList<>(engine);
        Map<String, String> from = new java.util.HashMap<>();
        engine.forEach(a -> from.put(a.name(), a.getClass().getName()));
        for (Extensions.Jar jar : ext.jars()) {
            for (String className : ext.actionClasses(jar)) {
                Action<?> action = make(jar, className, ext.classLoader());
                if (!action.name().matches("[a-z][a-z0-9-]*")) {
                    throw new org.karakuri.i18n.KarakuriException("plugin.bad-action-name", jar.file().toString(), action.name(), className);
                }
                String before = from.putIfAbsent(action.name(), className + " (" + jar.file().getFileName() + ")");
                if (before != null) {
                    throw new org.karakuri.i18n.KarakuriException("plugin.action-clash", jar.file().toString(), action.name(), className, before);
                }
                all.add(action);
            }
        }
        return all;
    }

    private static Action<?> make(Extensions.Jar jar, String className, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(className, true, loader);
            if (!Action.class.isAssignableFrom(type)) {
                throw new org.karakuri.i18n.KarakuriException("plugin.not-an-action", jar.file().toString(), className);
            }
            return (Action<?>) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            if (e instanceof org.karakuri.i18n.KarakuriException k) {
                throw k;
            }
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException i && i.getCause() != null ? i.getCause() : e;
            throw new org.karakuri.i18n.KarakuriException("plugin.bad-action", jar.file().toString(), className,
                cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
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
