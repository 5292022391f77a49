package org.karakuri.robots.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.karakuri.expr.Condition;
import org.karakuri.expr.Template;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;
import org.karakuri.spi.RunInfo;
import org.karakuri.spi.StepContext;

/** The run as one of the {@code browser.session.login} steps sees it: everything of the run, its own step and timeout. */
final class StepScope implements StepContext {
    private final StepContext run;
    private final Step step;

    StepScope(StepContext run, Step step) {
        this.run = run;
        this.step = step;
    }

    @Override
    public Step step() {
        return step;
    }

    @Override
    public Duration timeout() {
        if (step.timeout() != null) {
            return step.timeout();
        }
        Scenario s = run.scenario();
        return s != null ? s.browser().timeout() : run.timeout();
    }

    @Override
    public Scenario scenario() {
        return run.scenario();
    }

    @Override
    public RunInfo run() {
        return run.run();
    }

    @Override
    public String text(Template template) {
        return run.text(template);
    }

    @Override
    public Object value(Template template) {
        return run.value(template);
    }

    @Override
    public boolean test(Condition condition) {
        return run.test(condition);
    }

    @Override
    public Object variable(String name) {
        return run.variable(name);
    }

    @Override
    public void setVariable(String name, Object value) {
        run.setVariable(name, value);
    }

    @Override
    public Path path(String written) {
        return run.path(written);
    }

    @Override
    public Path evidenceFolder() {
        return run.evidenceFolder();
    }

    @Override
    public <T extends AutoCloseable> T resource(Class<T> type, Supplier<T> create) {
        return run.resource(type, create);
    }

    @Override
    public <T extends AutoCloseable> T existingResource(Class<T> type) {
        return run.existingResource(type);
    }

    @Override
    public CamelContext camel() {
        return run.camel();
    }

    @Override
    public Object body() {
        return run.body();
    }

    @Override
    public void body(Object value) {
        run.body(value);
    }

    @Override
    public void emit(String type, Map<String, Object> data) {
        run.emit(type, data);
    }

    @Override
    public void progress(String text) {
        run.progress(text);
    }

    @Override
    public String mask(String text) {
        return run.mask(text);
    }

    @Override
    public void registerSecret(String value) {
        run.registerSecret(value);
    }
}
