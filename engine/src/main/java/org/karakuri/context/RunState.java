package org.karakuri.context;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.karakuri.event.EventStream;
import org.karakuri.model.Scenario;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.spi.BrowserSetup;
import org.karakuri.spi.Capabilities;
import org.karakuri.spi.RowLedger;
import org.karakuri.spi.RunInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything one run holds while it runs: its variables, events, masker and resources. */
public final class RunState {
    private static final Logger log = LoggerFactory.getLogger(RunState.class);

    private final RunInfo info;
    private final Scenario scenario;
    private final EventStream events;
    private final Masker masker;
    private final Scope globals;
    private final Map<String, String> env;
    private final Clock clock;
    private final PathGuard paths;
    private final ActionRegistry registry;
    private final Map<Class<?>, AutoCloseable> resources = Collections.synchronizedMap(new LinkedHashMap<>());
    /** The resources of browsers 2…N of a loop over several browsers (browser 1 uses the run's own). */
    private final Map<Integer, Map<Class<?>, AutoCloseable>> lanes = new java.util.concurrent.ConcurrentHashMap<>();
    private final Progress progress;
    private final Counts counts = new Counts();
    private volatile Supplier<RowLedger> rowLedgers = () -> {
        throw new IllegalStateException("this run has no row ledger");
    };
    private volatile Capabilities capabilities = new Capabilities() {
        @Override
        public String camelUri(String rendered) {
            throw new IllegalStateException("this run has no capability policy");
        }

        @Override
        public void openUrl(String rendered) {
            throw new IllegalStateException("this run has no capability policy");
        }

        @Override
        public String hostKey(String name, org.karakuri.model.Connection connection) {
            throw new IllegalStateException("this run has no capability policy");
        }
    };
    private volatile java.util.function.Function<String, java.sql.Connection> dataSources = name -> {
        throw new org.karakuri.i18n.KarakuriException("data-source.unknown", name, "-");
    };
    private volatile SecretLookup secrets = name -> java.util.Optional.ofNullable(env().get(RunLookup.envName(name)));
    private volatile BrowserSetup browserSetup = BrowserSetup.NONE;
    private volatile CamelContext camel;
    private volatile ProducerTemplate producer;
    private volatile String stoppedBy;

    public RunState(RunInfo info, Scenario scenario, EventStream events, Masker masker, Scope globals, Map<String, String> env,
             Clock clock, PathGuard paths, ActionRegistry registry, Progress progress) {
        this.info = info;
        this.scenario = scenario;
        this.events = events;
        this.masker = masker;
        this.globals = globals;
        this.env = env;
        this.clock = clock;
        this.paths = paths;
        this.registry = registry;
        this.progress = progress;
    }

    public RunInfo info() {
        return info;
    }

    public Scenario scenario() {
        return scenario;
    }

    public EventStream events() {
        return events;
    }

    public Masker masker() {
        return masker;
    }

    public Scope globals() {
        return globals;
    }

    public Map<String, String> env() {
        return env;
    }

    public Clock clock() {
        return clock;
    }

    public PathGuard paths() {
        return paths;
    }

    public ActionRegistry registry() {
        return registry;
    }

    public Progress progress() {
        return progress;
    }

    /**
     * Asks the run to stop: no further step starts, and the resources (the browser) are closed
     * so that a step waiting on them ends now. The run ends as failed, "stopped by …".
     */
    public void stop(String by) {
        stoppedBy = by == null ? "?" : by;
        closeResources();
    }

    public boolean stopped() {
        return stoppedBy != null || Thread.currentThread().isInterrupted();
    }

    /** Throws when the run was asked to stop (or its thread interrupted). */
    public void checkNotStopped() {
        if (stopped()) {
            throw new org.karakuri.i18n.KarakuriException("run.stopped", stoppedBy != null ? stoppedBy : "interrupt");
        }
    }

    public Counts counts() {
        return counts;
    }

