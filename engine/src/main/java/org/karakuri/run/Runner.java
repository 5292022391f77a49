package org.karakuri.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.karakuri.Version;
import org.karakuri.audit.AuditLog;
import org.karakuri.audit.RunChain;
import org.karakuri.compile.Exchanges;
import org.karakuri.compile.RouteCompiler;
import org.karakuri.event.EventSink;
import org.karakuri.event.EventStream;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.load.InvalidScenarioException;
import org.karakuri.load.Problem;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.model.Position;
import org.karakuri.model.Scenario;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.spi.RunInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a scenario file once: load and validate it (nothing runs unless the whole file is
 * valid), give the run its folder {@code KARAKURI_HOME/runs/<id>/}, compile it to a Camel route,
 * send one exchange through it, and close every run resource (the browser) on every exit path,
 * Ctrl-C included.
 */
public final class Runner {
    private static final Logger log = LoggerFactory.getLogger(Runner.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ActionRegistry registry;
    private final ScenarioLoader loader;

    public Runner(ActionRegistry registry) {
        this.registry = registry;
        this.loader = new ScenarioLoader(registry);
    }

    public Runner() {
        this(ActionRegistry.installed());
    }

    public RunResult run(Path file, RunOptions options) {
        ScenarioLoader.Result loaded = loader.check(file);
        if (!loaded.valid()) {
            return new RunResult(RunResult.Status.INVALID, null, null, loaded.problems(), null, new Counts());
        }
        Scenario scenario = loaded.scenario();
        List<Problem> bad = checkOverrides(scenario, options);
        if (!bad.isEmpty()) {
            return new RunResult(RunResult.Status.INVALID, null, null, bad, null, new Counts());
        }
        if (options.dryRun()) {
            return DryRun.plan(scenario, options, registry);
        }
        return execute(scenario, options);
    }

    private static List<Problem> checkOverrides(Scenario scenario, RunOptions options) {
        List<Problem> problems = new ArrayList<>();
        List<String> declared = scenario.vars().list().stream().map(e -> e.key()).toList();
        for (String name : options.overrides().keySet()) {
            if (!declared.contains(name)) {
                problems.add(Problem.of(new Position("--set", 1, 1), name, "run.unknown-override", name,
                    declared.isEmpty() ? "-" : String.join(", ", declared)));
            }
        }
        return problems;
    }

    private RunResult execute(Scenario scenario, RunOptions options) {
        String runId = newRunId(scenario, options);
        Path folder = options.home().resolve("runs").resolve(runId);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new KarakuriException((Position) null, e, "run.folder-unwritable", folder.toString());
        }
        RunInfo info = new RunInfo(runId, scenario.id(), scenario.file(), folder, options.home(), options.clock().instant(), options.headed());
        Masker masker = new Masker();
        EventStream events = new EventStream(runId, scenario.id(), options.clock());
        RunSummary summary = new RunSummary();
        AuditLog trail = AuditLog.open(folder.resolve("audit.jsonl"));
        events.add(trail);
        events.add(summary);
        events.add(new ProgressSink(options.progress(), Messages.get()));
        for (EventSink s : options.sinks()) {
            events.add(s);
        }
        List<Path> roots = new ArrayList<>(List.of(scenario.folder(), options.home()));
        String extra = options.env().get("KARAKURI_ROOTS");
        if (extra != null && !extra.isBlank()) {
            for (String r : extra.split(java.io.File.pathSeparator)) {
                if (!r.isBlank()) {
                    roots.add(Path.of(r));
                }
            }
        }
        RunState run = new RunState(info, scenario, events, masker, Scope.root(), options.env(), options.clock(),
            new PathGuard(scenario.folder(), roots), registry, options.progress());
        ActiveRuns.started(run);
        Thread onCtrlC = new Thread(run::closeResources, "karakuri-close-" + runId);
        Runtime.getRuntime().addShutdownHook(onCtrlC);

        RunResult.Status status = RunResult.Status.FAILED;
        String error = null;
        CamelContext camel = new DefaultCamelContext();
        try {
            events.emit("run-started", null, scenario.position(), started(scenario, options, info));
            camel.getCamelContextExtension().setName("karakuri-" + runId);
            camel.disableJMX();
            camel.getShutdownStrategy().setTimeout(10);
            camel.getShutdownStrategy().setLogInflightExchangesOnTimeout(false);
            run.camel(camel);
            Variables.evaluate(run, scenario, run.globals(), new LinkedHashMap<>(options.overrides()));
            camel.addRoutes(new RouteCompiler(registry, loader).routes(scenario));
            camel.start();
            Exchange ex = new DefaultExchange(camel);
            ex.setProperty(Exchanges.RUN, run);
            ex.setProperty(Exchanges.SCENARIO, scenario);
            ex.setProperty(Exchanges.SCOPE, run.globals());
            ProducerTemplate producer = camel.createProducerTemplate();
            producer.send(RouteCompiler.endpoint(scenario), ex);
            if (ex.getException() != null) {
                throw ex.getException();
            }
            status = run.counts().itemsFailed.get() > 0 ? RunResult.Status.FAILED : RunResult.Status.SUCCEEDED;
            if (status == RunResult.Status.FAILED) {
                error = Messages.get().format("run.items-failed", run.counts().itemsFailed.get());
            }
        } catch (KarakuriException e) {
            error = masker.mask(e.getMessage());
        } catch (InvalidScenarioException e) {
            error = masker.mask(e.getMessage());
        } catch (Exception e) {
            log.error("run {} stopped by an internal error", runId, e);
            error = masker.mask(Messages.get().format("run.internal-error", e.getClass().getSimpleName() + ": " + e.getMessage()));
        } finally {
            ActiveRuns.ended(run);
            run.closeResources();
            try {
                camel.stop();
            } catch (RuntimeException e) {
                log.warn("stopping Camel for run {} failed: {}", runId, e.getMessage());
            }
            Map<String, Object> ended = new LinkedHashMap<>();
            ended.put("status", status.name().toLowerCase());
            ended.putAll(run.counts().asMap());
            ended.put("events", events.count() + 1);
            if (error != null) {
                ended.put("error", error);
            }
            events.emit("run-ended", null, null, ended);
            events.close();
            String seal = trail.seal();
            if (seal != null) {
                RunChain.linkRun(options.home(), runId, seal, events.count());
            }
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook is running or has run
            }
        }
        RunResult result = new RunResult(status, runId, folder, List.of(), error, run.counts());
        ReportWriter.write(folder.resolve("report.html"), scenario, info, summary, result, masker);
        return result;
    }

    private static Map<String, Object> started(Scenario scenario, RunOptions options, RunInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", String.valueOf(scenario.file()));
        m.put("sha256", Hashes.sha256(scenario.file()));
        m.put("title", scenario.title() == null ? "" : scenario.title());
        m.put("engine", Version.current());
        m.put("by", options.startedBy());
        m.put("trigger", options.trigger());
        m.put("host", host());
        m.put("overrides", new ArrayList<>(options.overrides().keySet()));
        return m;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String newRunId(Scenario scenario, RunOptions options) {
        String time = ID_TIME.format(options.clock().instant().atZone(options.clock().getZone()));
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        return time + "-" + scenario.id() + "-" + suffix;
    }
}
