package org.karakuri.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.karakuri.context.Counts;
import org.karakuri.context.Progress;
import org.karakuri.context.RunLookup;
import org.karakuri.context.RunResult;
import org.karakuri.expr.Template;
import org.karakuri.i18n.Messages;
import org.karakuri.lang.Field;
import org.karakuri.lang.Shape;
import org.karakuri.lang.Steps;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.model.Entries;
import org.karakuri.yaml.YNode;

/**
 * {@code --dry-run}: prints what the run would do, step by step with file:line:col, and which
 * secrets and environment variables it needs, without touching anything: no browser, no file,
 * no run folder, no ledger.
 */
final class DryRun {
    private DryRun() {}

    static RunResult plan(Scenario scenario, RunOptions options, ActionRegistry registry) {
        Messages m = Messages.get();
        Progress out = options.progress();
        out.line(m.format("dry-run.header", scenario.id(), String.valueOf(scenario.file())));
        scenario.vars().list().forEach(v -> out.line("  vars." + v.key() + " = "
            + (options.overrides().containsKey(v.key()) ? options.overrides().get(v.key()) + "  (--set)" : source(v.value()))));
        List<String> references = new ArrayList<>();
        scenario.vars().list().forEach(v -> references.addAll(v.value() == null ? List.of() : v.value().references()));
        print(scenario.steps(), out, "  ", references);
        if (!scenario.onError().isEmpty()) {
            out.line("  on-error:");
            print(scenario.onError(), out, "    ", references);
        }
        TreeSet<String> needs = new TreeSet<>();
        java.util.Set<String> stored = new java.util.HashSet<>();
        for (String r : references) {
            if (r.startsWith("secret:")) {
                needs.add(RunLookup.envName(r.substring(7)));
                if (inStore(r.substring(7), options)) {
                    stored.add(RunLookup.envName(r.substring(7)));
                }
            } else if (r.startsWith("env:")) {
                needs.add(r.substring(4));
            }
        }
        for (String variable : needs) {
            boolean set = options.env().containsKey(variable) || stored.contains(variable);
            out.line(m.format(set ? "dry-run.env-set" : "dry-run.env-missing", variable));
        }
        return new RunResult(RunResult.Status.SUCCEEDED, null, null, List.of(), null, new Counts());
    }

    /** Whether the secret store holds the secret (a store that cannot be opened counts as not). */
    private static boolean inStore(String name, RunOptions options) {
        try {
            return org.karakuri.secret.Secrets.find(name, options.home(), options.env()).isPresent();
        } catch (org.karakuri.i18n.KarakuriException e) {
            return false;
        }
    }

    private static void print(List<Step> steps, Progress out, String indent, List<String> references) {
        for (Step s : steps) {
            List<Step> nested = new ArrayList<>();
            out.line(indent + s.position() + "  " + s.action() + (s.name() != null ? " [" + s.name() + "]" : "")
                + "  " + describe(s, nested, references)
                + (s.retry() != null ? "  retry " + s.retry().times() + "×" : "")
                + (s.continueOnError() ? "  continue-on-error" : ""));
            print(nested, out, indent + "    ", references);
        }
    }

    /** The step's keys as the author wrote them ({@code url=${api}}); nested steps go to {@code nested}. */
    private static String describe(Step step, List<Step> nested, List<String> references) {
        Steps.nested(step).forEach(nested::addAll);
        StringBuilder b = new StringBuilder();
        for (Field f : Shape.of(step.params().getClass()).fields()) {
            Object v = f.written() ? f.valueIn(step.params()) : null;
            if (v == null || (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Step)) {
                continue;
            }
            if (v instanceof Template t) {
                references.addAll(t.references());
            }
            if (v instanceof Entries<?> en) {
                en.list().forEach(e -> {
                    if (e.value() instanceof Template t) {
                        references.addAll(t.references());
                    }
                });
            }
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(f.role() == Field.Role.WHOLE ? "" : f.key() + "=").append(text(v));
        }
        return b.toString();
    }

    private static String text(Object v) {
        if (v instanceof Entries<?> e) {
            StringBuilder b = new StringBuilder("{");
            e.list().forEach(x -> b.append(b.length() > 1 ? ", " : "").append(x.key()).append(": ").append(text(x.value())));
            return b.append('}').toString();
        }
        if (v instanceof Template t) {
            return source(t);
        }
        if (v instanceof YNode) {
            return "…";
        }
        if (v instanceof Map<?, ?> m) {
            return m.toString();
        }
        return String.valueOf(v);
    }

    private static String source(Template t) {
        return t == null ? "" : t.source();
    }
}
