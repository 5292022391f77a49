package org.karakuri.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.karakuri.Version;
import org.karakuri.audit.AuditLog;
import org.karakuri.audit.RunChain;
import org.karakuri.compile.CamelRuntime;
import org.karakuri.config.CapabilityCheck;
import org.karakuri.config.DataSourceCheck;
import org.karakuri.config.ClusterConfig;
import org.karakuri.config.EngineConfig;
import org.karakuri.secret.Secrets;
import org.karakuri.context.Counts;
import org.karakuri.context.Masker;
import org.karakuri.context.PathGuard;
import org.karakuri.context.RunResult;
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
import org.karakuri.ledger.RunRowLedger;
import org.karakuri.ledger.RunStatus;
import org.karakuri.load.InvalidScenarioException;
import org.karakuri.load.Problem;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.i18n.Position;
import org.karakuri.model.Scenario;
import org.karakuri.preflight.Preflight;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.spi.BrowserSetup;
import org.karakuri.spi.Hashes;
import org.karakuri.spi.RunInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a scenario file once: load and validate it (nothing runs unless the whole file is
 * valid), then {@link #begin} (its folder {@code KARAKURI_HOME/runs/<id>/}, trail and state),
 * {@link #drive} (one exchange through the scenario's route) and {@link #end} (trail sealed, runs
 * table, report), closing every run resource (the browser) on every exit path, Ctrl-C included.
 */
public final class Runner {
    private static final Logger log = LoggerFactory.getLogger(Runner.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ActionRegistry registry;
    private final ScenarioLoader loader;
    private final CamelRuntime shared;

    /** Each run gets a Camel context of its own ({@code karakuri run}: one run a process). */
    public Runner(ActionRegistry registry) {
        this(registry, null);
    }

    /** Runs go through {@code runtime}, the one Camel context {@code serve} keeps; null for one context a run. */
    public Runner(ActionRegistry registry, CamelRuntime runtime) {
        this.registry = registry;
        this.loader = new ScenarioLoader(registry);
        this.shared = runtime;
    }

    public Runner() {
        this(ActionRegistry.installed());
    }

    public RunResult run(Path file, RunOptions options) {
        if (options.dryRun()) {
            ScenarioLoader.Result loaded = loader.check(file);
            List<Problem> bad = loaded.valid() ? beforeStepOne(loaded.scenario(), options) : loaded.problems();
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
        List<Problem> bad = beforeStepOne(scenario, options);
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
            options.trigger(), options.startedBy(), node(options), now, now, RunStatus.INVALID, 0, 0, 0, 0, 0,
            scenario == null ? null : scenario.manualMinutes(), null, error, null, null));
        return new RunResult(RunResult.Status.INVALID, null, null, problems, null, new Counts());
    }

    private static String idFromFileName(Path file) {
        String name = String.valueOf(file.getFileName()).replaceFirst("\\.[A-Za-z]+$", "").toLowerCase(java.util.Locale.ROOT);
        String id = name.replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return id.isEmpty() ? "scenario" : id;
    }

    /** A {@code --set} of an undeclared variable, else what {@link Preflight} finds: either way nothing runs. */
    private List<Problem> beforeStepOne(Scenario scenario, RunOptions options) {
        List<Problem> bad = checkOverrides(scenario, options);
        return bad.isEmpty() ? Preflight.check(scenario, registry, options.env(), options.home(), options.overrides()).all() : bad;
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

    /** Runs a valid scenario: three stages, each a method a reader can name. */
    private RunResult execute(Scenario scenario, RunOptions options, RunRecorder recorder) {
        Run run = begin(scenario, options, recorder);
        Outcome outcome = drive(run);
        return end(run, outcome);
    }

    /** A run between {@link #begin} and {@link #end}: what it writes to, and what it holds. */
    private record Run(Scenario scenario, RunOptions options, RunRecorder recorder, RunInfo info, Masker masker, String sha256,
                       RunRecord running, EventStream events, RunSummary summary, AuditLog trail, RunState state, Thread onCtrlC) {
        String id() {
            return info.id();
        }
    }

    /** How the scenario's steps went: the run's status, and the (masked) reason it failed. */
    private record Outcome(RunResult.Status status, String error) {}

    /**
     * Gives the run its id and folder, its trail and the other listeners of its events, its state
     * (variables, allowed folders, resources, the row ledger it opens on first use), and a hook
     * that closes its browser on Ctrl-C; the runs table records it as running.
     */
    private Run begin(Scenario scenario, RunOptions options, RunRecorder recorder) {
        String runId = newRunId(scenario, options);
        Path folder = options.home().resolve("runs").resolve(runId);
        try {
            org.karakuri.secret.OwnerOnly.createDirectories(folder); // 0700: the trail, evidence and report are the engine user's only
        } catch (IOException e) {
            recorder.abandon();
            throw new KarakuriException((Position) null, e, "run.folder-unwritable", folder.toString());
        }
        RunInfo info = new RunInfo(runId, scenario.id(), scenario.file(), folder, options.home(), options.clock().instant(), options.headed());
        Masker masker = new Masker();
        String sha256 = Hashes.sha256(scenario.file());
        RunRecord running = new RunRecord(runId, scenario.id(), String.valueOf(scenario.file()), sha256, options.trigger(), options.startedBy(),
            node(options), info.started(), null, RunStatus.RUNNING, 0, 0, 0, 0, 0, scenario.manualMinutes(), null, null, folder.toString(),
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
        EngineConfig config = EngineConfig.load(options.home(), options.env());
        List<Path> roots = new ArrayList<>(List.of(scenario.folder(), options.home()));
        roots.addAll(config.capabilities().roots());
        PathGuard paths = new PathGuard(scenario.folder(), roots);
        RunState state = new RunState(info, scenario, events, masker, Scope.root(), options.env(), options.clock(),
            paths, registry, options.progress());
        state.capabilities(new CapabilityCheck(config.capabilities(), paths::resolve, config.connections()));
        state.secrets(name -> Secrets.find(name, options.home(), options.env()));
        state.dataSources(name -> config.dataSource(name)
            .orElseThrow(() -> new KarakuriException("data-source.unknown", name, DataSourceCheck.names(config)))
            .connect(name, secret -> Secrets.find(secret, options.home(), options.env()), options.env(), masker::register));
        state.browserSetup(new BrowserSetup(config.browser().chromium(), config.browser().driver(), config.browser().grid()));
        state.rowLedgers(() -> {
            LedgerSettings settings = LedgerSettings.from(options.env(), options.home());
            settings.registerPassword(masker);
            return new RunRowLedger(Ledger.open(settings), config.secrets(), options.home());
        });
        ActiveRuns.started(state);
        Thread onCtrlC = new Thread(state::closeResources, "karakuri-close-" + runId);
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        recorder.started(running, masker);
        return new Run(scenario, options, recorder, info, masker, sha256, running, events, summary, trail, state, onCtrlC);
    }

    /**
     * Runs the steps: the run-started event, the scenario's variables (with {@code --set}), then
     * one exchange through the scenario's route in the engine's Camel context (this run's own
     * context unless {@code serve} shares one).
     */
    private Outcome drive(Run run) {
        Scenario scenario = run.scenario();
        RunState state = run.state();
        CamelRuntime runtime = shared;
        try {
            run.events().emit("run-started", null, scenario.position(), started(scenario, run.options(), run.sha256()));
            RunOptions.Arrival arrival = run.options().arrival();
            if (arrival != null) {
                // the file whose arrival started the run, named in the trail with its SHA-256
                Map<String, Object> data = new LinkedHashMap<>();
                org.karakuri.spi.FileFields file = org.karakuri.spi.FileFields.at(arrival.file(), arrival.size());
                data.put("file", file.location());
                data.put("name", file.name());
                data.put("size", arrival.size());
                data.put("sha256", arrival.sha256());
                run.events().emit("file-arrived", null, scenario.trigger() != null ? scenario.trigger().position() : scenario.position(), data);
                state.globals().set("file", file);
            }
            Variables.evaluate(state, scenario, state.globals(), new LinkedHashMap<>(run.options().overrides()));
            if (runtime == null) {
                runtime = CamelRuntime.start("karakuri-" + run.id(), registry, loader);
            }
            Exception failure = runtime.execute(state, scenario);
            if (failure != null) {
                throw failure;
            }
            int failed = state.counts().itemsFailed.get();
            return failed > 0 ? new Outcome(RunResult.Status.FAILED, Messages.get().format("run.items-failed", failed))
                : new Outcome(RunResult.Status.SUCCEEDED, null);
        } catch (KarakuriException | InvalidScenarioException e) {
            return new Outcome(RunResult.Status.FAILED, run.masker().mask(e.getMessage()));
        } catch (Exception e) {
            log.error("run {} stopped by an internal error", run.id(), e);
            return new Outcome(RunResult.Status.FAILED,
                run.masker().mask(Messages.get().format("run.internal-error", e.getClass().getSimpleName() + ": " + e.getMessage())));
        } finally {
            state.closeResources(); // the browser closes before anything is recorded
            if (runtime != null && runtime != shared) {
                runtime.close();
            }
        }
    }

    /**
     * Ends the run on every path: the run-ended event, the trail sealed and linked into the chain
     * of runs, the report, then the runs table's line; a run stopped on request is recorded as
     * interrupted.
     */
    private RunResult end(Run run, Outcome outcome) {
        RunState state = run.state();
        RunOptions options = run.options();
        boolean stopped = state.stopped();
        ActiveRuns.ended(state);
        state.closeResources();
        Map<String, Object> ended = new LinkedHashMap<>();
        ended.put("status", outcome.status().name().toLowerCase());
        ended.putAll(state.counts().asMap());
        ended.put("events", run.events().count() + 1);
        if (outcome.error() != null) {
            ended.put("error", outcome.error());
        }
        String ledgerProblem = run.recorder().startProblem();
        if (ledgerProblem != null) {
            log.warn("run {} is not in the ledger: {}", run.id(), ledgerProblem);
            ended.put("ledger-error", ledgerProblem);
        }
        run.events().emit("run-ended", null, null, ended);
        run.events().close();
        try {
            String seal = run.trail().seal();
            if (seal != null) {
                try {
                    RunChain.linkRun(options.home(), options.env(), run.id(), seal, run.events().count());
                } catch (RuntimeException e) {
                    // the run is sealed; audit verify --all names it as not in the chain
                    log.error("run {} is sealed but not linked into the chain of runs: {}", run.id(), e.getMessage());
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(run.onCtrlC());
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook is running or has run
            }
        }
        RunResult result = new RunResult(outcome.status(), run.id(), run.info().folder(), List.of(), outcome.error(), state.counts());
        try {
            ReportWriter.write(run.info().folder().resolve("report.html"), run.scenario(), run.info(), run.summary(), result, run.masker());
        } finally {
            // the runs table says the run ended only once its report is there: whoever lists the
            // finished run (the console, the API) can open its report at once
            RunStatus recorded = outcome.status() == RunResult.Status.SUCCEEDED ? RunStatus.SUCCEEDED
                : stopped ? RunStatus.INTERRUPTED : RunStatus.FAILED;
            Counts c = state.counts();
            run.recorder().ended(run.running().ended(options.clock().instant(), recorded, c.itemsOk.get(), c.itemsFailed.get(),
                c.itemsInvalid.get(), c.itemsSkipped.get(), c.itemsProcessed(outcome.status() == RunResult.Status.SUCCEEDED), outcome.error()));
            run.recorder().finish();
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
        m.put("host", ClusterConfig.machineName());
        m.put("overrides", new ArrayList<>(options.overrides().keySet()));
        return m;
    }

    /**
     * The node the runs table names as the run's: {@code cluster.node} (KARAKURI_NODE), else the
     * machine's name. In a cluster the console asks that node for the run's report and files.
     */
    private static String node(RunOptions options) {
        try {
            return EngineConfig.load(options.home(), options.env()).cluster().nodeName();
        } catch (org.karakuri.config.ConfigException e) {
            // the run is refused for the bad file elsewhere; its line still names this node
            return new ClusterConfig(options.env().get("KARAKURI_NODE"), null, null, null, null).nodeName();
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