    public CamelContext camel() {
        return camel;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    /** The engine's capability policy for this run's steps (with the run's allowed folders). */
    public void capabilities(Capabilities c) {
        this.capabilities = c;
    }

    /** Where {@code ${secret:…}} is read: the engine's secret store, then the environment. */
    public SecretLookup secrets() {
        return secrets;
    }

    public void secrets(SecretLookup lookup) {
        this.secrets = lookup;
    }

    /** A secret's value by its name ({@code legacy.password}), if there is one. */
    @FunctionalInterface
    public interface SecretLookup {
        java.util.Optional<String> find(String name);
    }

    public BrowserSetup browserSetup() {
        return browserSetup;
    }

    /** The engine configuration's browser section for this run. */
    public void browserSetup(BrowserSetup setup) {
        this.browserSetup = setup;
    }

    /** How the run opens a connection to a data source of the engine configuration (the runner's policy and secrets). */
    public void dataSources(java.util.function.Function<String, java.sql.Connection> open) {
        this.dataSources = open;
    }

    /** A new connection to the data source {@code name}, or a refusal naming it. */
    java.sql.Connection dataSource(String name) {
        return dataSources.apply(name);
    }

    /** How the run opens its row ledger (the runner's database), on the first loop that needs it. */
    public void rowLedgers(Supplier<RowLedger> open) {
        this.rowLedgers = open;
    }

    /** The run's row ledger: opened on first use, closed with the run's other resources. */
    RowLedger rowLedger() {
        return (RowLedger) resource(LedgerResource.class, () -> new LedgerResource(rowLedgers.get())).ledger();
    }

    /** The row ledger as a run resource, closed when the run ends. */
    private record LedgerResource(RowLedger ledger) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (ledger instanceof AutoCloseable c) {
                c.close();
            }
        }
    }

    public ProducerTemplate producer() {
        return producer;
    }

    /** The Camel context the run's steps run in, and its one producer template. */
    public void camel(CamelContext camel, ProducerTemplate producer) {
        this.camel = camel;
        this.producer = producer;
    }

    /**
     * The resource of that type, created on first use: the run's own, or for browser {@code lane}
     * (2 or more) of a loop over several browsers, that browser's own.
     */
    @SuppressWarnings("unchecked")
    <T extends AutoCloseable> T resource(int lane, Class<T> type, Supplier<T> create) {
        Map<Class<?>, AutoCloseable> of = resources(lane);
        synchronized (of) {
            AutoCloseable r = of.get(type);
            if (r == null) {
                r = create.get();
                of.put(type, r);
            }
            return (T) r;
        }
    }

    <T extends AutoCloseable> T resource(Class<T> type, Supplier<T> create) {
        return resource(1, type, create);
    }

    @SuppressWarnings("unchecked")
    <T extends AutoCloseable> T existingResource(int lane, Class<T> type) {
        return (T) resources(lane).get(type);
    }

    private Map<Class<?>, AutoCloseable> resources(int lane) {
        return lane <= 1 ? resources : lanes.computeIfAbsent(lane, n -> Collections.synchronizedMap(new LinkedHashMap<>()));
    }

    /** The run's resources now, oldest first. */
    public List<Object> resourcesSnapshot() {
        return resourcesSnapshot(1);
    }

    /** The resources browser {@code lane}'s steps use (its own browser, not another's), oldest first. */
    public List<Object> resourcesSnapshot(int lane) {
        Map<Class<?>, AutoCloseable> of = resources(lane);
        synchronized (of) {
            return new ArrayList<>(of.values());
        }
    }

    /** Browser {@code lane} (2 or more) took its last row: its resources are closed now. */
    public void closeLane(int lane) {
        if (lane > 1) {
            Map<Class<?>, AutoCloseable> of = lanes.remove(lane);
            if (of != null) {
                close(of);
            }
        }
    }

    /** Closes every resource, the newest first; runs on every exit path, once. */
    public void closeResources() {
        for (Integer lane : List.copyOf(lanes.keySet())) {
            closeLane(lane);
        }
        close(resources);
    }

    private void close(Map<Class<?>, AutoCloseable> of) {
        List<AutoCloseable> all;
        synchronized (of) {
            all = new ArrayList<>(of.values());
            of.clear();
        }
        Collections.reverse(all);
        for (AutoCloseable r : all) {
            try {
                r.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", r.getClass().getSimpleName(), masker.mask(String.valueOf(e.getMessage())));
            }
        }
    }
}
