package org.karakuri.compile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.karakuri.context.RunState;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;
import org.karakuri.spi.ActionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one Camel context and its one producer template. A run sends one exchange
 * through its scenario's route; the route of each version of a scenario file is added on its
 * first run (or when {@code serve} reads the file) and removed once the file changed or went
 * away and no run uses it any more. {@code run} makes one for its run; {@code serve} keeps one
 * for as long as it serves.
 */
public final class CamelRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CamelRuntime.class);

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final StepEvents events = new StepEvents();
    private final RouteCompiler compiler;
    private final Map<String, Group> groups = new HashMap<>();

    /** The routes of one version of one scenario file, and how many runs are using them. */
    private static final class Group {
        final RouteVersion version;
        int inUse;
        boolean stale;

        Group(RouteVersion version) {
            this.version = version;
        }
    }

    private CamelRuntime(CamelContext camel, ActionRegistry registry, ScenarioLoader loader) {
        this.camel = camel;
        camel.getCamelContextExtension().addInterceptStrategy(events);
        camel.start();
        this.producer = camel.createProducerTemplate();
        this.compiler = new RouteCompiler(registry, events, new StepRunner(this), new CallProcessor.Callees(loader, this));
    }

    /** Starts a context named {@code name} (it shows in Camel's own log lines). */
    public static CamelRuntime start(String name, ActionRegistry registry, ScenarioLoader loader) {
        DefaultCamelContext camel = new DefaultCamelContext();
        // components of the extension jars are found through their loader; the policy still decides which a scenario may use
        camel.setApplicationContextClassLoader(org.karakuri.spi.Extensions.loader());
        camel.getCamelContextExtension().setName(name);
        camel.disableJMX();
        camel.getShutdownStrategy().setTimeout(10);
        camel.getShutdownStrategy().setLogInflightExchangesOnTimeout(false);
        return new CamelRuntime(camel, registry, loader);
    }

    public CamelContext camel() {
        return camel;
    }

    /** The one producer template of the context (Camel's FAQ: one per context, never one per call). */
    public ProducerTemplate producer() {
        return producer;
    }

    /**
     * Runs {@code scenario}'s steps as run {@code run}: adds its route if this version has none,
     * sends one exchange through it with the run's variables, and returns the failure the route
     * ended with, or null.
     */
    public Exception execute(RunState run, Scenario scenario) throws Exception {
        run.camel(camel, producer);
        Group group = acquire(scenario);
        try {
            Exchange ex = new DefaultExchange(camel);
            Exchanges.RUN.set(ex, run);
            Exchanges.SCENARIO.set(ex, scenario);
            Exchanges.SCOPE.set(ex, run.globals());
            producer.send(group.version.endpoint(), ex);
            return ex.getException();
        } finally {
            release(group);
        }
    }

    /** Adds the routes of this version of {@code scenario} now ({@code serve} reading its folder). */
    public void install(Scenario scenario) throws Exception {
        release(acquire(scenario));
    }

    /**
     * The file changed or went away: the routes of its versions go now, or when the last run
     * using them ends.
     */
    public synchronized void retire(Path file) {
        Path key = file.toAbsolutePath().normalize();
        for (Group g : new ArrayList<>(groups.values())) {
            if (g.version.scenario().file() != null && g.version.scenario().file().toAbsolutePath().normalize().equals(key)) {
                g.stale = true;
                removeIfUnused(g);
            }
        }
    }

    /** The endpoint of {@code scenario}'s route (a called scenario), its routes added if needed. */
    synchronized String endpoint(Scenario scenario) throws Exception {
        return group(scenario).version.endpoint();
    }

    /** The route running {@code steps} of {@code scenario} (re-login steps), added on first use. */
    synchronized String stepsEndpoint(Scenario scenario, List<Step> steps) throws Exception {
        RouteVersion version = group(scenario).version;
        Step first = steps.get(0);
        String id = version.group() + "/steps@" + first.position().line() + ":" + first.position().column();
        if (camel.getRoute(id) == null) {
            camel.addRoutes(compiler.stepsRoute(id, version, steps));
        }
        return "direct:" + id;
    }

    private synchronized Group acquire(Scenario scenario) throws Exception {
        Group g = group(scenario);
        g.inUse++;
        return g;
    }

    private synchronized void release(Group g) {
        g.inUse--;
        removeIfUnused(g);
    }

    private Group group(Scenario scenario) throws Exception {
        RouteVersion version = RouteVersion.of(scenario);
        Group g = groups.get(version.group());
        if (g == null) {
            g = new Group(version);
            camel.addRoutes(compiler.routes(version));
            groups.put(version.group(), g);
            for (Group other : new ArrayList<>(groups.values())) {
                if (other != g && sameFile(other.version.scenario(), scenario)) {
                    other.stale = true;
                    removeIfUnused(other);
                }
            }
        }
        g.stale = false;
        return g;
    }

    private static boolean sameFile(Scenario a, Scenario b) {
        return a.file() != null && b.file() != null
            && a.file().toAbsolutePath().normalize().equals(b.file().toAbsolutePath().normalize());
    }

    private void removeIfUnused(Group g) {
        if (!g.stale || g.inUse > 0) {
            return;
        }
        String group = g.version.group();
        for (Route r : new ArrayList<>(camel.getRoutes())) {
            if (group.equals(r.getGroup())) {
                try {
                    camel.getRouteController().stopRoute(r.getRouteId());
                    camel.removeRoute(r.getRouteId());
                } catch (Exception e) {
                    log.warn("could not remove route {}: {}", r.getRouteId(), e.getMessage());
                }
            }
        }
        events.forget(group);
        groups.remove(group);
    }

    /**
     * Closes the connections of the {@code http} and {@code https} endpoints, so that an HTTP
     * call a stopped run still waits on fails now (a blocked socket read does not heed an
     * interrupt). For shutdown only: the components are not used again.
     */
    public void cutOff() {
        for (org.apache.camel.Endpoint e : camel.getEndpoints()) {
            if (e instanceof org.apache.camel.component.http.HttpEndpoint) {
                try {
                    e.stop(); // closes its client and the connections it holds
                } catch (RuntimeException x) {
                    log.debug("stopping {}: {}", e.getEndpointBaseUri(), x.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            producer.stop();
        } catch (RuntimeException e) {
            log.debug("stopping the producer template: {}", e.getMessage());
        }
        try {
            camel.stop();
        } catch (RuntimeException e) {
            log.warn("stopping Camel failed: {}", e.getMessage());
        }
    }
}
