package org.karakuri.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.karakuri.expr.Condition;
import org.karakuri.expr.Template;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;

/** What an action sees of the run while it executes one step. */
public interface StepContext {

    Step step();

    Scenario scenario();

    RunInfo run();

    /** A template's value as text, with the run's variables, row, file, env and secrets. */
    String text(Template template);

    /** A template's value as an object (a lone {@code ${rows}} gives the list itself). */
    Object value(Template template);

    boolean test(Condition condition);

    /** A run variable, or null. */
    Object variable(String name);

    /** Sets a run variable (what {@code set}, {@code read} and {@code into} do). */
    void setVariable(String name, Object value);

    /** How long this step waits for its target: its {@code timeout}, else {@code browser.timeout}, else 10 s. */
    Duration timeout();

    /**
     * A path the author wrote, resolved against the scenario's folder and checked against the
     * allowed roots (the scenario's folder and KARAKURI_HOME unless configured): {@code ../},
     * absolute paths elsewhere and symbolic links out are refused before anything is touched.
     */
    Path path(String written);

    /** The run's evidence folder ({@code runs/<id>/evidence}), created on first use. */
    Path evidenceFolder();

    /**
     * A run-scoped resource, created on first use and closed when the run ends, on every exit
     * path: the browser session is one.
     */
    <T extends AutoCloseable> T resource(Class<T> type, Supplier<T> create);

    /** The resource of that type if one was created in this run, else null. */
    <T extends AutoCloseable> T existingResource(Class<T> type);

    CamelContext camel();

    /** The engine configuration's browser section (which browser and driver, or which Grid). */
    BrowserSetup browserSetup();

    /** The engine's capability policy, to check a value the step rendered just before it is used. */
    Capabilities capabilities();

    /** The engine's one producer template, to send to Camel endpoints (never make one per call). */
    ProducerTemplate producer();

    /**
     * The run's row ledger, opened on first use and closed when the run ends. Only for actions
     * that declare {@link Need#ROW_LEDGER}; any other action gets an {@link IllegalStateException}.
     */
    RowLedger rowLedger();

    /**
     * A new connection to the engine's data source {@code name} ({@code data-sources:} in
     * engine.yaml, the only ones a scenario may use), read-only; the caller closes it. A refusal or
     * a database that cannot be reached is a {@link org.karakuri.i18n.KarakuriException} naming
     * the data source, never its password.
     */
    java.sql.Connection dataSource(String name);

    /** The current value passed between steps ({@code camel}, {@code http}). */
    Object body();

    void body(Object value);

    /** Adds an event to the run's stream, at this step: {@code file-moved}, {@code screenshot}… */
    void emit(String type, Map<String, Object> data);

    /** Shows what is happening on the terminal for long steps ("downloading…"). */
    void progress(String text);

    /** Replaces every registered secret and every My Number in {@code text}. */
    String mask(String text);

    /** Registers a value that must never appear in clear (a secret, a masked column's value). */
    void registerSecret(String value);
}
