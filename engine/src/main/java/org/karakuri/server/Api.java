package org.karakuri.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.karakuri.i18n.Messages;
import org.karakuri.ledger.RunRecord;
import org.karakuri.ledger.RunStatus;
import org.karakuri.schedule.RunQueue;
import org.karakuri.users.Permission;
import org.karakuri.users.Principal;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API under {@code /api}: JSON records in and out (camelCase), described by
 * {@code GET /api/openapi.json}. Every call but {@code GET /api/health} needs a credential.
 */
final class Api {
    private static final Logger log = LoggerFactory.getLogger(Api.class);
    static final int MAX_LIMIT = 1000;

    private final Server server;

    Api(Server server) {
        this.server = server;
    }

    List<Route> routes() {
        return List.of(
            Route.api(HandlerType.GET, "/api/health", null, this::health),
            Route.api(HandlerType.GET, "/api/openapi.json", Permission.VIEW, ctx -> ctx.json(openApi())),
            Route.api(HandlerType.GET, "/api/scenarios", Permission.VIEW, this::scenarios),
            Route.api(HandlerType.GET, "/api/scenarios/{id}", Permission.VIEW, this::scenario),
            Route.api(HandlerType.POST, "/api/scenarios/{id}/trigger", Permission.OPERATE, this::trigger),
            Route.api(HandlerType.POST, "/api/scenarios/{id}/pause", Permission.OPERATE, ctx -> pause(ctx, true)),
            Route.api(HandlerType.POST, "/api/scenarios/{id}/resume", Permission.OPERATE, ctx -> pause(ctx, false)),
            // a run that ends while the list is read leaves it: its state is read once per entry
            Route.api(HandlerType.GET, "/api/queue", Permission.VIEW, ctx -> ctx.json(server.queue().entries().stream().map(Api::queueEntry)
                .filter(q -> !"ended".equals(q.state())).toList())),
            Route.api(HandlerType.GET, "/api/runs", Permission.VIEW, this::runs),
            Route.api(HandlerType.GET, "/api/runs/{id}", Permission.VIEW, this::run),
            Route.api(HandlerType.POST, "/api/runs/{id}/stop", Permission.OPERATE, this::stop),
            Route.api(HandlerType.GET, "/api/scenarios/{id}/rows", Permission.EVIDENCE, this::rows),
            Route.api(HandlerType.POST, "/api/scenarios/{id}/rows/resolve", Permission.RESOLVE, ctx -> decide(ctx, true)),
            Route.api(HandlerType.POST, "/api/scenarios/{id}/rows/reset", Permission.RESOLVE, ctx -> decide(ctx, false)),
            Route.api(HandlerType.GET, "/api/operations", Permission.AUDIT, this::operations),
            Route.api(HandlerType.POST, "/api/validate", Permission.VIEW, this::validate));
    }

    /** {@code status} always; the node and whether it is clustered only for a caller with a credential. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Health(String status, String node, Boolean clustered) {}

    record TriggerView(String cron, ArrivalView fileArrives, String calendar, String misfire, String timeZone) {}

    /** {@code trigger.file-arrives}: the folder watched and the files' pattern. */
    record ArrivalView(String folder, String pattern) {}

    record ScenarioView(String id, String file, String title, String status, String scheduledVersion, List<String> problems,
                        TriggerView trigger, boolean paused, List<String> nextFireTimes) {}

    record Live(String step, String at, int events, int items) {}

    record QueueEntry(String scenario, String state, String runId, String trigger, String by, Instant scheduledAt, Instant queuedAt,
                      Instant startedAt, Live live) {}

    record RunView(String id, String scenario, String status, String trigger, String by, String host, Instant startedAt, Instant endedAt,
                   int itemsOk, int itemsFailed, int itemsInvalid, int itemsSkipped, Integer manualMinutes, Integer minutesSaved,
                   String error, String file, String sha256, Instant scheduledAt, String report, Live live) {}

    record Triggered(String run, String scenario, String status) {}

