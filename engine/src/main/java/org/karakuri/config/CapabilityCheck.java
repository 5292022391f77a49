package org.karakuri.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.karakuri.context.EngineVariables;
import org.karakuri.expr.Condition;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.lang.Field;
import org.karakuri.lang.Shape;
import org.karakuri.lang.ValueType;
import org.karakuri.load.Problems;
import org.karakuri.load.ScenarioCheck;
import org.karakuri.model.Reaches;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;
import org.karakuri.context.PathGuard;
import org.karakuri.model.Entries;
import org.karakuri.spi.Capabilities;
import org.karakuri.i18n.Position;

/**
 * Holds a scenario to the engine's {@link CapabilityPolicy}: {@code camel:} only to allowed
 * components, without Camel's own expressions, placeholders or bean references (they read the
 * engine's environment or build any class); {@code file:} endpoints and {@code file:} URLs only
 * inside the allowed folders; {@code open} only to allowed schemes. The same rules run twice:
 * on the loaded scenario (every problem with file:line:col, before anything runs) and on the
 * rendered value when the step runs (what a variable held is known only then).
 */
public final class CapabilityCheck implements Capabilities {
    /** Options of a {@code file:} endpoint a scenario may set: none of them reaches another folder or a bean. */
    static final Set<String> FILE_OPTIONS = Set.of("fileName", "charset", "fileExist", "autoCreate", "flatten", "allowNullBody",
        "appendChars", "keepLastModified", "tempPrefix", "forceWrites", "eagerDeleteTargetFile", "bufferSize");
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):.*", Pattern.DOTALL);
    /** Where a variable's value stands in a template rendered at load time (never in a real value). */
    private static final String HOLE = "\uE000";

    private static final Pattern CONNECTION = Pattern.compile("([A-Za-z][A-Za-z0-9_-]+):.*", Pattern.DOTALL);

    private final CapabilityPolicy policy;
    private final Function<String, Path> guard;
    private final ConnectionsConfig known;
    /** The connections of the scenario being walked ({@code NAME:/path} may name only those). */
    private Entries<org.karakuri.model.Connection> connections = Entries.empty();

    /** @param guard resolves a path a scenario wrote, refusing it outside the allowed folders */
    public CapabilityCheck(CapabilityPolicy policy, Function<String, Path> guard) {
        this(policy, guard, new ConnectionsConfig(List.of()));
    }

    /** @param known the host keys the administrator pinned ({@code connections.known-hosts}) */
    public CapabilityCheck(CapabilityPolicy policy, Function<String, Path> guard, ConnectionsConfig known) {
        this.known = known;
        this.policy = policy;
        this.guard = guard;
    }

    /**
     * The check of every loaded scenario ({@link ScenarioCheck}, found by the loader): this
     * process's configuration, the scenario's folder, KARAKURI_HOME and the configured roots.
     */
    public static final class OnLoad implements ScenarioCheck {
        @Override
        public void check(Scenario scenario, Problems problems) {
            Map<String, String> env = System.getenv();
            EngineConfig config = EngineConfig.current();
            List<Path> roots = new ArrayList<>(List.of(scenario.folder(), EngineConfig.home(env)));
            roots.addAll(config.capabilities().roots());
            PathGuard paths = new PathGuard(scenario.folder(), roots);
            new CapabilityCheck(config.capabilities(), paths::resolve, config.connections()).walk(scenario, problems);
            for (Entries.Entry<org.karakuri.model.Connection> c : scenario.connections().list()) {
                try {
                    config.connections().hostKey(c.key(), c.value());
                } catch (KarakuriException e) {
                    problems.add(c.position() != null ? c.position() : c.value().position(), "connections." + c.key(), e.key(), e.args());
                }
            }
            var t = scenario.trigger();
            if (t != null && t.onArrival()) {
                try {
                    String folder = t.fileArrives().folder();
                    if (!onConnection(folder, scenario.connections())) {
                        paths.resolve(folder);
                    }
                } catch (KarakuriException e) {
                    problems.add(t.fileArrives().position() != null ? t.fileArrives().position() : t.position(), "trigger.file-arrives.folder",
                        e.key(), e.args());
                }
            }
        }
    }

    /** Every step and every template of {@code scenario}; a refusal is placed at the nearest place written. */
    void walk(Scenario scenario, Problems problems) {
        connections = scenario.connections();
        walkRecord(scenario, scenario.position(), "", problems);
    }

    private void walkRecord(Record r, Position at, String path, Problems problems) {
        Shape shape = Shape.of(r.getClass());
        Position here = at;
        for (Field f : shape.fields()) {
            if (f.role() == Field.Role.POSITION && f.valueIn(r) instanceof Position p) {
                here = p;
            }
        }
        for (Field f : shape.fields()) {
            Object value = f.written() ? f.valueIn(r) : null;
            if (value != null) {
                walkValue(value, f.type(), here, r instanceof Scenario || path.isEmpty() ? f.key() : path, problems);
            }
        }
    }

    /** A value walked by what the language says it is (a scalar parsed from text, like a date, is not looked into). */
    private void walkValue(Object value, ValueType type, Position at, String path, Problems problems) {
        if (type instanceof ValueType.StepValue && value instanceof Step step) {
            try {
                checkStep(step);
            } catch (KarakuriException e) {
                problems.add(step.position(), step.path() + "." + step.action(), e.key(), e.args());
            }
            walkRecord(step.params(), step.position(), step.path() + "." + step.action(), problems);
        } else if (value instanceof Template t) {
            env(t.references(), at, path, problems);
        } else if (value instanceof Condition c) {
            env(c.references(), at, path, problems);
        } else if (type instanceof ValueType.ListOf list && value instanceof List<?> items) {
            items.forEach(item -> walkValue(item, list.item(), at, path, problems));
        } else if (type instanceof ValueType.MapOf map && value instanceof Entries<?> entries) {
            for (Entries.Entry<?> e : entries.list()) {
                if (e.value() != null) {
                    walkValue(e.value(), map.value(), e.position(), path.isEmpty() ? e.key() : path + "." + e.key(), problems);
                }
            }
        } else if (type instanceof ValueType.MapOf map && value instanceof java.util.Map<?, ?> m) {
            m.values().forEach(v -> {
                if (v != null) {
                    walkValue(v, map.value(), at, path, problems);
                }
            });
        } else if (type instanceof ValueType.Nested && value instanceof Record r) {
            walkRecord(r, at, path, problems);
        }
    }

    /** {@code ${env:KARAKURI_…}}: the engine's own variables are not the scenario's to read. */
    private static void env(List<String> references, Position at, String path, Problems problems) {
        for (String r : references) {
            if (r.startsWith("env:") && EngineVariables.isEngines(r.substring(4))) {
                problems.add(at != null ? at : Position.UNKNOWN, path, "expr.env-engine", r.substring(4));
            }
        }
    }

    /** Holds every key of the step that {@link Reaches} something to the policy, as written. */
    private void checkStep(Step step) {
        for (Field f : Shape.of(step.params().getClass()).fields()) {
            Reaches reaches = f.component().getAnnotation(Reaches.class);
            if (reaches == null || !(f.valueIn(step.params()) instanceof Template t)) {
                continue;
            }
            String shape = shape(t);
            switch (reaches.value()) {
                case CAMEL_ENDPOINT -> camelShape(shape);
                case WEB_ADDRESS -> openShape(shape);
                case LOCATION -> locationShape(shape);
                default -> throw new IllegalStateException(reaches.value().name());
            }
        }
    }

    /** The template's text with {@link #HOLE} where a variable's value will stand. */
    private static String shape(Template t) {
        try {
            return t.render(reference -> HOLE);
        } catch (RuntimeException filterNeedsARealValue) {
            String source = t.source();
            int at = source.indexOf("${");
            while (at > 0 && source.charAt(at - 1) == '$') {
                at = source.indexOf("${", at + 1);
            }
            return (at < 0 ? source : source.substring(0, at)).replace("$${", "${") + HOLE;
        }
    }

    /**
     * A {@code camel: to:} URI as written (with holes) or as rendered when the step runs; the URI
     * to send to: a {@code file:} folder made absolute against the scenario's folder (Camel would
     * take a relative one from the engine's working folder).
     */
    private String camelShape(String uri) {
        String known = uri.contains(HOLE) ? uri.substring(0, uri.indexOf(HOLE)) : uri;
        var m = SCHEME.matcher(known);
        if (!m.matches()) {
            throw new KarakuriException(uri.contains(HOLE) ? "capability.camel-hidden" : "capability.camel-not-uri", printable(uri));
        }
        String component = m.group(1).toLowerCase(Locale.ROOT);
        if (!policy.allowsComponent(component)) {
            throw new KarakuriException("capability.camel-component", component, String.join(", ", policy.camelComponents()));
        }
        for (String literal : uri.split(HOLE, -1)) {
            for (String token : List.of("${", "$simple{", "{{")) {
                if (literal.contains(token)) {
                    throw new KarakuriException("capability.camel-expression", token);
                }
            }
        }
        int q = uri.indexOf('?');
        String rest = uri.substring(component.length() + 1, q < 0 ? uri.length() : q);
        List<String[]> options = options(q < 0 ? "" : uri.substring(q + 1));
        for (String[] o : options) {
            if (o[1].startsWith("#")) {
                throw new KarakuriException("capability.camel-reference", o[0]);
            }
        }
        if (component.equals("file")) {
            String folder = rest.startsWith("//") ? rest.substring(2) : rest;
            for (String[] o : options) {
                if (!FILE_OPTIONS.contains(o[0])) {
                    throw new KarakuriException("capability.file-option", o[0], String.join(", ", FILE_OPTIONS.stream().sorted().toList()));
                }
            }
            if (!folder.contains(HOLE)) {
                Path dir = guard.apply(folder.isEmpty() ? "." : folder);
                for (String[] o : options) {
                    if (o[0].equals("fileName") && !o[1].contains(HOLE)) {
                        guard.apply(dir.resolve(o[1]).toString());
                    }
                }
                return "file:" + dir.toString().replace('\\', '/') + (q < 0 ? "" : uri.substring(q));
            }
        }
        return uri;
    }

    private static List<String[]> options(String query) {
        List<String[]> out = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            if (value.startsWith("RAW(") || value.startsWith("RAW{")) {
                value = value.substring(4);
            } else {
                try {
                    value = URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException keepAsWritten) {
                    // a stray % is Camel's to refuse
                }
            }
            out.add(new String[] {name, value.strip()});
        }
        return out;
    }

    /** A file action's path: {@code NAME:/path} only on a connection the scenario declares. */
    private void locationShape(String written) {
        onConnection(written, connections);
    }

    /**
     * Whether {@code written} is {@code NAME:/path} on one of {@code connections} (false for a
     * local path); a name that is none of them is refused.
     */
    static boolean onConnection(String written, Entries<org.karakuri.model.Connection> connections) {
        var m = CONNECTION.matcher(written);
        if (!m.matches() || m.group(1).contains(HOLE)) {
            return false;
        }
        if (connections.get(m.group(1)).isEmpty()) {
            List<String> names = connections.list().stream().map(Entries.Entry::key).toList();
            throw new KarakuriException("connection.unknown", m.group(1), names.isEmpty() ? "-" : String.join(", ", names));
        }
        return true;
    }

    /** An {@code open} address as written (with holes) or as it will be loaded. */
    private void openShape(String url) {
        String known = url.contains(HOLE) ? url.substring(0, url.indexOf(HOLE)) : url;
        var m = SCHEME.matcher(known.strip());
        if (!m.matches()) {
            return; // a path on the current site, or a variable: checked when the step runs
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (url.strip().equals("about:blank")) {
            return;
        }
        if (!policy.allowsOpen(scheme)) {
            throw new KarakuriException("capability.open-scheme", scheme, String.join(", ", policy.openSchemes()));
        }
        if (scheme.equals("file") && !url.contains(HOLE)) {
            guard.apply(filePath(url.strip()).toString());
        }
    }

    /** The local path of a {@code file:} URL; refused when it is not a URL of an absolute path on this machine. */
    static Path filePath(String url) {
        try {
            URI u = new URI(url);
            if (u.isOpaque() || u.getPath() == null || (u.getAuthority() != null && !u.getAuthority().isEmpty() && !u.getAuthority().equals("localhost"))) {
                throw new KarakuriException("capability.file-url", url);
            }
            return Path.of(new URI("file", null, u.getPath(), null));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new KarakuriException("capability.file-url", url);
        }
    }

    /** Refuses a rendered {@code camel: to:} URI the policy does not allow; else the URI to send to. */
    @Override
    public String camelUri(String uri) {
        return camelShape(uri.replace(HOLE, ""));
    }

    /** Refuses an address {@code open} may not load (after a relative address was resolved). */
    @Override
    public void openUrl(String url) {
        openShape(url.replace(HOLE, ""));
        String scheme = url.strip().toLowerCase(Locale.ROOT);
        if (!SCHEME.matcher(scheme).matches()) {
            throw new KarakuriException("capability.open-scheme", scheme, String.join(", ", policy.openSchemes()));
        }
    }

    @Override
    public String hostKey(String name, org.karakuri.model.Connection connection) {
        return known.hostKey(name, connection);
    }

    private static String printable(String uri) {
        return uri.replace(HOLE, "${…}");
    }
}
