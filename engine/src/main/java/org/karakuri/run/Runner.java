package org.karakuri.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
import org.karakuri.context.Counts;
import org.karakuri.context.Masker;
import org.karakuri.context.PathGuard;
import org.karakuri.context.RunState;
import org.karakuri.context.Scope;
import org.karakuri.context.Variables;
import org.karakuri.event.EventSink;
import org.karakuri.event.EventStream;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.ledger.ProcessOwner;
import org.karakuri.ledger.RunRecord;
import org.karakuri.ledger.RunStatus;
import org.karakuri.load.InvalidScenarioException;
import org.karakuri.load.Problem;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.i18n.Position;
import org.karakuri.model.Scenario;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.spi.Hashes;
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
        if (options.dryRun()) {
            ScenarioLoader.Result loaded = loader.check(file);
            List<Problem> bad = loaded.valid() ? checkOverrides(loaded.scenario(), options) : loaded.problems();
            return bad.isEmpty() ? DryRun.plan(loaded.scenario(), options, registry) : new RunResult(RunResult.Status.INVALID, null, null, bad, null, new Counts());
        }
        // the database opens while the scenario is read and compiled
        RunRecorder recorder = RunRecorder.open(options.env(), options.home());
        ScenarioLoader.Result loaded;
        try {
            loaded = loader.check(file);
        } catch (RuntimeException e) {
            recorder.abandon();
            throw e;
        }
        if (!loaded.valid()) {
            return invalid(file, null, loaded.problems(), options, recorder);
        }
        Scenario scenario = loaded.scenario();
        List<Problem> bad = checkOverrides(scenario, options);
        if (!bad.isEmpty()) {
            return invalid(file, scenario, bad, options, recorder);
        }
        return execute(scenario, options, recorder);
    }

    /** Nothing runs; the runs table keeps the attempt ({@code invalid}, no folder). */
    private RunResult invalid(Path file, Scenario scenario, List<Problem> problems, RunOptions options, RunRecorder recorder) {
        String id = scenario != null ? scenario.id() : idFromFileName(file);
        String error = new Masker().mask(String.join("\n", problems.stream().map(p -> p.format(Messages.get())).toList()));
        Instant now = options.clock().instant();
        recorder.invalid(new RunRecord(newRunId(id, options), id, String.valueOf(file), Files.isRegularFile(file) ? Hashes.sha256(file) : null,
            options.trigger(), options.startedBy(), host(), now, now, RunStatus.INVALID, 0, 0, 0, 0, 0,
            scenario == null ? null : scenario.manualMinutes(), null, error, null, null));
        return new RunResult(RunResult.Status.INVALID, null, null, problems, null, new Counts());
    }

    private static String idFromFileName(Path file) {
        String name = String.valueOf(file.getFileName()).replaceFirst("\\.[A-Za-z]+$", "").toLowerCase(java.util.Locale.ROOT);
        String id = name.replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return id.isEmpty() ? "scenario" : id;
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

    private RunResult execute(Scenario scenario, RunOptions options, RunRecorder recorder) {
        String runId = newRunId(scenario, options);
        Path folder = options.home().resolve("runs").resolve(runId);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            recorder.abandon();
            throw new KarakuriException((Position) null, e, "run.folder-unwritable", folder.toString());
        }
        RunInfo info = new RunInfo(runId, scenario.id(), scenario.file(), folder, options.home(), options.clock().instant(), options.headed());
        Masker masker = new Masker();
        String sha256 = Hashes.sha256(scenario.file());
        RunRecord running = new RunRecord(runId, scenario.id(), String.valueOf(scenario.file()), sha256, options.trigger(), options.startedBy(),
            host(), info.started(), null, RunStatus.RUNNING, 0, 0, 0, 0, 0, scenario.manualMinutes(), null, null, folder.toString(),
            ProcessOwner.current().toString());
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
        roots.addAll(org.karakuri.config.EngineConfig.load(options.home(), options.env()).capabilities().roots());
        RunState run = new RunState(info, scenario, events, masker, Scope.root(), options.env(), options.clock(),
            new PathGuard(scenario.folder(), roots), registry, options.progress());
        run.rowLedgers(() -> {
            LedgerSettings settings = LedgerSettings.from(options.env(), options.home());
            settings.registerPassword(masker);
            return Ledger.open(settings);
        });
        ActiveRuns.started(run);
        Thread onCtrlC = new Thread(run::closeResources, "karakuri-close-" + runId);
        Runtime.getRuntime().addShutdownHook(onCtrlC);

        RunResult.Status status = RunResult.Status.FAILED;
        String error = null;
        recorder.started(running, masker);
        CamelContext camel = new DefaultCamelContext();
        try {
            events.emit("run-started", null, scenario.position(), started(scenario, options, sha256));
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
            boolean stopped = run.stopped();
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
            String ledgerProblem = recorder.startProblem();
            if (ledgerProblem != null) {
                log.warn("run {} is not in the ledger: {}", runId, ledgerProblem);
                ended.put("ledger-error", ledgerProblem);
            }
            events.emit("run-ended", null, null, ended);
            events.close();
            try {
                String seal = trail.seal();
                if (seal != null) {
                    RunChain.linkRun(options.home(), runId, seal, events.count());
                }
            } finally {
                RunStatus recorded = status == RunResult.Status.SUCCEEDED ? RunStatus.SUCCEEDED
                    : stopped ? RunStatus.INTERRUPTED : RunStatus.FAILED;
                Counts c = run.counts();
                recorder.ended(running.ended(options.clock().instant(), recorded, c.itemsOk.get(), c.itemsFailed.get(), c.itemsInvalid.get(),
                    c.itemsSkipped.get(), c.itemsProcessed(status == RunResult.Status.SUCCEEDED), error));
            }
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook is running or has run
            }
        }
        RunResult result = new RunResult(status, runId, folder, List.of(), error, run.counts());
        try {
            ReportWriter.write(folder.resolve("report.html"), scenario, info, summary, result, masker);
        } finally {
            recorder.finish(); // the run's end is written while the report is
        }
        return result;
    }

    private static Map<String, Object> started(Scenario scenario, RunOptions options, String sha256) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", String.valueOf(scenario.file()));
        m.put("sha256", sha256);
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
        return newRunId(scenario.id(), options);
    }

    private static String newRunId(String scenarioId, RunOptions options) {
        if (options.runId() != null) {
            return options.runId();
        }
        return newRunId(scenarioId, options.clock());
    }

    /** A new run id: the start time, the scenario and four hex digits ({@code 20260401-220000-tennyu-entry-3f2a}). */
    public static String newRunId(String scenarioId, java.time.Clock clock) {
        String time = ID_TIME.format(clock.instant().atZone(clock.getZone()));
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        return time + "-" + scenarioId + "-" + suffix;
    }
}
