package org.karakuri.config;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages.Text;
import org.karakuri.load.Problem;
import org.karakuri.i18n.Suggest;
import org.karakuri.model.Durations;
import org.karakuri.i18n.Position;
import org.karakuri.yaml.YNode;

/**
 * Binds {@code engine.yaml} and the environment to the configuration records. A record
 * component is either a section (a record) or a {@link Setting}; for each setting the
 * environment variable wins over the file, the file over the default. Every problem is
 * collected, with file:line:col for the file and the variable's name for the environment.
 */
final class ConfigReader {
    /** {@code ${secret:kikan.password}} or {@code ${env:KIKAN_PASSWORD}}: where a value is kept instead of the file. */
    static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile("\\$\\{(secret|env):([^}\\s]+)}");

    /** A name of an entry of a named section: {@code kikan}, {@code jumin-db}. */
    private static final java.util.regex.Pattern ENTRY_NAME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    /** Where a setting's value came from. */
    record Origin(String path, String env, String where, boolean secret) {}

    private final Path home;
    private final Map<String, String> env;
    private final String fileName;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Origin> origins = new LinkedHashMap<>();
    /** The name of the entry of a named section being read ({@code kikan} of {@code data-sources:}), or null. */
    private String entry;

    ConfigReader(Path home, Map<String, String> env, String fileName) {
        this.home = home;
        this.env = env;
        this.fileName = fileName;
    }

    List<Problem> problems() {
        return problems;
    }

    Map<String, Origin> origins() {
        return origins;
    }

    /** {@code node} is the section's map in the file, or null when the file does not have it. */
    <R extends Record> R section(YNode node, Class<R> type, String path) {
        RecordComponent[] comps = type.getRecordComponents();
        Map<String, YNode> written = new LinkedHashMap<>();
        if (node instanceof YNode.Map map) {
            Map<String, RecordComponent> byKey = new LinkedHashMap<>();
            for (RecordComponent c : comps) {
                byKey.put(key(c), c);
            }
            for (YNode.Entry e : map.entries()) {
                if (byKey.containsKey(e.key().value())) {
                    written.put(e.key().value(), e.value());
                } else {
                    Object hint = Suggest.closest(e.key().value(), byKey.keySet())
                        .<Object>map(s -> new Text("suggest.did-you-mean", s)).orElse("");
                    problems.add(Problem.of(e.key().position(), path, "bind.unknown-key", e.key().value(),
                        String.join(", ", byKey.keySet()), hint));
                }
            }
        } else if (node != null && !(node instanceof YNode.Scalar s && s.isNull())) {
            problems.add(Problem.of(node.position(), path, "bind.wrong-kind", new Text("kind.map"), new Text("kind." + node.kind())));
        }
        Object[] values = new Object[comps.length];
        boolean ok = true;
        for (int i = 0; i < comps.length; i++) {
            RecordComponent c = comps[i];
            String childPath = path.isEmpty() ? key(c) : path + "." + key(c);
            YNode value = written.get(key(c));
            if (c.getType().isRecord()) {
                @SuppressWarnings("unchecked")
                Class<? extends Record> sectionType = (Class<? extends Record>) c.getType();
                values[i] = section(value, sectionType, childPath);
            } else if (entryType(c) != null) {
                values[i] = entries(c, value, childPath);
            } else {
                Setting s = c.getAnnotation(Setting.class);
                if (s == null) {
                    throw new IllegalStateException(type.getName() + "." + c.getName() + " is neither a section nor a @Setting");
                }
                int before = problems.size();
                values[i] = setting(c, s, value, childPath);
                ok &= problems.size() == before;
            }
        }
        if (!ok || !problems.isEmpty()) {
            return null;
        }
        return construct(type, comps, values, written, node == null ? null : node.position(), path);
    }

    /** The record type of a named section ({@code Map<String, R>}), or null. */
    static Class<? extends Record> entryType(RecordComponent c) {
        if (c.getGenericType() instanceof ParameterizedType p && p.getRawType() == Map.class
            && p.getActualTypeArguments()[1] instanceof Class<?> v && v.isRecord()) {
            @SuppressWarnings("unchecked")
            Class<? extends Record> type = (Class<? extends Record>) v;
            return type;
        }
        return null;
    }

