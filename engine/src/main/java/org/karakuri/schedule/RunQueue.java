package org.karakuri.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.karakuri.event.EventSink;
import org.karakuri.event.RunEvent;
import org.karakuri.ledger.RunLedger;
import org.karakuri.ledger.RunRecord;
import org.karakuri.ledger.RunStatus;
import org.karakuri.model.Scenario;
import org.karakuri.run.RunOptions;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.context.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a fire becomes a run on this node: it waits in the queue for a browser slot (at most
 * {@code maxBrowsers} browser runs at once), takes the scenario's database lock (one run of a
 * scenario at a time across nodes), runs, and lets go. Everything waiting or running is visible
 * to the HTTP API. On shutdown it takes no more fires, lets running runs finish up to a timeout,
 * then stops the rest and marks them interrupted.
 */
public final class RunQueue {
    private static final Logger log = LoggerFactory.getLogger(RunQueue.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs a scenario file once: {@code new Runner().run(file, options)} in production. */
    public interface Executor {
        RunResult run(Path file, RunOptions options);
    }

    /** Hears the end of every run (notifications). */
    public interface Listener {
        void ended(Entry entry, RunResult result);
    }

    /** What this node can run: the scenario by id, with the file that holds its valid version. */
    public record Runnable(Scenario scenario, Path file) {}

    /** Why a fire did not become a run, or that it did. */
    public enum Outcome { RAN, ALREADY_RUNNING, UNKNOWN_SCENARIO, SHUTTING_DOWN, INTERRUPTED }

    /** A fire waiting for its slot or running; the API shows it. */
    public static final class Entry {
        private static final AtomicLong IDS = new AtomicLong();
        final long id = IDS.incrementAndGet();
        final String scenarioId;
        final String trigger;
        final String by;
        final Instant scheduledAt;
        final Instant queuedAt;
        volatile Instant startedAt;
        volatile String runId;
        volatile String state = "queued";
        volatile String step;
        volatile String at;
        final AtomicInteger events = new AtomicInteger();
        final AtomicInteger items = new AtomicInteger();
        volatile Thread thread;
        volatile String stopReason;
        volatile boolean stoppedByOperator;
        /** The file whose arrival started this fire, or null. */
        volatile org.karakuri.run.RunOptions.Arrival arrival;
        final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

        Entry(String scenarioId, String trigger, String by, Instant scheduledAt, Instant queuedAt) {
            this.scenarioId = scenarioId;
            this.trigger = trigger;
            this.by = by;
            this.scheduledAt = scheduledAt;
            this.queuedAt = queuedAt;
        }

        public String scenarioId() {
            return scenarioId;
        }

        public String runId() {
            return runId;
        }

        public String state() {
            return state;
        }

        public Instant scheduledAt() {
            return scheduledAt;
        }

        public Instant startedAt() {
            return startedAt;
        }

        public String trigger() {
            return trigger;
        }

        /** As JSON for the API. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", scenarioId);
            m.put("state", state);
            m.put("runId", runId);
            m.put("trigger", trigger);
            m.put("by", by);
            m.put("scheduledAt", scheduledAt == null ? null : scheduledAt.toString());
            m.put("queuedAt", queuedAt.toString());
            m.put("startedAt", startedAt == null ? null : startedAt.toString());
            Map<String, Object> live = new LinkedHashMap<>();
            live.put("step", step);
            live.put("at", at);
            live.put("events", events.get());
            live.put("items", items.get());
            m.put("live", live);
            return m;
        }
    }

    private final ScenarioLocks locks;
    private final RunLedger runs;
    private final Executor executor;
    private final RunOptions base;
    private final Function<String, Optional<Runnable>> lookup;
    private final Listener listener;
    private final Semaphore browsers;
    private final int maxBrowsers;
    private final Clock clock;
    private final ActionRegistry registry;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final OrphanedRuns orphans;

    /**
     * @param runs     the runs table, where runs this queue stops are marked {@code interrupted}
     * @param registry the actions, which say whether they need a browser
     */
    public RunQueue(ScenarioLocks locks, RunLedger runs, Executor executor, RunOptions base, int maxBrowsers, ActionRegistry registry,
                    Function<String, Optional<Runnable>> lookup, Listener listener) {
        if (maxBrowsers < 1) {
            throw new IllegalArgumentException("KARAKURI_MAX_BROWSERS must be 1 or more, not " + maxBrowsers);
        }
        this.locks = locks;
        this.runs = runs;
        this.executor = executor;
        this.base = base;
        this.lookup = lookup;
        this.listener = listener;
        this.maxBrowsers = maxBrowsers;
        this.browsers = new Semaphore(maxBrowsers, true);
        this.registry = registry;
        this.clock = base.clock();
        this.orphans = new OrphanedRuns(locks, runs, clock);
    }

    public int maxBrowsers() {
        return maxBrowsers;
    }

    /** Waiting and running fires, oldest first. */
    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>(entries.values());
        all.sort((a, b) -> Long.compare(a.id, b.id));
        return all;
    }

    public Optional<Entry> byRunId(String runId) {
        return entries.values().stream().filter(e -> runId.equals(e.runId)).findFirst();
    }

    /**
     * Runs the scenario on the calling thread (a Quartz worker), after waiting for a browser slot
     * if it needs one. {@code scheduledAt} is the fire time Quartz meant, or null for "now".
     */
    public Outcome fire(String scenarioId, String trigger, String by, Instant scheduledAt) {
        return fire(scenarioId, trigger, by, scheduledAt, null);
    }

    /**
     * As {@link #fire(String, String, String, Instant)}, for a run whose id was fixed when it was
     * queued ({@code runId}, its {@code queued} line already in the runs table); a fire that does not
     * become a run marks that line {@code interrupted} (or {@code stopped}) with the reason.
     */
    public Outcome fire(String scenarioId, String trigger, String by, Instant scheduledAt, String runId) {
        return fire(scenarioId, trigger, by, scheduledAt, runId, null);
    }

    /** As {@link #fire(String, String, String, Instant, String)}, for the run a file's arrival starts ({@code ${file}}). */
    public Outcome fire(String scenarioId, String trigger, String by, Instant scheduledAt, String runId, org.karakuri.run.RunOptions.Arrival arrival) {
        Entry e = new Entry(scenarioId, trigger, by, scheduledAt, clock.instant());
        e.runId = runId;
        e.arrival = arrival;
        Outcome o = fire(e);
        if (runId != null && o != Outcome.RAN && !(o == Outcome.INTERRUPTED && e.startedAt != null)) {
            RunStatus status = e.stoppedByOperator ? RunStatus.STOPPED : RunStatus.INTERRUPTED;
            String why = e.stopReason != null ? e.stopReason : "not run: " + o.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            try {
                runs.mark(runId, status, why, clock.instant(), java.util.Set.of(RunStatus.QUEUED));
            } catch (RuntimeException ex) {
                log.error("cannot mark queued run {}: {}", runId, ex.getMessage());
            }
        }
        return o;
    }

    private Outcome fire(Entry e) {
        String scenarioId = e.scenarioId;
        if (closing.get()) {
            log.info("not running {}: the server is shutting down", scenarioId);
            return Outcome.SHUTTING_DOWN;
        }
        Optional<Runnable> target = lookup.apply(scenarioId);
        if (target.isEmpty()) {
            log.warn("not running {}: no valid scenario with that id on this node", scenarioId);
            return Outcome.UNKNOWN_SCENARIO;
        }
        e.thread = Thread.currentThread();
        entries.put(e.id, e);
        // a loop over several browsers takes a slot for each (never more than the node has, or it would never start)
        int wanted = Math.min(maxBrowsers, BrowserUse.slots(target.get().scenario(), registry));
        int slots = 0;
        try {
            if (wanted > 0) {
                browsers.acquire(wanted);
                slots = wanted;
            }
            if (closing.get()) {
                return Outcome.SHUTTING_DOWN;
            }
            Optional<ScenarioLocks.Held> lock = locks.tryLock(scenarioId);
            if (lock.isEmpty()) {
                log.warn("not running {}: a run of it is still going on (on this or another node)", scenarioId);
                if (e.runId == null && e.arrival == null) {
                    notRun(e, target.get());
                }
                return Outcome.ALREADY_RUNNING;
            }
            try (ScenarioLocks.Held held = lock.get()) {
                settleOrphans(scenarioId);
                e.state = "running";
                e.startedAt = clock.instant();
                run(e, target.get());
                return e.stopReason != null ? Outcome.INTERRUPTED : Outcome.RAN;
            }
        } catch (InterruptedException ie) {
            // stopped while queued; the flag is not passed on to Quartz's worker (its JDBC work must not see it)
            return Outcome.INTERRUPTED;
        } catch (SQLException sql) {
            log.error("not running {}: the run lock is unavailable: {}", scenarioId, sql.getMessage());
            return Outcome.ALREADY_RUNNING;
        } finally {
            if (slots > 0) {
                browsers.release(slots);
            }
            entries.remove(e.id);
            e.thread = null;
            e.state = "ended";
            e.done.countDown();
            changed(e);
        }
    }

    /**
     * A fire of the schedule that met another run of the scenario (on this node or another) is
     * not run — a nightly batch is not started twice at once — but it does not vanish: it is a
     * line in the runs table, {@code interrupted} with the reason, where the console, the API and
     * the operator's checks see it. (A queued manual run marks its own line; a file's arrival is
     * tried again until it runs.)
     */
    private void notRun(Entry e, Runnable target) {
        Instant now = clock.instant();
        String id = org.karakuri.run.Runner.newRunId(e.scenarioId, clock);
        String fire = e.scheduledAt != null ? "the fire of " + e.scheduledAt : "this fire";
        try {
            runs.queued(new RunRecord(id, e.scenarioId, String.valueOf(target.file()), null, e.trigger, e.by, null, now, null,
                RunStatus.QUEUED, 0, 0, 0, 0, 0, target.scenario().manualMinutes(), null, null, null, null));
            runs.mark(id, RunStatus.INTERRUPTED, "not run: another run of this scenario was still going on (on this or another node); "
                + fire + " was skipped", now, java.util.Set.of(RunStatus.QUEUED));
        } catch (RuntimeException ex) {
            log.error("cannot record the skipped fire of {}: {}", e.scenarioId, ex.getMessage());
        }
    }

    /** With the lock held no run of the scenario is alive: a line still {@code running} was left by a node that died. */
    private void settleOrphans(String scenarioId) {
        try {
            orphans.settleHeld(scenarioId);
        } catch (RuntimeException ex) {
            log.warn("cannot check for runs of {} left by a stopped node: {}", scenarioId, ex.getMessage());
        }
    }

    private void run(Entry e, Runnable target) {
        EventSink live = event -> observe(e, event);
        RunOptions options = base.withTrigger(e.trigger, e.by).withSinks(List.of(live)).withRunId(e.runId).withArrival(e.arrival);
        RunResult result;
        try {
            result = executor.run(target.file(), options);
        } catch (RuntimeException ex) {
            log.error("run of {} ended by an internal error", e.scenarioId, ex);
            result = new RunResult(RunResult.Status.FAILED, e.runId, null, List.of(), ex.getClass().getSimpleName(), new org.karakuri.context.Counts());
        }
        // a stop interrupts this thread; clear the flag before the lock's and Quartz's JDBC work
        Thread.interrupted();
        if (e.stopReason != null && e.runId != null) {
            if (e.stoppedByOperator) {
                runs.mark(e.runId, RunStatus.STOPPED, e.stopReason, clock.instant(), java.util.Set.of(RunStatus.RUNNING, RunStatus.INTERRUPTED,
                    RunStatus.FAILED));
            } else {
                markInterrupted(e.runId, e.stopReason);
            }
        }
        if (listener != null) {
            try {
                listener.ended(e, result);
            } catch (RuntimeException ex) {
                log.error("run listener failed for {}", e.scenarioId, ex);
            }
        }
    }

    private final java.util.List<java.util.function.Consumer<Entry>> watchers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Hears every change of a fire's live state (a step started or ended, an item ended, the run ended): the console's live view. */
    public void watch(java.util.function.Consumer<Entry> watcher) {
        watchers.add(watcher);
    }

    private void changed(Entry e) {
        for (var w : watchers) {
            try {
                w.accept(e);
            } catch (RuntimeException ex) {
                log.debug("a watcher of {} failed: {}", e.scenarioId, ex.getMessage());
            }
        }
    }

    private void observe(Entry e, RunEvent event) {
        observeOnly(e, event);
        changed(e);
    }

    private void observeOnly(Entry e, RunEvent event) {
        e.events.incrementAndGet();
        switch (event.type()) {
            case "run-started" -> {
                e.runId = event.runId();
                writeFire(e);
            }
            case "step-started" -> {
                e.step = event.step();
                e.at = event.position() == null ? null : event.position().toString();
            }
            case "item-ended" -> e.items.incrementAndGet();
            default -> { }
        }
    }

    /** Stops a run of this node, queued or running, for an operator: its thread is interrupted and the run marked stopped. */
    public boolean stop(String runId, String reason) {
        Optional<Entry> e = byRunId(runId);
        e.ifPresent(x -> {
            x.stoppedByOperator = true;
            interrupt(x, reason);
        });
        return e.isPresent();
    }

    private static void interrupt(Entry e, String reason) {
        e.stopReason = reason;
        if (e.runId() != null) {
            org.karakuri.run.ActiveRuns.stop(e.runId(), reason);
        }
        Thread t = e.thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** How long an interrupted run has to end by itself before what it waits on is cut off. */
    private static final Duration TO_END = Duration.ofSeconds(3);
    /** How long a run whose waits were cut off has to write its end. */
    private static final Duration AFTER_CUT = Duration.ofSeconds(10);

    /**
     * Takes no more fires; waits up to {@code timeout} for running runs, then interrupts what is
     * left (marked interrupted; the browser closes), gives it a moment to end, cuts off what it
     * still waits on ({@code cutOff}: an HTTP call does not heed an interrupt) and waits for it
     * to write its end.
     */
    public void shutdown(Duration timeout, java.lang.Runnable cutOff) {
        closing.set(true);
        // queued fires never started: let them go first
        entries.values().stream().filter(x -> x.state.equals("queued")).forEach(x -> interrupt(x, "server shutdown"));
        if (awaitAll(timeout)) {
            return;
        }
        for (Entry e : entries()) {
            log.info("run {} of {} still going after {}: interrupting it", e.runId, e.scenarioId, timeout);
            if (e.runId != null) {
                markInterrupted(e.runId, "server shutdown");
            }
            interrupt(e, "server shutdown");
        }
        if (awaitAll(TO_END)) {
            return;
        }
        log.info("cutting off what {} run(s) still wait on", entries().size());
        cutOff.run();
        awaitAll(AFTER_CUT);
    }

    /** Waits up to {@code timeout} for every entry to be done; true when they all are. */
    private boolean awaitAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Entry e : entries()) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !e.done.await(left, TimeUnit.NANOSECONDS)) {
                    return false;
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public boolean closing() {
        return closing.get();
    }

    /**
     * {@code runs/<id>/fire.json}: which fire started the run (its scheduled time, the trigger, the
     * node), beside the sealed trail; the API and the cluster test read it.
     */
    private void writeFire(Entry e) {
        Path f = base.home().resolve("runs").resolve(e.runId).resolve(FIRE);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", e.scenarioId);
        m.put("scheduledAt", e.scheduledAt == null ? null : e.scheduledAt.toString());
        m.put("queuedAt", e.queuedAt.toString());
        m.put("startedAt", e.startedAt == null ? null : e.startedAt.toString());
        m.put("trigger", e.trigger);
        m.put("by", e.by);
        try {
            Files.writeString(f, JSON.writeValueAsString(m));
        } catch (IOException ex) {
            log.warn("cannot write {}: {}", f, ex.getMessage());
        }
    }

    public static final String FIRE = "fire.json";

    /**
     * Marks the run {@code interrupted} in the runs table while it is still {@code running}: a run
     * the server gives up on may never write its end. A run that does end writes over it.
     */
    private void markInterrupted(String runId, String reason) {
        try {
            runs.interrupt(runId, reason, clock.instant());
        } catch (RuntimeException ex) {
            log.error("cannot mark run {} interrupted: {}", runId, ex.getMessage());
        }
    }
}
