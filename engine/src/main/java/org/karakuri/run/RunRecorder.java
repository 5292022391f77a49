package org.karakuri.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.karakuri.context.Masker;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.ledger.RunRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's line in the runs table without holding the run up: the database is opened on a
 * thread of its own as soon as the runner is asked to run (while the scenario is loaded and the
 * route starts), the {@code running} line is written there too, and the end is written after
 * the trail is sealed. A ledger that cannot be used costs the run a warning (and a note in its
 * trail), never its trail or its report.
 */
final class RunRecorder {
    private static final Logger log = LoggerFactory.getLogger(RunRecorder.class);
    /** How long the end of a run waits for a database that does not answer. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final LedgerSettings settings;
    private final Executor background;
    private final CompletableFuture<Ledger> opened;
    private volatile CompletableFuture<Ledger> started;
    private volatile CompletableFuture<Void> finished = CompletableFuture.completedFuture(null);
    private volatile Masker masker = new Masker();

    private RunRecorder(LedgerSettings settings, Executor background, CompletableFuture<Ledger> opened) {
        this.settings = settings;
        this.background = background;
        this.opened = opened;
        this.started = opened;
    }

    /** Starts opening the database {@code env} names (else the embedded one under {@code home}) in the background. */
    static RunRecorder open(Map<String, String> env, Path home) {
        Executor background = task -> {
            Thread t = new Thread(task, "karakuri-ledger");
            t.setDaemon(true);
            t.start();
        };
        LedgerSettings settings;
        try {
            settings = LedgerSettings.from(env, home);
        } catch (RuntimeException e) {
            return new RunRecorder(null, background, CompletableFuture.failedFuture(e));
        }
        return new RunRecorder(settings, background, CompletableFuture.supplyAsync(() -> Ledger.open(settings), background));
    }

    /** Records {@code running} as soon as the database is open; {@code masker} is the run's. */
    void started(RunRecord running, Masker runMasker) {
        this.masker = runMasker;
        if (settings != null) {
            settings.registerPassword(runMasker);
        }
        started = opened.thenApplyAsync(ledger -> {
            ledger.runs().started(running);
            return ledger;
        }, background);
    }

    /** Records a run that did not start (an invalid scenario) and closes the database. */
    void invalid(RunRecord invalid) {
        ended(invalid);
        finish();
    }

    /** Closes the database unused (the run could not begin). */
    void abandon() {
        opened.thenAccept(Ledger::close);
    }

    /** Null when the start is recorded, else why not (masked), after waiting for it at most {@link #PATIENCE}. */
    String startProblem() {
        boolean interrupted = Thread.interrupted(); // a stopped run still waits for its line
        try {
            started.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return masker.mask(String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            return masker.mask(settings.displayUrl() + ": no answer in " + PATIENCE.toSeconds() + " s");
        } catch (InterruptedException e) {
            interrupted = true;
            return "interrupted";
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Starts recording how the run ended, on the recorder's own thread (H2 must not see a stopped
     * run's interrupt flag), then closes the database; {@link #finish()} waits for it. When the
     * start could not be recorded, it tries once more with a new connection, writing the whole line.
     */
    void ended(RunRecord ended) {
        String problem = startProblem();
        if (problem != null && settings == null) {
            log.warn("the run {} is not in the ledger: {}", ended.id(), problem);
            return;
        }
        CompletableFuture<Ledger> ledger = problem == null ? started : CompletableFuture.supplyAsync(() -> {
            opened.thenAccept(Ledger::close);
            return Ledger.open(settings);
        }, background);
        finished = ledger.thenAcceptAsync(l -> {
            try (l) {
                l.runs().ended(ended);
            }
        }, background).exceptionally(e -> {
            log.warn("the end of run {} is not in the ledger: {}", ended.id(), masker.mask(String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage())));
            return null;
        });
    }

    /** Waits, at most {@link #PATIENCE}, until the end is written. */
    void finish() {
        boolean interrupted = Thread.interrupted();
        try {
            finished.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("the end of the run is not in the ledger: {}", masker.mask(String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
