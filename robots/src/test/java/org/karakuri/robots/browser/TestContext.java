package org.karakuri.robots.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.karakuri.expr.Condition;
import org.karakuri.expr.Template;
import org.karakuri.model.BrowserSettings;
import org.karakuri.i18n.Position;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;
import org.karakuri.spi.RunInfo;
import org.karakuri.spi.StepContext;

/**
 * A run as an action sees it, without the engine: variables, secrets, events, evidence under a
 * temporary folder, and the suite's shared browser as the run's browser resource.
 */
final class TestContext implements StepContext {
    record Event(String type, Map<String, Object> data) {}

    private final Path folder;
    private final Scenario scenario;
    private final RunInfo run;
    private final Map<String, Object> variables = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final Map<Class<?>, AutoCloseable> resources = new LinkedHashMap<>();
    final List<Event> events = new ArrayList<>();
    final List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Step step;
    private Duration timeout;
    private Object body;

    TestContext(Path folder, Scenario scenario, BrowserSession browser) {
        this.folder = folder;
        this.scenario = scenario;
        this.run = new RunInfo("r1", scenario.id(), scenario.file(), folder.resolve("runs/r1"), folder, Instant.now(), false);
        if (browser != null) {
            resources.put(BrowserSession.class, browser);
        }
    }

    /** A scenario with these browser settings and no steps, in {@code folder}. */
    static Scenario scenario(Path folder, BrowserSettings settings) {
        return new Scenario("test", null, null, null, null, null, settings, List.of(), null, null, folder.resolve("test.yaml"),
            new Position("test.yaml", 1, 1));
    }

    TestContext timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    TestContext secret(String name, String value) {
        secrets.put(name, value);
        return this;
    }

    TestContext set(String name, Object value) {
        variables.put(name, value);
        return this;
    }

    void step(Step step) {
        this.step = step;
    }

    List<Event> events(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
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
        return run;
    }

    @Override
    public String text(Template template) {
        return template.render(this::lookup);
    }

    @Override
    public Object value(Template template) {
        return template.evaluate(this::lookup);
    }

    private Object lookup(String reference) {
        if (reference.startsWith("secret:")) {
            return secrets.get(reference.substring("secret:".length()));
        }
        if (variables.containsKey(reference)) {
            return variables.get(reference);
        }
        int dot = reference.indexOf('.');
        if (dot > 0 && variables.get(reference.substring(0, dot)) instanceof Map<?, ?> m) {
            return m.get(reference.substring(dot + 1));
        }
        throw new IllegalArgumentException("unknown reference " + reference);
    }

    @Override
    public boolean test(Condition condition) {
        return condition.test(this::lookup);
    }

    @Override
    public Object variable(String name) {
        return variables.get(name);
    }

    @Override
    public void setVariable(String name, Object value) {
        variables.put(name, value);
    }

    @Override
    public Duration timeout() {
        if (step != null && step.timeout() != null) {
            return step.timeout();
        }
        return timeout != null ? timeout : scenario.browser().timeout();
    }

    @Override
    public Path path(String written) {
        Path p = folder.resolve(written).normalize();
        if (!p.startsWith(folder)) {
            throw new IllegalArgumentException("outside the scenario folder: " + written);
        }
        return p;
    }

    @Override
    public Path evidenceFolder() {
        try {
            return Files.createDirectories(run.folder().resolve("evidence"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <T extends AutoCloseable> T resource(Class<T> type, Supplier<T> create) {
        return type.cast(resources.computeIfAbsent(type, t -> create.get()));
    }

    @Override
    public <T extends AutoCloseable> T existingResource(Class<T> type) {
        return type.cast(resources.get(type));
    }

    @Override
    public CamelContext camel() {
        throw new UnsupportedOperationException("no Camel in browser tests");
    }

    @Override
    public org.karakuri.spi.BrowserSetup browserSetup() {
        return org.karakuri.spi.BrowserSetup.NONE;
    }

    @Override
    public org.karakuri.spi.Capabilities capabilities() {
        return new org.karakuri.config.CapabilityCheck(org.karakuri.config.EngineConfig.load(run.home(), java.util.Map.of()).capabilities(), this::path);
    }

    @Override
    public org.apache.camel.ProducerTemplate producer() {
        throw new IllegalStateException("browser tests send nothing to Camel");
    }

    @Override
    public org.karakuri.spi.RowLedger rowLedger() {
        throw new IllegalStateException("browser tests use no row ledger");
    }

    @Override
    public java.sql.Connection dataSource(String name) {
        throw new IllegalStateException("browser tests use no data source");
    }

    @Override
    public Object body() {
        return body;
    }

    @Override
    public void body(Object value) {
        body = value;
    }

    @Override
    public void emit(String type, Map<String, Object> data) {
        events.add(new Event(type, data));
    }

    @Override
    public void progress(String text) {
        progress.add(text);
    }

    /** Secrets become {@code ****}; My Numbers are masked as the engine masks them, wherever they stand. */
    @Override
    public String mask(String text) {
        String out = text;
        for (String s : secrets.values()) {
            if (s != null && !s.isEmpty()) {
                out = out.replace(s, "****");
            }
        }
        return org.karakuri.jp.MyNumber.maskAll(out, org.karakuri.context.Masker.MASK);
    }

    @Override
    public void registerSecret(String value) {
        secrets.put("registered-" + secrets.size(), value);
    }
}