    record Paused(String scenario, boolean paused) {}

    record Stopping(String run, String status) {}

    /** A row of the ledger; {@code key} is {@code ********} when the ledger keeps only its hash, {@code ref} names it either way. */
    record RowView(String scenario, String key, String ref, String status, String runId, int row, String message, Instant at) {}

    /** What to decide about a row: its key as written (or its {@code ref}), and why. */
    record RowDecisionRequest(String key, String comment) {}

    record DecisionView(String scenario, String key, String decision, String previous, String runId, int row, String by, String comment,
                        Instant at) {}

    record OperationView(Instant time, String action, String by, String via, String target, java.util.Map<String, String> details, String node) {}

    private void rows(Context ctx) {
        String id = ctx.pathParam("id");
        java.util.Set<org.karakuri.spi.RowStatus> wanted = new java.util.LinkedHashSet<>();
        String status = ctx.queryParam("status");
        if (status != null && !status.isBlank()) {
            for (String s : status.split(",")) {
                wanted.add(java.util.Arrays.stream(org.karakuri.spi.RowStatus.values()).filter(x -> x.text().equals(s.strip())).findFirst()
                    .orElseThrow(() -> new HttpError(400, "rows.bad-status", s, org.karakuri.rows.Rows.statusChoices())));
            }
        }
        ctx.json(server.rows().list(id, wanted).stream().map(Api::rowView).toList());
    }

    static RowView rowView(org.karakuri.rows.Rows.Row r) {
        return new RowView(r.scenario(), r.shownKey(), r.ref(), r.status().text(), r.runId(), r.row(), r.message(), r.at());
    }

    private void decide(Context ctx, boolean resolve) {
        String id = ctx.pathParam("id");
        RowDecisionRequest req;
        try {
            req = ctx.bodyAsClass(RowDecisionRequest.class);
        } catch (Exception e) { // Jackson's parse errors arrive unchecked through Javalin
            throw new HttpError(400, "server.bad-body", "{\"key\": \"…\", \"comment\": \"…\"}");
        }
        if (req == null || req.key() == null || req.key().isBlank()) {
            throw new HttpError(400, "server.bad-body", "{\"key\": \"…\", \"comment\": \"…\"}");
        }
        if (server.rows().find(id, req.key()).isEmpty()) {
            throw new HttpError(404, "rows.no-row", id);
        }
        org.karakuri.rows.Rows.Decision d = resolve ? server.rows().resolve(Http.principal(ctx), id, req.key(), req.comment())
            : server.rows().reset(Http.principal(ctx), id, req.key(), req.comment());
        ctx.json(new DecisionView(d.scenario(), new org.karakuri.rows.Rows.Row(d.scenario(), d.key(), d.previous(), d.runId(), d.row(), null, null).shownKey(),
            d.decision(), d.previous().text(), d.runId(), d.row(), d.by(), d.comment(), d.at()));
    }

    /** A scenario text to check, as the file it would be saved as in the scenario folder. */
    record ValidateRequest(String file, String text) {}

    /** One problem: where ({@code line}, {@code col}, the key's {@code path}), what, and the whole line as the CLI prints it. */
    record ProblemView(String file, int line, int col, String path, String message, String text) {}

    record Validation(String file, boolean valid, String scenario, String title, List<ProblemView> problems) {}

    private static final java.util.regex.Pattern FILE_NAME = java.util.regex.Pattern.compile("[\\p{L}\\p{N}._-]{1,100}\\.ya?ml");