    /** A name of an entry as it stands in its settings' environment variables: {@code kikan-db} → {@code KIKAN_DB}. */
    static String envName(String entry) {
        return entry.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The variable of a setting; in an entry, {@code *} replaced by the entry's name. */
    private String env(Setting s) {
        return entry == null ? s.env() : s.env().replace("*", envName(entry));
    }

    /**
     * A named section: each entry of the map in the file, and each name the component's variable
     * lists (comma-separated), read as its record with the entry's variables.
     */
    private Map<String, Record> entries(RecordComponent c, YNode node, String path) {
        Setting s = c.getAnnotation(Setting.class);
        Class<? extends Record> type = entryType(c);
        Map<String, YNode> written = new LinkedHashMap<>();
        if (node instanceof YNode.Map map) {
            for (YNode.Entry e : map.entries()) {
                if (ENTRY_NAME.matcher(e.key().value()).matches()) {
                    written.put(e.key().value(), e.value());
                } else {
                    problems.add(Problem.of(e.key().position(), path, "config.bad-entry-name", e.key().value()));
                }
            }
        } else if (node != null && !(node instanceof YNode.Scalar sc && sc.isNull())) {
            problems.add(Problem.of(node.position(), path, "bind.wrong-kind", new Text("kind.map"), new Text("kind." + node.kind())));
        }
        String listed = s == null ? null : env.get(s.env());
        if (listed != null) {
            for (String name : split(listed, ",")) {
                if (ENTRY_NAME.matcher(name).matches()) {
                    written.putIfAbsent(name, null);
                } else {
                    problems.add(Problem.of(new Position(s.env(), 0, 0), path, "config.bad-entry-name", name));
                }
            }
        }
        Map<String, Record> out = new LinkedHashMap<>();
        for (Map.Entry<String, YNode> e : written.entrySet()) {
            String outer = entry;
            entry = e.getKey();
            try {
                out.put(e.getKey(), section(e.getValue(), type, path + "." + e.getKey()));
            } finally {
                entry = outer;
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private Object setting(RecordComponent c, Setting s, YNode node, String path) {
        String variable = env(s);
        String fromEnv = env.get(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            origins.put(path, new Origin(path, variable, variable, s.secret()));
            try {
                return fromEnv(c.getGenericType(), fromEnv.strip(), s.separator());
            } catch (KarakuriException e) {
                problems.add(Problem.of(new Position(variable, 0, 0), path, e.key(), s.secret() ? new Object[] {"********"} : e.args()));
                return null;
            }
        }
        if (node != null && !(node instanceof YNode.Scalar sc && (sc.isNull() || sc.value().isBlank()))) {
            if (s.envOnly()) {
                problems.add(Problem.of(node.position(), path, "config.env-only", path, variable));
                return null;
            }
            if (s.reference() && !(node instanceof YNode.Scalar sc && REFERENCE.matcher(sc.value().strip()).matches())) {
                problems.add(Problem.of(node.position(), path, "config.reference-only", path, variable, "${secret:NAME} / ${env:NAME}"));
                return null;
            }
            origins.put(path, new Origin(path, variable, node.position().toString(), s.secret()));
            return fromFile(c.getGenericType(), node, path, s);
        }
        origins.put(path, new Origin(path, variable, "default", s.secret()));
        if (s.byDefault().isEmpty()) {
            return c.getType() == List.class ? List.of() : c.getType() == boolean.class ? Boolean.FALSE : null;
        }
        return fromText(c.getGenericType(), s.byDefault(), home, s.separator());
    }

    private Object fromEnv(Type type, String text, String separator) {
        if (isListOf(type, Path.class)) {
            return split(text, File.pathSeparator).stream().map(p -> path(p, null)).toList();
        }
        return fromText(type, text, null, separator);
    }

    /** A value written as text: lists split at {@code separator}; relative paths against {@code base} (null: the working folder). */
    private static Object fromText(Type type, String text, Path base, String separator) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            Type item = p.getActualTypeArguments()[0];
            return split(text, separator).stream().map(t -> scalar(item, t, base)).toList();
        }
        return scalar(type, text, base);
    }

    private Object fromFile(Type type, YNode node, String path, Setting setting) {
        boolean secret = setting.secret();
        try {
            if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
                Type item = p.getActualTypeArguments()[0];
                if (node instanceof YNode.Seq seq) {
                    List<Object> out = new ArrayList<>();
                    for (YNode n : seq.items()) {
                        if (!(n instanceof YNode.Scalar sc) || sc.isNull()) {
                            problems.add(Problem.of(n.position(), path, "bind.wrong-kind", new Text("kind.text"), new Text("kind." + n.kind())));
                            return null;
                        }
                        out.add(at(n, () -> scalar(item, sc.value().strip(), home)));
                    }
                    return List.copyOf(out);
                }
                if (node instanceof YNode.Scalar sc) {
                    return at(node, () -> fromText(type, sc.value(), home, setting.separator()));
                }
                problems.add(Problem.of(node.position(), path, "bind.wrong-kind", new Text("kind.list"), new Text("kind." + node.kind())));
                return null;
            }
            if (node instanceof YNode.Scalar sc) {
                return at(node, () -> scalar(type, sc.value().strip(), home));
            }
            problems.add(Problem.of(node.position(), path, "bind.wrong-kind", new Text("kind.text"), new Text("kind." + node.kind())));
            return null;
        } catch (Placed e) {
            problems.add(Problem.of(e.at, path, e.cause.key(), secret ? new Object[] {"********"} : e.cause.args()));
            return null;
        }
    }

    private static final class Placed extends RuntimeException {
        final Position at;
        final KarakuriException cause;

        Placed(Position at, KarakuriException cause) {
            super(null, null, false, false);
            this.at = at;
            this.cause = cause;
        }
    }

    private static Object at(YNode node, java.util.function.Supplier<Object> read) {
        try {
            return read.get();
        } catch (KarakuriException e) {
            throw new Placed(node.position(), e);
        }
    }

    private static Object scalar(Type type, String text, Path base) {
        if (type == String.class) {
            return text;
        }
        if (type == Integer.class || type == int.class) {
            try {
                return Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw new KarakuriException("bind.not-number", text);
            }
        }
        if (type == Long.class || type == long.class) {
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                throw new KarakuriException("bind.not-number", text);
            }
        }
        if (type == Boolean.class || type == boolean.class) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> Boolean.TRUE;
                case "false", "no", "off" -> Boolean.FALSE;
                default -> throw new KarakuriException("bind.not-boolean", text);
            };
        }
        if (type == Duration.class) {
            return Durations.parse(text);
        }
        if (type == Path.class) {
            return path(text, base);
        }
        throw new IllegalStateException("no reader for settings of type " + type);
    }

    /** {@code ~/…} is the user's home folder; other relative paths resolve against {@code base} (null: the working folder). */
    static Path path(String text, Path base) {
        String t = text.strip();
        try {
            Path p;
            if (t.equals("~") || t.startsWith("~/") || t.startsWith("~" + File.separator)) {
                p = Path.of(System.getProperty("user.home")).resolve(t.length() <= 2 ? "" : t.substring(2));
            } else {
                p = Path.of(t);
            }
            if (!p.isAbsolute() && base != null) {
                p = base.resolve(p);
            }
            return p.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new KarakuriException("path.invalid", text);
        }
    }

    private static List<String> split(String text, String separator) {
        return Arrays.stream(text.split(java.util.regex.Pattern.quote(separator))).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean isListOf(Type type, Class<?> item) {
        return type instanceof ParameterizedType p && p.getRawType() == List.class && p.getActualTypeArguments()[0] == item;
    }

    /**
     * A section refused its values: placed at the value the message names when it was written in
     * the file, at the variable when it came from the environment, else at the section.
     */
    private Problem placed(KarakuriException k, Map<String, YNode> written, Position at, String path) {
        Object named = k.args().length > 0 ? k.args()[0] : null;
        for (Map.Entry<String, YNode> e : written.entrySet()) {
            List<YNode> items = e.getValue() instanceof YNode.Seq seq ? seq.items() : List.of(e.getValue());
            for (YNode n : items) {
                if (n instanceof YNode.Scalar sc && sc.value() != null && named != null
                    && sc.value().toLowerCase(Locale.ROOT).contains(String.valueOf(named))) {
                    return Problem.of(n.position(), path + "." + e.getKey(), k.key(), k.args());
                }
            }
        }
        for (Origin o : origins.values()) {
            String v = named == null || o.env() == null ? null : env.get(o.env());
            if (o.path().startsWith(path + ".") && o.where().equals(o.env()) && v != null
                && v.toLowerCase(Locale.ROOT).contains(String.valueOf(named))) {
                return Problem.of(new Position(o.env(), 0, 0), o.path(), k.key(), k.args());
            }
        }
        return Problem.of(at != null ? at : new Position(fileName, 1, 1), path, k.key(), k.args());
    }

    /** The key of a component in the file: its name in kebab-case. */
    static String key(RecordComponent c) {
        return c.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private <R extends Record> R construct(Class<R> type, RecordComponent[] comps, Object[] values, Map<String, YNode> written,
                                           Position at, String path) {
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new));
            ctor.setAccessible(true);
            return ctor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof KarakuriException k) {
                problems.add(placed(k, written, at, path));
                return null;
            }
            throw new IllegalStateException("cannot build " + type.getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }
}
