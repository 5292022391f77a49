package org.karakuri.compile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ExchangeHelper;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.load.InvalidScenarioException;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;
import org.karakuri.context.DefaultStepContext;
import org.karakuri.context.Scope;
import org.karakuri.context.StepIds;
import org.karakuri.context.Variables;
import org.karakuri.model.Entries;

/** {@code call}: runs another scenario's route in this run, with its own variables. */
final class CallProcessor implements Processor {
    static final int MAX_DEPTH = 16;

    private final Step step;
    private final Template file;
    private final Entries<Template> with;
    private final Callees callees;

    CallProcessor(Step step, Template file, Entries<Template> with, Callees callees) {
        this.step = step;
        this.file = file;
        this.with = with;
        this.callees = callees;
    }

    @Override
    public void process(Exchange ex) throws Exception {
        DefaultStepContext ctx = Exchanges.context(ex, step);
        String id = StepIds.of(ctx.scenario(), step);
        int depth = Exchanges.CALL_DEPTH.get(ex, 0);
        if (depth >= MAX_DEPTH) {
            throw new KarakuriException(step.position(), null, "call.too-deep", MAX_DEPTH);
        }
        Path path;
        Scenario callee;
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            path = ctx.path(ctx.text(file));
            callee = callees.load(path);
            for (Entries.Entry<Template> e : with.list()) {
                values.put(e.key(), e.value() == null ? null : ctx.value(e.value()));
            }
        } catch (KarakuriException e) {
            throw e.at(step.position());
        }
        ctx.state().events().emit("call-started", id, step.position(), Map.of("scenario", callee.id(), "file", path.getFileName().toString()));
        Scope scope = Scope.root();
        Variables.evaluate(ctx.state(), callee, scope, values);
        String endpoint = callees.runtime.endpoint(callee);
        Exchange copy = ExchangeHelper.createCopy(ex, true);
        Exchanges.SCENARIO.set(copy, callee);
        Exchanges.SCOPE.set(copy, scope);
        Exchanges.CALL_DEPTH.set(copy, depth + 1);
        callees.runtime.producer().send(endpoint, copy);
        ctx.state().events().emit("call-ended", id, step.position(),
            Map.of("scenario", callee.id(), "outcome", copy.getException() == null ? "ok" : "failed"));
        if (copy.getException() != null) {
            throw copy.getException();
        }
        ex.getMessage().setBody(copy.getMessage().getBody());
    }

    /** Called scenarios, loaded once per version of their file; their routes live in the runtime. */
    static final class Callees {
        private final ScenarioLoader loader;
        final CamelRuntime runtime;
        private final Map<Path, Loaded> loaded = new HashMap<>();

        private record Loaded(Scenario scenario, long modified, long size) {}

        Callees(ScenarioLoader loader, CamelRuntime runtime) {
            this.loader = loader;
            this.runtime = runtime;
        }

        synchronized Scenario load(Path file) {
            long modified;
            long size;
            try {
                modified = java.nio.file.Files.getLastModifiedTime(file).toMillis();
                size = java.nio.file.Files.size(file);
            } catch (java.io.IOException e) {
                modified = -1;
                size = -1;
            }
            Loaded l = loaded.get(file);
            if (l == null || l.modified() != modified || l.size() != size) {
                try {
                    l = new Loaded(loader.load(file), modified, size);
                } catch (InvalidScenarioException e) {
                    throw new KarakuriException("call.invalid", file.getFileName().toString(), e.getMessage());
                }
                loaded.put(file, l);
            }
            return l.scenario();
        }
    }
}