    /**
     * {@code POST /api/validate}: an author checks a scenario before saving it — the text as the body
     * (YAML, {@code ?file=} naming it), or JSON {@code {"file": …, "text": …}}. Checked as the file
     * it would be in the scenario folder, with the capability policy every load applies; nothing is saved.
     */
    private void validate(Context ctx) {
        String file = ctx.queryParam("file");
        String text;
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            ValidateRequest req;
            try {
                req = ctx.bodyAsClass(ValidateRequest.class);
            } catch (Exception e) { // Jackson's parse errors arrive unchecked through Javalin
                throw new HttpError(400, "server.bad-body", "{\"file\": \"tennyu.yaml\", \"text\": \"scenario: …\"}");
            }
            text = req == null ? null : req.text();
            file = req == null || req.file() == null ? file : req.file();
        } else {
            text = ctx.body();
        }
        if (text == null || text.isBlank()) {
            throw new HttpError(400, "server.validate-empty");
        }
        file = file == null || file.isBlank() ? "scenario.yaml" : file.strip();
        if (!FILE_NAME.matcher(file).matches()) {
            throw new HttpError(400, "server.validate-bad-file", file);
        }
        org.karakuri.i18n.Messages m = Http.messages(ctx);
        org.karakuri.load.ScenarioLoader.Result r = new org.karakuri.load.ScenarioLoader(server.settings().registry())
            .checkText(text, server.settings().scenarios().resolve(file), file);
        List<ProblemView> problems = r.problems().stream().map(p -> new ProblemView(p.position().file(), p.position().line(),
            p.position().column(), p.path(), m.format(p.key(), p.args().toArray()), p.format(m))).toList();
        ctx.json(new Validation(file, r.valid(), r.valid() ? r.scenario().id() : null, r.valid() ? r.scenario().title() : null, problems));
    }

    private void operations(Context ctx) {
        int limit = number(ctx, "limit", 100, 1, MAX_LIMIT);
        ctx.json(server.trail().latest(limit, o -> true).stream()
            .map(o -> new OperationView(o.time(), o.action(), o.by(), o.via(), o.target(), o.details(), o.node())).toList());
    }

    private void health(Context ctx) {
        String status = server.queue().closing() ? "stopping" : "ok";
        Principal p = Http.principal(ctx);
        ctx.json(p == null ? new Health(status, null, null) : new Health(status, server.settings().node(), server.scheduler().isClustered()));
    }

    private void scenarios(Context ctx) throws SchedulerException {
        List<ScenarioView> all = new ArrayList<>();
        for (ScenarioFolder.Entry e : server.entries()) {
            all.add(scenarioView(server, e, Http.messages(ctx)));
        }
        ctx.json(all);
    }

    private void scenario(Context ctx) throws SchedulerException {
        String id = ctx.pathParam("id");
        ScenarioFolder.Entry e = server.folder().byId(id).orElseThrow(() -> new HttpError(404, "server.no-scenario", id));
        ctx.json(scenarioView(server, e, Http.messages(ctx)));
    }

    private void trigger(Context ctx) throws SchedulerException {
        String id = ctx.pathParam("id");
        String run = server.operations().trigger(Http.principal(ctx), id);
        ctx.status(202).json(new Triggered(run, id, RunStatus.QUEUED.text()));
    }

    private void pause(Context ctx, boolean pause) throws SchedulerException {
        String id = ctx.pathParam("id");
        if (pause) {
            server.operations().pause(Http.principal(ctx), id);
        } else {
            server.operations().resume(Http.principal(ctx), id);
        }
        ctx.json(new Paused(id, pause));
    }

    private void runs(Context ctx) {
        String scenario = ctx.queryParam("scenario");
        RunStatus status = status(ctx.queryParam("status"));
        int limit = number(ctx, "limit", 100, 1, MAX_LIMIT);
        int offset = number(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        ctx.json(server.runs().page(scenario, status, limit, offset).stream().map(this::withLive).toList());
    }

    private void run(Context ctx) {
        String id = ctx.pathParam("id");
        RunRecord r = server.runs().get(id).orElseThrow(() -> new HttpError(404, "server.no-run", id));
        ctx.json(withLive(r));
    }

    private void stop(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<Peers.Answer> there = server.operations().stopElsewhere(ctx, id);
        if (there.isPresent()) {
            there.get().sendTo(ctx);
            return;
        }
        server.operations().stop(Http.principal(ctx), id);
        ctx.status(202).json(new Stopping(id, "stopping"));
    }

    /** {@code ?status=} as a run status; 400 naming the choices otherwise. */
    static RunStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (RunStatus s : RunStatus.values()) {
            if (s.text().equals(text.strip())) {
                return s;
            }
        }
        throw new HttpError(400, "server.bad-status", text, String.join(", ", java.util.Arrays.stream(RunStatus.values()).map(RunStatus::text).toList()));
    }

    /** A whole-number query parameter within [min, max]; 400 naming it otherwise. */
    static int number(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the error below names the parameter and the range
        }
        throw new HttpError(400, "server.bad-number-parameter", name, v, min, max == Integer.MAX_VALUE ? "∞" : String.valueOf(max));
    }

    RunView withLive(RunRecord r) {
        Live live = server.queue().byRunId(r.id()).map(e -> queueEntry(e).live()).orElse(null);
        return runView(r, live);
    }

    /** A line of the runs table as the API shows it, with the fire that started it ({@code fire.json}) when there was one. */
    static RunView runView(RunRecord r, Live live) {
        Path folder = r.folderPath();
        Instant scheduledAt = null;
        if (folder != null && Files.isRegularFile(folder.resolve(RunQueue.FIRE))) {
            try {
                String at = Http.JSON.readTree(folder.resolve(RunQueue.FIRE).toFile()).path("scheduledAt").asText(null);
                scheduledAt = at == null ? null : Instant.parse(at);
            } catch (IOException | RuntimeException e) {
                log.debug("cannot read {}: {}", folder.resolve(RunQueue.FIRE), e.getMessage());
            }
        }
        String report = folder != null && Files.exists(folder.resolve("report.html")) ? folder.resolve("report.html").toString() : null;
        return new RunView(r.id(), r.scenario(), r.status().text(), r.trigger(), r.startedBy(), r.host(), r.started(), r.ended(), r.itemsOk(),
            r.itemsFailed(), r.itemsInvalid(), r.itemsSkipped(), r.manualMinutes(), r.minutesSaved(), r.error(), r.scenarioFile(), r.fileSha256(),
            scheduledAt, report, live);
    }

    static QueueEntry queueEntry(RunQueue.Entry e) {
        java.util.Map<String, Object> m = e.toMap();
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> l = (java.util.Map<String, Object>) m.get("live");
        Live live = new Live((String) l.get("step"), (String) l.get("at"), (Integer) l.get("events"), (Integer) l.get("items"));
        return new QueueEntry(e.scenarioId(), e.state(), e.runId(), e.trigger(), (String) m.get("by"), e.scheduledAt(),
            Instant.parse((String) m.get("queuedAt")), e.startedAt(), live);
    }

    static ScenarioView scenarioView(Server server, ScenarioFolder.Entry e, Messages m) throws SchedulerException {
        var t = e.valid() == null ? null : e.valid().trigger();
        TriggerView trigger = t == null ? null : new TriggerView(t.onArrival() ? null : t.cron().expression(),
            t.onArrival() ? new ArrivalView(t.fileArrives().folder(), t.fileArrives().pattern()) : null, t.calendar() == null ? null : "jp-business-days",
            t.misfire().name().toLowerCase(Locale.ROOT).replace('_', '-'), t.timeZone().getId());
        boolean scheduled = e.valid() != null && server.scheduler().has(e.valid().id());
        boolean paused = scheduled && server.scheduler().paused(e.valid().id());
        List<String> next = e.valid() == null || !scheduled ? List.of()
            : server.scheduler().next(e.valid(), 5).stream().map(z -> z.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).toList();
        return new ScenarioView(e.id(), e.display(), e.valid() == null ? null : e.valid().title(), e.problems().isEmpty() ? "valid" : "invalid",
            e.valid() == null ? "none" : e.problems().isEmpty() ? "current" : "last-valid", e.problems().stream().map(p -> p.format(m)).toList(),
            trigger, paused, next);
    }

    static JsonNode openApi() {
        try (InputStream in = Api.class.getResourceAsStream("openapi.json")) {
            return Http.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
