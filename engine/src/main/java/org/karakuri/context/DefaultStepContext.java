package org.karakuri.context;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Exchange;
import org.karakuri.expr.Condition;
import org.karakuri.expr.ExpressionException;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;
import org.karakuri.spi.BrowserSetup;
import org.karakuri.spi.Capabilities;
import org.karakuri.spi.Need;
import org.karakuri.spi.RowLedger;
import org.karakuri.spi.RunInfo;
import org.karakuri.spi.StepContext;

/** The {@link StepContext} of one step in one exchange. */
public final class DefaultStepContext implements StepContext {
    private final RunState run;
    private final Scenario scenario;
    private final Step step;
    private final Scope scope;
    private final Exchange exchange;
    private final int lane;

    /** @param scenario the scenario the step is written in (a called scenario inside {@code call}) */
    public DefaultStepContext(RunState run, Scenario scenario, Step step, Scope scope, Exchange exchange) {
        this(run, scenario, step, scope, exchange, 1);
    }

    /**
     * @param lane which browser of a loop over several runs the step (1 outside such a loop): from
     *             2 on, its run resources (the browser) are its own
     */
    public DefaultStepContext(RunState run, Scenario scenario, Step step, Scope scope, Exchange exchange, int lane) {
        this.lane = lane;
        this.run = run;
        this.scenario = scenario;
        this.step = step;
        this.scope = scope;
        this.exchange = exchange;
    }

    public RunState state() {
        return run;
    }

    public Scope scope() {
        return scope;
    }

    /** Which browser of a loop over several runs this step (1 outside such a loop). */
    public int lane() {
        return lane;
    }

    /** The run resources this step uses (its browser's), oldest first: for recovery and failure hooks. */
    public java.util.List<Object> resources() {
        return run.resourcesSnapshot(lane);
    }

    @Override
    public Step step() {
        return step;
    }

    @Override
    public Scenario scenario() {
        return scenario;
    }

    @Override
    public RunInfo run() {
        return run.info();
    }

    @Override
    public String text(Template template) {
        try {
            return template == null ? null : template.render(new RunLookup(run, scope));
        } catch (ExpressionException e) {
            throw new KarakuriException((org.karakuri.i18n.Position) null, e, e.messageKey(), e.args());
        }
    }

    @Override
    public Object value(Template template) {
        try {
            return template == null ? null : template.evaluate(new RunLookup(run, scope));
        } catch (ExpressionException e) {
            throw new KarakuriException((org.karakuri.i18n.Position) null, e, e.messageKey(), e.args());
        }
    }

    @Override
    public boolean test(Condition condition) {
        try {
            return condition.test(new RunLookup(run, scope));
        } catch (ExpressionException e) {
            throw new KarakuriException((org.karakuri.i18n.Position) null, e, e.messageKey(), e.args());
        }
    }

    @Override
    public Object variable(String name) {
        return scope.get(name);
    }

    @Override
    public void setVariable(String name, Object value) {
        if (value instanceof String s && scenario.mask().contains(name)) {
            run.masker().register(s);
        }
        scope.set(name, value);
    }

    @Override
    public Duration timeout() {
        return step.timeout() != null ? step.timeout() : scenario.browser().timeout();
    }

    @Override
    public Path path(String written) {
        return run.paths().resolve(written);
    }

    @Override
    public Path evidenceFolder() {
        Path dir = run.info().folder().resolve("evidence");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new KarakuriException((org.karakuri.i18n.Position) null, e, "run.folder-unwritable", dir.toString());
        }
        return dir;
    }

    @Override
    public <T extends AutoCloseable> T resource(Class<T> type, Supplier<T> create) {
        return run.resource(lane, type, create);
    }

    @Override
    public <T extends AutoCloseable> T existingResource(Class<T> type) {
        return run.existingResource(lane, type);
    }

    @Override
    public CamelContext camel() {
        return run.camel();
    }

    @Override
    public BrowserSetup browserSetup() {
        return run.browserSetup();
    }

    @Override
    public Capabilities capabilities() {
        return run.capabilities();
    }

    @Override
    public ProducerTemplate producer() {
        return run.producer();
    }

    @Override
    public RowLedger rowLedger() {
        boolean declared = run.registry().get(step.action()).map(a -> a.needs().contains(Need.ROW_LEDGER)).orElse(false);
        if (!declared) {
            throw new IllegalStateException("the action '" + step.action() + "' uses the row ledger without declaring Need.ROW_LEDGER");
        }
        return run.rowLedger();
    }

    @Override
    public java.sql.Connection dataSource(String name) {
        return run.dataSource(name);
    }

    @Override
    public Object body() {
        return exchange == null ? null : exchange.getMessage().getBody();
    }

    @Override
    public void body(Object value) {
        if (exchange != null) {
            exchange.getMessage().setBody(value);
        }
    }

    @Override
    public void emit(String type, Map<String, Object> data) {
        Map<String, Object> masked = new LinkedHashMap<>();
        data.forEach((k, v) -> masked.put(k, run.masker().maskValue(v)));
        run.events().emit(type, StepIds.of(scenario, step), step.position(), masked);
    }

    @Override
    public void progress(String text) {
        run.progress().line(mask(text));
    }

    @Override
    public String mask(String text) {
        return run.masker().mask(text);
    }

    @Override
    public void registerSecret(String value) {
        run.masker().register(value);
    }
}
