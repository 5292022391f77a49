package org.karakuri.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.karakuri.audit.OperationsTrail;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.karakuri.ledger.RunLedger;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.run.RunOptions;
import org.karakuri.compile.CamelRuntime;
import org.karakuri.run.Runner;
import org.karakuri.schedule.CalendarConfig;
import org.karakuri.schedule.DataSources;
import org.karakuri.schedule.OrphanedRuns;
import org.karakuri.schedule.RunQueue;
import org.karakuri.schedule.ScenarioLocks;
import org.karakuri.schedule.ScenarioScheduler;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.users.Sessions;
import org.karakuri.users.Users;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./karakuri serve}: the scenario folder, watched and validated; Quartz scheduling the valid
 * scenarios; the run queue that turns fires into runs on this node; the HTTP API; failure
 * notifications. {@link #close()} shuts down gracefully.
 */
public final class Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Server.class);
    /** The variable of the service token ({@code server.api-token}): admin rights, for scripts and the cluster's own checks. */
    public static final String TOKEN = "KARAKURI_API_TOKEN";

    /**
     * How to serve.
     *
     * @param http     how to listen (address, port, TLS, timeouts)
     * @param env      the environment, which overrides {@code engine.yaml} under the home (KARAKURI_DB_*, KARAKURI_API_TOKEN, …)
     * @param registry the actions runs may use (the installed ones in production)
     * @param executor runs one scenario file; null for {@code new Runner(registry).run}
     */
    public record Settings(Path scenarios, HttpSettings http, Map<String, String> env, Path home, Duration shutdownTimeout,
                           ActionRegistry registry, RunQueue.Executor executor) {
        public Settings {
            env = Map.copyOf(env);
            home = home.toAbsolutePath().normalize();
        }

        public static Settings from(Path scenarios, String bind, int port, Map<String, String> env) {
            return from(scenarios, HttpSettings.from(bind, port, false, env), env);
        }

        public static Settings from(Path scenarios, HttpSettings http, Map<String, String> env) {
            Path home = RunOptions.home(env);
            return new Settings(scenarios, http, env, home,
                Duration.ofSeconds(org.karakuri.config.EngineConfig.load(home, env).server().shutdownTimeoutSeconds()),
                ActionRegistry.installed(), null);
        }

        public Settings withExecutor(RunQueue.Executor e) {
            return new Settings(scenarios, http, env, home, shutdownTimeout, registry, e);
        }

        public Settings withRegistry(ActionRegistry r) {
            return new Settings(scenarios, http, env, home, shutdownTimeout, r, executor);
        }

        public Settings withShutdownTimeout(Duration d) {
            return new Settings(scenarios, http, env, home, d, registry, executor);
        }

        public Settings withHttp(HttpSettings h) {
            return new Settings(scenarios, h, env, home, shutdownTimeout, registry, executor);
        }


        /** The engine's configuration: {@code engine.yaml} under the home, overridden by the environment. */
        public org.karakuri.config.EngineConfig config() {
            return org.karakuri.config.EngineConfig.load(home, env);
        }

        int maxBrowsers() {
            return config().browser().maxPerNode();
        }

        /** This node's name in runs and notifications: {@code cluster.node} (KARAKURI_NODE), else the host name. */
        public String node() {
            return config().cluster().nodeName();
        }
    }

    private final Settings settings;
    private final DataSources db;
    private final ScenarioFolder folder;
    private final RunQueue queue;
    private final ScenarioScheduler scheduler;
    private final org.karakuri.schedule.FileArrivals arrivals;
    private final Http api;
    private final Users users;
    private final Sessions sessions;
    private final OperationsTrail trail;
    private final Operations operations;
    private final List<Route> routes;
    private final org.karakuri.rows.Rows rows;
    private final Peers peers;
    private final WebhookNotifier notifier;
    private final MailNotifier mail;
    private final ScheduledExecutorService sweeper;
    private CamelRuntime runtime;
    private final Set<Path> routed = new HashSet<>();
    private final List<String> deadRuns;
    private volatile boolean closed;

    private Server(Settings settings) throws IOException, SchedulerException {
        this.settings = settings;
        String node = settings.node();
        settings.http().check();
        this.deadRuns = org.karakuri.audit.DeadRuns.seal(settings.home(), settings.env(), Clock.systemUTC());
        CalendarConfig site = CalendarConfig.load(settings.home());
        int maxBrowsers = settings.maxBrowsers();
        org.karakuri.config.EngineConfig config = settings.config();
        int threads = config.cluster().threads(maxBrowsers);
        this.db = DataSources.open(settings.env(), settings.home(), threads * 2 + 10);
        try {
            ScenarioLoader loader = new ScenarioLoader(settings.registry());
            this.runtime = CamelRuntime.start("karakuri-serve-" + node, settings.registry(), loader);
            Runner runner = new Runner(settings.registry(), runtime);
            RunQueue.Executor executor = settings.executor() != null ? settings.executor() : runner::run;
            this.notifier = WebhookNotifier.from(config.notifications(), settings.home(), node).orElse(null);
            this.mail = MailNotifier.from(config.notifications(), settings.home(), node).orElse(null);
            RunOptions base = RunOptions.defaults().withEnv(settings.env()).withHome(settings.home());
            this.queue = new RunQueue(new ScenarioLocks(db), db.runs(), executor, base, maxBrowsers, settings.registry(),
                id -> lookup(id), (entry, result) -> {
                    if (notifier != null) {
                        notifier.ended(entry, result);
                    }
                    if (mail != null) {
                        mail.ended(entry, result);
                    }
                });
            this.scheduler = new ScenarioScheduler(db, queue, site, ScenarioScheduler.Settings.from(config.cluster(), threads), node);
            this.arrivals = new org.karakuri.schedule.FileArrivals(runtime.camel(), db, scheduler, site, node,
                org.karakuri.secret.Secrets.lookup(settings.home(), settings.env()), config.connections());
            this.folder = new ScenarioFolder(settings.scenarios(), loader, f -> sync());
            folder.load();
            folder.watch();
            scheduler.start();
            this.users = new Users(db);
            org.karakuri.users.Directory.from(config.directory()).ifPresent(users::withDirectory);
            this.sessions = new Sessions(users, settings.http().consoleIdle());
            this.trail = new OperationsTrail(settings.home(), settings.env());
            this.operations = new Operations(this, trail, java.time.Clock.systemDefaultZone());
            this.rows = new org.karakuri.rows.Rows(db, config.secrets(), settings.home(),
                trail, node, java.time.Clock.systemUTC());
            this.sweeper = scheduler.isClustered() ? sweepOrphans(config.cluster(), db) : null;
            Nodes nodes = new Nodes(db);
            this.peers = new Peers(nodes, node, settings.http());
            this.routes = new java.util.ArrayList<>(new Api(this).routes());
            Http.ErrorPages errorPages = null;
            for (WebUi ui : WebUi.installed()) {
                WebUi.Mounted mounted = ui.mount(this);
                routes.addAll(mounted.routes());
                errorPages = errorPages != null ? errorPages : mounted.errorPages();
            }
            this.api = new Http(settings.http(), config.server().apiToken(), users, sessions, routes);
            if (errorPages != null) {
                api.errorPages(errorPages);
            }
            api.start();
            nodes.announce(node, settings.http().nodeUrl(api.port()), Instant.now());
        } catch (IOException | SchedulerException | RuntimeException e) {
            if (runtime != null) {
                runtime.close();
            }
            db.close();
            throw e;
        }
        log.info("serving {} on {} ({}, {}clustered), at most {} browser run(s) at once", settings.scenarios(), api.url(),
            db.displayUrl(), scheduler.isClustered() ? "" : "not ", maxBrowsers);
    }

    /**
     * In a cluster, a run of a node that was killed stays {@code running} in the shared runs table:
     * every node looks for such runs as often as Quartz checks the nodes in, and marks them interrupted.
     */
    private static ScheduledExecutorService sweepOrphans(org.karakuri.config.ClusterConfig cluster, DataSources db) {
        OrphanedRuns orphans = new OrphanedRuns(new ScenarioLocks(db), db.runs(), Clock.systemUTC());
        long every = cluster.checkinMs();
        var sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "karakuri-orphaned-runs");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                orphans.sweep();
            } catch (RuntimeException e) {
                log.warn("looking for runs of stopped nodes failed: {}", e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return sweeper;
    }

    /** Starts serving; throws with a message the user reads when something is in the way. */
    public static Server start(Settings settings) throws IOException, SchedulerException {
        return new Server(settings);
    }

    private Optional<RunQueue.Runnable> lookup(String id) {
        return folder.byId(id).map(e -> new RunQueue.Runnable(e.valid(), e.runFile()));
    }

    /**
     * Brings Quartz and Camel in line with the folder: every valid scenario scheduled and its
     * route in the engine's context, the gone ones unscheduled and their routes removed (once no
     * run uses them).
     */
    private synchronized void sync() {
        Set<String> ids = new HashSet<>();
        Set<Path> files = new HashSet<>();
        for (ScenarioFolder.Entry e : folder.entries()) {
            if (e.valid() == null) {
                continue;
            }
            ids.add(e.valid().id());
            try {
                scheduler.put(e.valid());
            } catch (SchedulerException ex) {
                log.error("{}: cannot schedule: {}", e.display(), ex.getMessage());
            }
            try {
                arrivals.put(e.valid());
            } catch (Exception ex) {
                log.error("{}: cannot watch for arriving files: {}", e.display(), ex.getMessage());
            }
            if (e.problems().isEmpty()) {
                files.add(e.file());
                try {
                    runtime.install(e.valid());
                } catch (Exception ex) {
                    log.error("{}: cannot compile: {}", e.display(), ex.getMessage());
                }
            }
        }
        for (Path gone : new HashSet<>(routed)) {
            if (!files.contains(gone)) {
                runtime.retire(gone);
            }
        }
        routed.clear();
        routed.addAll(files);
        arrivals.retainOnly(ids);
        try {
            scheduler.retainOnly(ids);
        } catch (SchedulerException ex) {
            log.error("cannot unschedule removed scenarios: {}", ex.getMessage());
        }
        if (listener != null) {
            listener.run();
        }
    }

    private volatile java.lang.Runnable listener;

    /** Called after each reload of the folder was applied (tests wait on it). */
    public void onReload(java.lang.Runnable r) {
        this.listener = r;
    }

    /** The runs whose engine died, sealed as interrupted as this server started. */
    public List<String> deadRuns() {
        return deadRuns;
    }

    public ScenarioFolder folder() {
        return folder;
    }

    public RunQueue queue() {
        return queue;
    }

    public ScenarioScheduler scheduler() {
        return scheduler;
    }

    public Settings settings() {
        return settings;
    }

    public String url() {
        return api.url();
    }

    public int port() {
        return api.port();
    }

    /** Every call the server answers, API and console (the role test walks them). */
    List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The users, their tokens and failed logins. */
    public Users users() {
        return users;
    }

    public Sessions sessions() {
        return sessions;
    }

    public OperationsTrail trail() {
        return trail;
    }

    /** The rows service: the review queue's and {@code karakuri rows}'. */
    public org.karakuri.rows.Rows rows() {
        return rows;
    }

    /** The other nodes of the cluster, that hold the folders of their runs. */
    public Peers peers() {
        return peers;
    }

    public Operations operations() {
        return operations;
    }

    /** The server's database (the ledger's): the rows service and the console read it. */
    public DataSources db() {
        return db;
    }

    /** The runs table, through the server's pool. */
    public RunLedger runs() {
        return db.runs();
    }

    public List<ScenarioFolder.Entry> entries() {
        return folder.entries();
    }

    /**
     * Graceful shutdown, in this order: no new fires (the folder, the sweeper, Quartz on standby);
     * running runs finish up to the shutdown timeout ({@code --grace}), the rest are interrupted,
     * marked so, and what they still wait on is cut off; each writes its end (trail, chain, runs
     * table); then Quartz, the notifiers, the API, Camel (no exchange left in flight) and last
     * the database. {@code serve} calls it on SIGTERM or Ctrl-C before the JVM begins to exit, so
     * that H2's own exit hook cannot close the database under it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("shutting down: no new runs; waiting up to {} for running runs", settings.shutdownTimeout());
        folder.close();
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        try {
            scheduler.standby();
        } catch (SchedulerException e) {
            log.warn("Quartz standby failed: {}", e.getMessage());
        }
        queue.shutdown(settings.shutdownTimeout(), runtime::cutOff);
        scheduler.close(!queue.entries().isEmpty());
        if (notifier != null) {
            notifier.lastSent().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(x -> null).join();
        }
        if (mail != null) {
            mail.close();
        }
        api.stop();
        runtime.close();
        db.close();
        log.info("stopped");
    }
}
