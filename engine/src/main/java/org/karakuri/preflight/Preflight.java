package org.karakuri.preflight;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.karakuri.expr.ExpressionException;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.load.Problem;
import org.karakuri.load.Problems;
import org.karakuri.lang.Steps;
import org.karakuri.i18n.Position;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;
import org.karakuri.secret.Secrets;
import org.karakuri.spi.Action;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.spi.Preflighted;
import org.karakuri.model.Entries;
import org.karakuri.yaml.YNode;
import org.karakuri.load.YamlReader;

/**
 * What can be known to go wrong before step 1, on this computer: a {@code ${secret:…}} or
 * {@code ${env:…}} that is not set, and what the actions that implement {@link Preflighted}
 * find in the files already there (the columns a {@code for-each-row} uses that its file does
 * not have). {@code run} and {@code run --dry-run} refuse to start on any of it (exit 2);
 * {@code validate} reports the unset ones as warnings, since the file is not wrong because
 * this PC lacks the server's secrets.
 */
public final class Preflight {

    /** Secrets and environment variables not set here ({@link #unset}), and problems of the files already there ({@link #errors}). */
    public record Result(List<Problem> unset, List<Problem> errors) {
        public Result {
            unset = List.copyOf(unset);
            errors = List.copyOf(errors);
        }

        public List<Problem> all() {
            List<Problem> all = new ArrayList<>(unset);
            all.addAll(errors);
            all.sort(Problem.BY_PLACE);
            return all;
        }

        /** The unset ones as warnings ({@code warning: …}), for {@code validate}. */
        public List<Problem> warnings() {
            return unset.stream().map(p -> new Problem(p.position(), p.path(), "preflight.warning",
                List.of(new Messages.Text(p.key(), p.args().toArray())))).toList();
        }
    }

    private final Scenario scenario;
    private final ActionRegistry registry;
    private final Map<String, String> env;
    private final Path home;
    private final Map<String, Object> vars = new HashMap<>();
    private List<String> lines;

    private Preflight(Scenario scenario, ActionRegistry registry, Map<String, String> env, Path home, Map<String, String> overrides) {
        this.scenario = scenario;
        this.registry = registry;
        this.env = env;
        this.home = home;
        for (Entries.Entry<Template> v : scenario.vars().list()) {
            if (overrides.containsKey(v.key())) {
                vars.put(v.key(), overrides.get(v.key()));
            } else if (v.value() != null) {
                try {
                    vars.put(v.key(), v.value().evaluate(this::lookup));
                } catch (RuntimeException e) {
                    // known only when the run starts (a secret, the run's id…): what uses it is not checked
                }
            }
        }
    }

    /** Checks a valid scenario as it would run here with {@code env}, {@code home} and {@code --set} {@code overrides}. */
    public static Result check(Scenario scenario, ActionRegistry registry, Map<String, String> env, Path home,
                               Map<String, String> overrides) {
        Preflight p = new Preflight(scenario, registry, env, home, overrides);
        return new Result(p.unset(), p.files());
    }

    private Object lookup(String reference) {
        if (reference.startsWith("env:") && env.containsKey(reference.substring(4))) {
            return env.get(reference.substring(4));
        }
        if (reference.equals("today")) {
            return LocalDate.now();
        }
        if (vars.containsKey(reference)) {
            return vars.get(reference);
        }
        throw new ExpressionException(0, "expr.unknown-variable", reference, "");
    }

    // ---- secrets and environment variables ----

    /** Each secret or environment variable not set here, once, at the first place the file names it. */
    private List<Problem> unset() {
        if (scenario.file() == null || !Files.isRegularFile(scenario.file())) {
            return List.of();
        }
        String display = scenario.position().file();
        YNode root = new YamlReader().read(scenario.file(), display, new Problems());
        Map<String, Problem> found = new LinkedHashMap<>();
        walk(root, "", lines(), found);
        return new ArrayList<>(found.values());
    }

