package org.karakuri.server;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.karakuri.audit.OperationsTrail;
import org.karakuri.ledger.RunRecord;
import org.karakuri.ledger.RunStatus;
import org.karakuri.run.Runner;
import org.karakuri.users.Principal;
import org.quartz.SchedulerException;

/**
 * What an operator does to scenarios and runs — trigger, pause, resume, stop — the same for the
 * API and the console, each recorded in the operations trail with who did it.
 */
public final class Operations {
    private final Server server;
    private final OperationsTrail trail;
    private final Clock clock;

    Operations(Server server, OperationsTrail trail, Clock clock) {
        this.server = server;
        this.trail = trail;
        this.clock = clock;
    }

    /**
     * Queues a run of the scenario now and returns its id: the line is in the runs table
     * ({@code queued}) before Quartz fires it, on whichever node of a cluster takes it.
     */
    public String trigger(Principal who, String scenarioId) throws SchedulerException {
        ScenarioFolder.Entry e = scenario(scenarioId);
        String runId = Runner.newRunId(scenarioId, clock);
        String kind = who.via().equals("console") ? "console" : "api";
        Instant now = clock.instant();
        server.runs().queued(new RunRecord(runId, scenarioId, String.valueOf(e.runFile()), null, kind, who.name(), null, now, null,
            RunStatus.QUEUED, 0, 0, 0, 0, 0, e.valid().manualMinutes(), null, null, null, null));
        try {
            server.scheduler().triggerNow(scenarioId, kind, who.name(), runId);
        } catch (SchedulerException | RuntimeException ex) {
            server.runs().mark(runId, RunStatus.INTERRUPTED, "not queued: " + ex.getMessage(), clock.instant(), java.util.Set.of(RunStatus.QUEUED));
            throw ex;
        }
        record(who, "trigger", scenarioId, Map.of("run", runId));
        return runId;
    }

    public void pause(Principal who, String scenarioId) throws SchedulerException {
        scenario(scenarioId);
        server.scheduler().pause(scenarioId);
        record(who, "pause", scenarioId, Map.of());
    }

    public void resume(Principal who, String scenarioId) throws SchedulerException {
        scenario(scenarioId);
        server.scheduler().resume(scenarioId);
        record(who, "resume", scenarioId, Map.of());
    }

    /**
     * A stop of a run that goes on at another node of the cluster, asked of that node with the
     * caller's own session or token (it checks the role and records who stopped it): its answer,
     * or empty when the run is this node's, has ended, or the request was already forwarded.
     */
    public Optional<Peers.Answer> stopElsewhere(Context ctx, String runId) {
        if (server.queue().byRunId(runId).isPresent()) {
            return Optional.empty();
        }
        return server.runs().get(runId).filter(r -> r.status() == RunStatus.RUNNING || r.status() == RunStatus.QUEUED)
            .flatMap(r -> server.peers().holder(ctx, r.host())).map(node -> server.peers().forward(node, ctx));
    }

    /** Stops a run of this node (queued or running); 404 for an unknown run, 409 for one not going on here. */
    public void stop(Principal who, String runId) {
        if (server.queue().stop(runId, "stopped by " + who.name())) {
            record(who, "stop", runId, Map.of());
            return;
        }
        if (server.runs().get(runId).isPresent()) {
            throw new HttpError(409, "server.run-not-running-here", runId);
        }
        throw new HttpError(404, "server.no-run", runId);
    }

    private ScenarioFolder.Entry scenario(String id) throws SchedulerException {
        ScenarioFolder.Entry e = server.folder().byId(id).orElse(null);
        if (e == null || e.valid() == null || !server.scheduler().has(id)) {
            throw new HttpError(404, "server.no-scenario", id);
        }
        return e;
    }

    /** Writes an operation of {@code who} into the operations trail (logins, user changes: the console calls it too). */
    public void record(Principal who, String action, String target, Map<String, String> details) {
        trail.record(action, who.name(), who.via(), target, details, server.settings().node());
    }
}