    private void walk(YNode node, String path, List<String> lines, Map<String, Problem> found) {
        if (node instanceof YNode.Scalar s && !s.isNull() && s.value().contains("${")) {
            List<String> references;
            try {
                references = Template.parse(s.value()).references();
            } catch (ExpressionException e) {
                return; // the loader reported it
            }
            for (String r : references) {
                if (found.containsKey(r)) {
                    continue;
                }
                Problem p = r.startsWith("secret:") ? secret(r.substring(7), r, s, path, lines)
                    : r.startsWith("env:") && !env.containsKey(r.substring(4))
                        ? Problem.of(place(s, r, lines), path, "preflight.env-unset", r.substring(4)) : null;
                if (p != null) {
                    found.put(r, p);
                }
            }
        } else if (node instanceof YNode.Map m) {
            for (YNode.Entry e : m.entries()) {
                walk(e.value(), path.isEmpty() ? e.key().value() : path + "." + e.key().value(), lines, found);
            }
        } else if (node instanceof YNode.Seq q) {
            for (int i = 0; i < q.items().size(); i++) {
                walk(q.items().get(i), path + "[" + i + "]", lines, found);
            }
        }
    }

    private Problem secret(String name, String reference, YNode.Scalar s, String path, List<String> lines) {
        try {
            if (Secrets.find(name, home, env).isPresent()) {
                return null;
            }
        } catch (KarakuriException e) {
            return null; // a store that cannot be opened stops the run with its own message
        }
        return Problem.of(place(s, reference, lines), path, "preflight.secret-unset", name, Secrets.envName(name));
    }

    /** Where {@code ${reference}} is written: on the scalar's first line when it is there, else the scalar. */
    private static Position place(YNode.Scalar s, String reference, List<String> lines) {
        Position at = s.position();
        if (at.line() >= 1 && at.line() <= lines.size()) {
            String line = lines.get(at.line() - 1);
            int i = line.indexOf("${" + reference, Math.max(0, at.column() - 1));
            if (i < 0) {
                i = line.indexOf(reference, Math.max(0, at.column() - 1));
                i = i < 0 ? -1 : line.lastIndexOf("${", i);
            }
            if (i >= 0) {
                return new Position(at.file(), at.line(), i + 1);
            }
        }
        return at;
    }

    /** The scenario file's lines (none when it cannot be read: places stay those of the steps). */
    private List<String> lines() {
        if (lines == null) {
            try {
                lines = scenario.file() == null ? List.of() : Files.readAllLines(scenario.file(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                lines = List.of();
            }
        }
        return lines;
    }

    // ---- what actions find in the files already there ----

    private List<Problem> files() {
        List<Problem> problems = new ArrayList<>();
        Context context = new Context();
        for (Step step : Steps.all(scenario).toList()) {
            Optional<Action<?>> action = registry.get(step.action());
            if (action.isPresent() && action.get() instanceof Preflighted<?> checked) {
                problems.addAll(ask(checked, step, context));
            }
        }
        problems.sort(Problem.BY_PLACE);
        return problems;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Problem> ask(Preflighted checked, Step step, Context context) {
        try {
            List<Preflighted.Finding> found = checked.preflight(step.params(), step, context);
            return found.stream().map(f -> new Problem(f.at(), f.path(), f.key(), f.args())).toList();
        } catch (KarakuriException e) {
            return List.of(new Problem(step.position(), step.path(), e.key(), List.of(e.args())));
        }
    }

    private final class Context implements Preflighted.Context {
        @Override
        public Path folder() {
            return scenario.folder();
        }

        @Override
        public Position place(Position near, String written) {
            List<String> all = lines();
            for (int n = Math.max(1, near.line()); n <= Math.min(all.size(), near.line() + 200); n++) {
                int i = all.get(n - 1).indexOf(written, n == near.line() ? Math.max(0, near.column() - 1) : 0);
                if (i >= 0) {
                    return new Position(near.file(), n, i + 1);
                }
            }
            return near;
        }

        @Override
        public Optional<Path> existingFile(Template written) {
            if (written == null) {
                return Optional.empty();
            }
            try {
                Path p = folder().resolve(written.render(Preflight.this::lookup)).normalize();
                return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
