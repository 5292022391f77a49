package org.karakuri.console;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import io.javalin.http.sse.SseHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.karakuri.audit.OperationsTrail;
import org.karakuri.audit.RunChain;
import org.karakuri.audit.TrailVerifier;
import org.karakuri.i18n.Messages;
import org.karakuri.ledger.RunRecord;
import org.karakuri.ledger.RunStatus;
import org.karakuri.ledger.Savings;
import org.karakuri.rows.Rows;
import org.karakuri.server.Http;
import org.karakuri.server.HttpError;
import org.karakuri.server.Route;
import org.karakuri.server.ScenarioFolder;
import org.karakuri.server.Peers;
import org.karakuri.server.Server;
import org.karakuri.users.Permission;
import org.karakuri.users.Principal;
import org.karakuri.users.Role;
import org.karakuri.users.Sessions;
import org.karakuri.users.User;
import org.karakuri.users.Users;
import org.quartz.SchedulerException;

/**
 * The console at {@code /}: server-rendered pages for operators, auditors, authors and admins, on
 * the same port and services as the API. Japanese by the browser's language, English otherwise,
 * with a switch on every page; every form carries the session's CSRF token; nothing is loaded from
 * outside the engine.
 */
public final class Console {
    /** The console as the server finds it ({@code META-INF/services/org.karakuri.server.WebUi}). */
    public static final class Ui implements org.karakuri.server.WebUi {
        @Override
        public Mounted mount(Server server) {
            Console console = new Console(server);
            return new Mounted(console.routes(), console::error);
        }
    }

    static final int PAGE_SIZE = 50;
    private final Server server;
    private final LiveFeed live;

    public Console(Server server) {
        this.server = server;
        this.live = new LiveFeed(server);
    }

    public List<Route> routes() {
        return List.of(
            Route.page(HandlerType.GET, "/", null, ctx -> ctx.redirect(Http.principal(ctx) == null ? "/login" : "/scenarios")),
            Route.page(HandlerType.GET, "/login", null, ctx -> login(ctx, null, 200)),
            Route.page(HandlerType.POST, "/login", null, this::doLogin),
            Route.page(HandlerType.POST, "/logout", Permission.VIEW, this::logout),
            Route.page(HandlerType.GET, "/lang", null, Console::language),
            Route.page(HandlerType.GET, "/static/console.css", null, ctx -> asset(ctx, "console.css", "text/css; charset=utf-8")),
            Route.page(HandlerType.GET, "/static/console.js", null, ctx -> asset(ctx, "console.js", "text/javascript; charset=utf-8")),
            Route.page(HandlerType.GET, "/scenarios", Permission.VIEW, this::scenarios),
            Route.page(HandlerType.POST, "/scenarios/{id}/trigger", Permission.OPERATE, ctx -> operate(ctx, "trigger")),
            Route.page(HandlerType.POST, "/scenarios/{id}/pause", Permission.OPERATE, ctx -> operate(ctx, "pause")),
            Route.page(HandlerType.POST, "/scenarios/{id}/resume", Permission.OPERATE, ctx -> operate(ctx, "resume")),
            Route.page(HandlerType.GET, "/runs", Permission.VIEW, this::runs),
            Route.page(HandlerType.GET, "/runs/{id}", Permission.VIEW, this::run),
            Route.page(HandlerType.POST, "/runs/{id}/stop", Permission.OPERATE, this::stop),
            Route.page(HandlerType.GET, "/runs/{id}/report", Permission.EVIDENCE, this::report),
            Route.page(HandlerType.GET, "/runs/{id}/files/<file>", Permission.EVIDENCE, this::file),
            Route.page(HandlerType.GET, "/events", Permission.VIEW, new SseHandler(live::join)),
            Route.page(HandlerType.GET, "/review", Permission.EVIDENCE, this::review),
            Route.page(HandlerType.POST, "/review/resolve", Permission.RESOLVE, ctx -> decide(ctx, true)),
            Route.page(HandlerType.POST, "/review/reset", Permission.RESOLVE, ctx -> decide(ctx, false)),
            Route.page(HandlerType.GET, "/savings", Permission.EVIDENCE, this::savings),
            Route.page(HandlerType.GET, "/operations", Permission.AUDIT, this::operations),
            Route.page(HandlerType.GET, "/users", Permission.USERS, ctx -> users(ctx, null)),
            Route.page(HandlerType.POST, "/users", Permission.USERS, this::addUser),
            Route.page(HandlerType.POST, "/users/{name}/remove", Permission.USERS, this::removeUser),
            Route.page(HandlerType.POST, "/users/{name}/revoke", Permission.USERS, this::revokeTokens));
    }

    /** An error as a page in the frame, for the console's paths. */
    public void error(Context ctx, int status, String message) {
        Page p = new Page(ctx);
        p.add("<p class=\"error\" role=\"alert\">" + Page.esc(message) + "</p>");
        p.add("<p><a href=\"/\">" + p.t("console.home") + "</a></p>");
        p.send(p.m.format("console.error-title", status), status);
    }

    // ---- login ----

    private void login(Context ctx, String problem, int status) {
        Page p = new Page(ctx);
        if (problem != null) {
            p.add("<p class=\"error\" role=\"alert\" id=\"login-error\">" + Page.esc(problem) + "</p>");
        }
        String next = safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next"));
        p.add("<form method=\"post\" action=\"/login\" class=\"login\">"
            + "<input type=\"hidden\" name=\"next\" value=\"" + Page.esc(next) + "\">"
            + "<p><label for=\"name\">" + p.t("console.user-name") + "</label><input id=\"name\" name=\"name\" autocomplete=\"username\" required"
            + (problem != null ? " aria-describedby=\"login-error\"" : "") + "></p>"
            + "<p><label for=\"password\">" + p.t("console.password") + "</label><input id=\"password\" name=\"password\" type=\"password\" "
            + "autocomplete=\"current-password\" required></p>"
            + "<p><button type=\"submit\">" + p.t("console.login") + "</button></p></form>");
        p.send(p.m.format("console.login"), status);
    }

    private void doLogin(Context ctx) {
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
        char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
        Messages m = Http.messages(ctx);
        Users.Login result;
        try {
            result = server.users().login(name, password);
        } catch (org.karakuri.i18n.KarakuriException e) {
            login(ctx, e.message(m.locale()), 503); // the directory is down: say so on the form
            return;
        }
        if (result instanceof Users.Login.Ok ok) {
            Sessions.Session s = server.sessions().open(ok.user());
            ctx.cookie(cookie(Http.SESSION_COOKIE, s.id(), -1));
            server.operations().record(s.user(), "login", name, Map.of());
            ctx.redirect(safeNext(ctx.formParam("next")));
            return;
        }
        server.trail().record("login-failed", name.length() > 100 ? name.substring(0, 100) : name, "console", name.isEmpty() ? "-" : name,
            result instanceof Users.Login.Locked ? Map.of("locked", "true") : Map.of(), server.settings().node());
        if (result instanceof Users.Login.Locked locked) {
            login(ctx, m.format("console.locked", Page.TIME.format(locked.until().atZone(ZoneId.systemDefault()))), 401);
        } else {
            login(ctx, m.format("console.login-refused"), 401);
        }
    }

    private void logout(Context ctx) {
        Http.session(ctx).ifPresent(s -> {
            server.sessions().close(s.id());
            server.operations().record(s.user(), "logout", s.user().name(), Map.of());
        });
        ctx.cookie(cookie(Http.SESSION_COOKIE, "", 0));
        ctx.redirect("/login");
    }

    private Cookie cookie(String name, String value, int maxAge) {
        return new Cookie(name, value, "/", maxAge, server.settings().http().tls(), 0, true, null, null, SameSite.STRICT);
    }

    /** Only a path of this console: never another site. */
    static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") && !next.startsWith("/login") ? next : "/scenarios";
    }

    private static void language(Context ctx) {
        String to = "ja".equals(ctx.queryParam("to")) ? "ja" : "en";
        ctx.cookie(new Cookie(Http.LANG_COOKIE, to, "/", 365 * 24 * 3600, false, 0, true, null, null, SameSite.STRICT));
        ctx.redirect(safeNext(ctx.queryParam("back")));
    }

    private static void asset(Context ctx, String name, String type) {
        try (InputStream in = Console.class.getResourceAsStream(name)) {
            ctx.header("Cache-Control", "max-age=3600");
            ctx.contentType(type).result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- scenarios ----

    private void scenarios(Context ctx) throws SchedulerException {
        Page p = new Page(ctx);
        StringBuilder t = new StringBuilder("<table><caption>" + p.t("console.scenarios-caption") + "</caption><thead><tr><th scope=\"col\">"
            + p.t("console.col.id") + "</th><th scope=\"col\">" + p.t("console.col.title") + "</th><th scope=\"col\">" + p.t("console.col.validity")
            + "</th><th scope=\"col\">" + p.t("console.col.next") + "</th><th scope=\"col\">" + p.t("console.col.actions") + "</th></tr></thead><tbody>");
        for (ScenarioFolder.Entry e : server.entries()) {
            String id = e.id();
            boolean scheduled = e.valid() != null && server.scheduler().has(id);
            boolean paused = scheduled && server.scheduler().paused(id);
            t.append("<tr data-scenario=\"").append(Page.esc(id)).append("\"><th scope=\"row\">").append(Page.esc(id)).append("</th><td>")
                .append(Page.esc(e.valid() == null ? "" : e.valid().title())).append("</td><td>");
            if (e.problems().isEmpty()) {
                t.append(p.t("console.valid"));
            } else {
                t.append("<span class=\"bad\">").append(p.t(e.valid() == null ? "console.invalid" : "console.invalid-last-valid")).append("</span><ul class=\"problems\">");
                e.problems().forEach(x -> t.append("<li><code>").append(Page.esc(x.format(p.m))).append("</code></li>"));
                t.append("</ul>");
            }
            t.append("</td><td>");
            if (paused) {
                t.append(p.t("console.paused"));
            } else if (e.valid() != null && e.valid().trigger() != null && e.valid().trigger().onArrival()) {
                t.append(p.t("console.on-arrival"));
            } else if (e.valid() != null && e.valid().trigger() != null && scheduled) {
                t.append("<ul class=\"times\">");
                server.scheduler().next(e.valid(), 3).forEach(z -> t.append("<li><time datetime=\"").append(z.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .append("\">").append(Page.esc(z.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm XXX")))).append("</time></li>"));
                t.append("</ul>");
            } else {
                t.append(p.t("console.on-demand"));
            }
            t.append("</td><td>");
            if (p.may(Permission.OPERATE) && scheduled) {
                t.append(p.button("/scenarios/" + id + "/trigger", p.m.format("console.trigger"), "primary"));
                if (e.valid().trigger() != null) {
                    t.append(paused ? p.button("/scenarios/" + id + "/resume", p.m.format("console.resume"), "")
                        : p.button("/scenarios/" + id + "/pause", p.m.format("console.pause"), ""));
                }
            }
            t.append(" <a href=\"/runs?scenario=").append(Page.url(id)).append("\">").append(p.t("console.its-runs")).append("</a></td></tr>");
        }
        t.append("</tbody></table>");
        p.add(t.toString());
        p.send(p.m.format("console.scenarios"));
    }

    private void operate(Context ctx, String action) throws SchedulerException {
        String id = ctx.pathParam("id");
        Principal who = Http.principal(ctx);
        switch (action) {
            case "trigger" -> {
                String run = server.operations().trigger(who, id);
                ctx.redirect("/runs/" + run);
                return;
            }
            case "pause" -> server.operations().pause(who, id);
            default -> server.operations().resume(who, id);
        }
        ctx.redirect("/scenarios");
    }

    // ---- runs ----

    private void runs(Context ctx) {
        Page p = new Page(ctx);
        String scenario = blankToNull(ctx.queryParam("scenario"));
        RunStatus status = statusOf(ctx.queryParam("status"));
        int page = number(ctx.queryParam("page"));
        int total = server.runs().count(scenario, status);
        List<RunRecord> runs = server.runs().page(scenario, status, PAGE_SIZE, (page - 1) * PAGE_SIZE);
        StringBuilder f = new StringBuilder("<form method=\"get\" action=\"/runs\" class=\"filters\"><p><label for=\"f-scenario\">" + p.t("console.col.scenario")
            + "</label><select id=\"f-scenario\" name=\"scenario\"><option value=\"\">" + p.t("console.any") + "</option>");
        for (ScenarioFolder.Entry e : server.entries()) {
            f.append("<option").append(e.id().equals(scenario) ? " selected" : "").append(">").append(Page.esc(e.id())).append("</option>");
        }
        f.append("</select></p><p><label for=\"f-status\">").append(p.t("console.col.status")).append("</label><select id=\"f-status\" name=\"status\"><option value=\"\">")
            .append(p.t("console.any")).append("</option>");
        for (RunStatus s : RunStatus.values()) {
            f.append("<option value=\"").append(s.text()).append("\"").append(s == status ? " selected" : "").append(">").append(p.t("runs.status." + s.text()))
                .append("</option>");
        }
        f.append("</select></p><p><button type=\"submit\">").append(p.t("console.filter")).append("</button></p></form>");
        p.add(f.toString());
        StringBuilder t = new StringBuilder("<table data-live=\"runs\"><caption>" + p.t("console.runs-caption", total) + "</caption><thead><tr>");
        for (String k : List.of("console.col.run", "console.col.scenario", "console.col.status", "console.col.started", "console.col.items", "console.col.by",
            "console.col.live")) {
            t.append("<th scope=\"col\">").append(p.t(k)).append("</th>");
        }
        t.append("</tr></thead><tbody>");
        for (RunRecord r : runs) {
            t.append("<tr data-run=\"").append(Page.esc(r.id())).append(going(r) ? "\" data-going" : "\"")
                .append("><td><a href=\"/runs/").append(Page.esc(r.id())).append("\">").append(Page.esc(r.id()))
                .append("</a></td><td>").append(Page.esc(r.scenario())).append("</td><td class=\"status s-").append(r.status().text()).append("\">")
                .append(p.t("runs.status." + r.status().text())).append("</td><td>").append(p.time(r.started())).append("</td><td>")
                .append(r.itemsOk()).append(" / ").append(r.itemsFailed()).append(" / ").append(r.itemsInvalid()).append(" / ").append(r.itemsSkipped())
                .append("</td><td>").append(Page.esc(r.startedBy())).append("</td><td class=\"live\">").append(Page.esc(liveText(r.id())))
                .append("</td></tr>");
        }
        t.append("</tbody></table>");
        p.add(t.toString());
        int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        StringBuilder nav = new StringBuilder("<nav aria-label=\"" + p.t("console.pages") + "\" class=\"pager\"><p>" + p.t("console.page-of", page, pages) + "</p>");
        String base = "/runs?" + (scenario == null ? "" : "scenario=" + Page.url(scenario) + "&amp;") + (status == null ? "" : "status=" + status.text() + "&amp;");
        if (page > 1) {
            nav.append("<a href=\"").append(base).append("page=").append(page - 1).append("\" rel=\"prev\">").append(p.t("console.newer")).append("</a> ");
        }
        if (page < pages) {
            nav.append("<a href=\"").append(base).append("page=").append(page + 1).append("\" rel=\"next\">").append(p.t("console.older")).append("</a>");
        }
        p.add(nav.append("</nav>").toString());
        p.send(p.m.format("console.runs"));
    }

    /** A run still queued or running: the live feed tells the page if it ended before the feed connected. */
    private static boolean going(RunRecord r) {
        return r.status() == RunStatus.RUNNING || r.status() == RunStatus.QUEUED;
    }

    String liveText(String runId) {
        return server.queue().byRunId(runId).map(LiveFeed::describe).orElse("");
    }

    private void run(Context ctx) {
        String id = ctx.pathParam("id");
        RunRecord r = server.runs().get(id).orElseThrow(() -> new HttpError(404, "server.no-run", id));
        String elsewhere = null;
        Optional<String> holder = server.peers().holder(ctx, r.host());
        if (holder.isPresent()) {
            try {
                server.peers().forward(holder.get(), ctx).sendTo(ctx);
                return;
            } catch (HttpError e) {
                elsewhere = Http.messages(ctx).format(e.key(), e.args());
            }
        }
        Path folder = localFolder(r);
        Page p = new Page(ctx);
        StringBuilder d = new StringBuilder("<dl class=\"run\" data-live=\"run\" data-run=\"" + Page.esc(id) + (going(r) ? "\" data-going>" : "\">"));
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("console.col.scenario", Page.esc(r.scenario()));
        lines.put("console.col.status", "<span class=\"status s-" + r.status().text() + "\">" + p.t("runs.status." + r.status().text()) + "</span>");
        lines.put("console.col.live", "<span class=\"live\">" + Page.esc(liveText(id)) + "</span>");
        lines.put("console.col.started", p.time(r.started()));
        lines.put("console.col.ended", p.time(r.ended()));
        lines.put("console.col.items", p.t("runs.show.items-counts", r.itemsOk(), r.itemsFailed(), r.itemsInvalid(), r.itemsSkipped()));
        lines.put("console.col.by", Page.esc(r.startedBy() + " (" + r.trigger() + ")" + (r.host() == null ? "" : " @ " + r.host())));
        lines.put("console.col.file", Page.esc(r.scenarioFile()) + (r.fileSha256() == null ? "" : " <small>SHA-256 " + Page.esc(r.fileSha256()) + "</small>"));
        if (r.error() != null) {
            lines.put("console.col.error", Page.esc(r.error()));
        }
        lines.forEach((k, v) -> d.append("<dt>").append(p.t(k)).append("</dt><dd>").append(v).append("</dd>"));
        d.append("</dl>");
        p.add(d.toString());
        if (p.may(Permission.OPERATE) && server.queue().byRunId(id).isPresent()) {
            p.add(p.button("/runs/" + id + "/stop", p.m.format("console.stop"), "danger"));
        }
        if (p.may(Permission.EVIDENCE) && folder == null) {
            p.add("<p>" + Page.esc(elsewhere != null ? elsewhere : p.m.format("console.not-here", id, r.host() == null ? "?" : r.host()))
                + "</p>");
        }
        if (p.may(Permission.EVIDENCE) && folder != null) {
            p.add("<h2>" + p.t("console.trail") + "</h2><p class=\"trail\">" + Page.esc(trail(p.m, id, folder)) + "</p>");
            p.add("<h2>" + p.t("console.evidence") + "</h2><ul class=\"files\">");
            for (String f : files(folder)) {
                p.add("<li><a href=\"/runs/" + Page.esc(id) + "/files/" + Page.esc(f) + "\" download>" + Page.esc(f) + "</a></li>");
            }
            p.add("</ul>");
            if (Files.exists(folder.resolve("report.html"))) {
                p.add("<h2>" + p.t("console.report") + "</h2><p><a href=\"/runs/" + Page.esc(id) + "/report\">" + p.t("console.report-open") + "</a></p>"
                    + "<iframe class=\"report\" src=\"/runs/" + Page.esc(id) + "/report\" title=\"" + p.t("console.report-of", id) + "\"></iframe>");
            }
        }
        p.send(p.m.format("console.run", id));
    }

    private String trail(Messages m, String id, Path folder) {
        TrailVerifier.Result v = TrailVerifier.verify(folder.resolve("audit.jsonl"));
        if (!v.intact()) {
            return m.format("runs.show.trail-bad", m.format(v.key(), v.args().toArray()));
        }
        Optional<String> chained = RunChain.sealOf(server.settings().home(), id);
        if (chained.isEmpty()) {
            return m.format("runs.show.trail-unchained", v.records());
        }
        return chained.get().equals(v.sealHash()) ? m.format("runs.show.trail-ok", v.records())
            : m.format("runs.show.trail-bad", m.format("audit.seal-mismatch", id));
    }

    /** The run folder's files a person may download: the trail, results and review files, evidence. */
    static List<String> files(Path folder) {
        try (Stream<Path> all = Files.walk(folder, 3)) {
            return all.filter(Files::isRegularFile).map(f -> folder.relativize(f).toString().replace('\\', '/'))
                .filter(f -> !f.equals("report.html") && !f.equals("fire.json")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private void stop(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<Peers.Answer> there = server.operations().stopElsewhere(ctx, id);
        if (there.isPresent()) {
            there.get().sendTo(ctx);
            return;
        }
        server.operations().stop(Http.principal(ctx), id);
        ctx.redirect("/runs/" + id);
    }

    /** The report, framed by the run's page: its own inline style and script run sandboxed, nothing else. */
    private void report(Context ctx) throws IOException {
        if (forwarded(ctx)) {
            return;
        }
        Path file = folderOf(ctx.pathParam("id")).resolve("report.html");
        if (!Files.isRegularFile(file)) {
            throw new HttpError(404, "server.no-run", ctx.pathParam("id"));
        }
        ctx.header("X-Frame-Options", "SAMEORIGIN");
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data: 'self'; "
            + "frame-ancestors 'self'; sandbox allow-scripts allow-popups");
        ctx.contentType("text/html; charset=utf-8").result(Files.readAllBytes(file));
    }

    private void file(Context ctx) throws IOException {
        if (forwarded(ctx)) {
            return;
        }
        String id = ctx.pathParam("id");
        Path folder = folderOf(id);
        String name = ctx.pathParam("file");
        if (!files(folder).contains(name)) {
            throw new HttpError(404, "console.no-file", name);
        }
        Path file = folder.resolve(name);
        ctx.header("Content-Disposition", "attachment; filename=\"" + file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        ctx.contentType(name.endsWith(".png") ? "image/png" : name.endsWith(".csv") ? "text/csv; charset=utf-8"
            : name.endsWith(".jsonl") || name.endsWith(".json") ? "application/json; charset=utf-8" : "application/octet-stream");
        ctx.result(Files.readAllBytes(file));
    }

    /**
     * A run's folder as this node sees it: where the runs table says (the same path on a shared
     * volume in a cluster), else under this node's home; null when neither holds it.
     */
    private Path localFolder(RunRecord r) {
        Path folder = r.folderPath();
        if (folder != null && Files.isDirectory(folder)) {
            return folder;
        }
        Path local = server.settings().home().resolve("runs").resolve(r.id());
        return Files.isDirectory(local) ? local : null;
    }

    private Path folderOf(String id) {
        RunRecord r = server.runs().get(id).orElseThrow(() -> new HttpError(404, "server.no-run", id));
        Path folder = localFolder(r);
        if (folder == null) {
            throw new HttpError(404, "console.not-here", id, r.host() == null ? "?" : r.host());
        }
        return folder;
    }

    /**
     * A report or file of a run another node ran: that node's answer, sent on. False when this node
     * must answer: its own run, a forwarded request, or the other node silent while the folder is
     * here too (a shared volume).
     */
    private boolean forwarded(Context ctx) {
        String id = ctx.pathParam("id");
        RunRecord r = server.runs().get(id).orElseThrow(() -> new HttpError(404, "server.no-run", id));
        Optional<String> holder = server.peers().holder(ctx, r.host());
        if (holder.isEmpty()) {
            return false;
        }
        try {
            server.peers().forward(holder.get(), ctx).sendTo(ctx);
            return true;
        } catch (HttpError e) {
            if (localFolder(r) != null) {
                return false;
            }
            throw e;
        }
    }

    // ---- review queue ----

    private void review(Context ctx) {
        Page p = new Page(ctx);
        List<Rows.Row> rows = server.rows().queue(blankToNull(ctx.queryParam("scenario")), 500);
        if (rows.isEmpty()) {
            p.add("<p>" + p.t("console.review-empty") + "</p>");
        } else {
            StringBuilder t = new StringBuilder("<table><caption>" + p.t("console.review-caption", rows.size()) + "</caption><thead><tr>");
            for (String k : List.of("console.col.scenario", "rows.col.key", "rows.col.status", "rows.col.row", "rows.col.run", "rows.col.message",
                "console.col.decision")) {
                t.append("<th scope=\"col\">").append(p.t(k)).append("</th>");
            }
            t.append("</tr></thead><tbody>");
            int i = 0;
            for (Rows.Row r : rows) {
                i++;
                t.append("<tr><td>").append(Page.esc(r.scenario())).append("</td><th scope=\"row\">").append(Page.esc(r.shownKey())).append("</th><td>")
                    .append(p.t("rows.status." + r.status().text())).append("</td><td>").append(r.row()).append("</td><td><a href=\"/runs/")
                    .append(Page.esc(r.runId())).append("\">").append(Page.esc(r.runId())).append("</a></td><td>").append(Page.esc(r.message()))
                    .append("</td><td>");
                if (p.may(Permission.RESOLVE)) {
                    String hidden = p.csrf() + "<input type=\"hidden\" name=\"scenario\" value=\"" + Page.esc(r.scenario()) + "\">"
                        + "<input type=\"hidden\" name=\"ref\" value=\"" + Page.esc(r.ref()) + "\">";
                    t.append("<form method=\"post\" action=\"/review/resolve\" class=\"decide\">").append(hidden)
                        .append("<label for=\"c").append(i).append("\">").append(p.t("console.comment")).append("</label><input id=\"c").append(i)
                        .append("\" name=\"comment\" required> <button type=\"submit\">").append(p.t("console.entered-by-hand")).append("</button></form>")
                        .append("<form method=\"post\" action=\"/review/reset\" class=\"decide\">").append(hidden)
                        .append("<button type=\"submit\">").append(p.t("console.enter-again")).append("</button></form>");
                }
                t.append("</td></tr>");
            }
            p.add(t.append("</tbody></table>").toString());
        }
        List<Rows.Decision> decisions = server.rows().decisions(null, null, 20);
        if (!decisions.isEmpty()) {
            StringBuilder t = new StringBuilder("<h2>" + p.t("console.decisions") + "</h2><table><thead><tr>");
            for (String k : List.of("console.col.when", "console.col.scenario", "rows.col.key", "console.col.decision", "console.col.by", "console.comment")) {
                t.append("<th scope=\"col\">").append(p.t(k)).append("</th>");
            }
            t.append("</tr></thead><tbody>");
            for (Rows.Decision d : decisions) {
                t.append("<tr><td>").append(p.time(d.at())).append("</td><td>").append(Page.esc(d.scenario())).append("</td><td>")
                    .append(Page.esc(new Rows.Row(d.scenario(), d.key(), d.previous(), d.runId(), d.row(), null, null).shownKey())).append("</td><td>")
                    .append(p.t("console.decision." + d.decision())).append("</td><td>").append(Page.esc(d.by())).append("</td><td>")
                    .append(Page.esc(d.comment())).append("</td></tr>");
            }
            p.add(t.append("</tbody></table>").toString());
        }
        p.send(p.m.format("console.review"));
    }

    private void decide(Context ctx, boolean resolve) {
        String scenario = ctx.formParam("scenario");
        String ref = ctx.formParam("ref");
        if (scenario == null || ref == null) {
            throw new HttpError(400, "console.bad-form");
        }
        Principal who = Http.principal(ctx);
        if (resolve) {
            server.rows().resolve(who, scenario, ref, ctx.formParam("comment"));
        } else {
            server.rows().reset(who, scenario, ref, ctx.formParam("comment"));
        }
        ctx.redirect("/review");
    }

    // ---- savings ----

    private void savings(Context ctx) {
        Page p = new Page(ctx);
        List<Savings.Line> lines = Savings.of(server.runs().startedBetween(null, null), ZoneId.systemDefault());
        Map<YearMonth, Long> byMonth = new java.util.TreeMap<>();
        for (Savings.Line l : lines) {
            byMonth.merge(l.month(), l.minutesSaved(), Long::sum);
        }
        if (byMonth.isEmpty()) {
            p.add("<p>" + p.t("console.savings-none") + "</p>");
        } else {
            p.add(Chart.bars(byMonth, p.m.format("console.savings-chart"), p.m.format("console.minutes")));
            StringBuilder t = new StringBuilder("<table><caption>" + p.t("console.savings-caption") + "</caption><thead><tr>");
            for (String k : List.of("console.col.month", "console.col.scenario", "console.col.runs", "console.col.items", "console.col.saved")) {
                t.append("<th scope=\"col\">").append(p.t(k)).append("</th>");
            }
            t.append("</tr></thead><tbody>");
            for (Savings.Line l : lines) {
                t.append("<tr><td>").append(l.month()).append("</td><td>").append(Page.esc(l.scenario())).append("</td><td>").append(l.runs())
                    .append("</td><td>").append(l.items()).append("</td><td>").append(p.t("console.hours", String.format("%.1f", l.minutesSaved() / 60.0)))
                    .append("</td></tr>");
            }
            p.add(t.append("</tbody></table>").toString());
        }
        p.send(p.m.format("console.savings"));
    }

    // ---- operations trail ----

    private void operations(Context ctx) {
        Page p = new Page(ctx);
        Path home = server.settings().home();
        List<org.karakuri.audit.RunChain.Finding> findings = new java.util.ArrayList<>();
        long records = OperationsTrail.verify(home, org.karakuri.audit.ChainSigner.forVerifying(home, server.settings().env()), findings).records();
        p.add("<p class=\"trail\">" + (findings.isEmpty() ? p.t("console.operations-intact", records)
            : p.t("console.operations-bad", findings.get(0).where() + ": " + p.m.format(findings.get(0).key(), findings.get(0).args().toArray()))) + "</p>");
        StringBuilder t = new StringBuilder("<table><caption>" + p.t("console.operations-caption") + "</caption><thead><tr>");
        for (String k : List.of("console.col.when", "console.col.by", "console.col.action", "console.col.target", "console.col.details", "console.col.node")) {
            t.append("<th scope=\"col\">").append(p.t(k)).append("</th>");
        }
        t.append("</tr></thead><tbody>");
        for (OperationsTrail.Operation o : server.trail().latest(200, x -> true)) {
            String target = o.target() == null ? "" : o.target().contains("/sha256:") ? o.target().substring(0, o.target().indexOf("/sha256:")) + "/********"
                : o.target();
            t.append("<tr><td>").append(p.time(o.time())).append("</td><td>").append(Page.esc(o.by())).append(" <small>(").append(Page.esc(o.via()))
                .append(")</small></td><td>").append(Page.esc(p.m.has("console.action." + o.action()) ? p.m.format("console.action." + o.action()) : o.action()))
                .append("</td><td>").append(Page.esc(target)).append("</td><td>");
            o.details().forEach((k, v) -> t.append(Page.esc(k)).append(": ").append(Page.esc(v)).append("<br>"));
            t.append("</td><td>").append(Page.esc(o.node())).append("</td></tr>");
        }
        p.add(t.append("</tbody></table>").toString());
        p.send(p.m.format("console.operations"));
    }

    // ---- users ----

    private void users(Context ctx, String problem) {
        Page p = new Page(ctx);
        if (problem != null) {
            p.add("<p class=\"error\" role=\"alert\">" + Page.esc(problem) + "</p>");
        }
        StringBuilder t = new StringBuilder("<table><caption>" + p.t("console.users-caption") + "</caption><thead><tr>");
        for (String k : List.of("users.col.name", "users.col.role", "users.col.source", "users.col.tokens", "console.col.actions")) {
            t.append("<th scope=\"col\">").append(p.t(k)).append("</th>");
        }
        t.append("</tr></thead><tbody>");
        for (User u : server.users().list()) {
            long tokens = server.users().tokens(u.name()).stream().filter(Users.TokenInfo::active).count();
            t.append("<tr><th scope=\"row\">").append(Page.esc(u.name())).append("</th><td>").append(p.t("console.role." + u.role().text())).append("</td><td>")
                .append(Page.esc(u.source())).append("</td><td>").append(tokens).append("</td><td>");
            if (tokens > 0) {
                t.append(p.button("/users/" + Page.url(u.name()) + "/revoke", p.m.format("console.revoke-tokens"), ""));
            }
            if (!u.name().equals(p.who.name())) {
                t.append(p.button("/users/" + Page.url(u.name()) + "/remove", p.m.format("console.remove-user"), "danger"));
            }
            t.append("</td></tr>");
        }
        p.add(t.append("</tbody></table>").toString());
        StringBuilder f = new StringBuilder("<h2>" + p.t("console.add-user") + "</h2><form method=\"post\" action=\"/users\">" + p.csrf()
            + "<p><label for=\"u-name\">" + p.t("console.user-name") + "</label><input id=\"u-name\" name=\"name\" required></p>"
            + "<p><label for=\"u-role\">" + p.t("users.col.role") + "</label><select id=\"u-role\" name=\"role\">");
        for (Role r : Role.values()) {
            f.append("<option value=\"").append(r.text()).append("\">").append(p.t("console.role." + r.text())).append("</option>");
        }
        f.append("</select></p><p><label for=\"u-password\">").append(p.t("console.password")).append("</label><input id=\"u-password\" name=\"password\" ")
            .append("type=\"password\" minlength=\"").append(Users.MIN_PASSWORD).append("\" autocomplete=\"new-password\" required aria-describedby=\"u-hint\">")
            .append(" <span id=\"u-hint\">").append(p.t("console.password-hint", Users.MIN_PASSWORD)).append("</span></p><p><button type=\"submit\">")
            .append(p.t("console.add-user")).append("</button></p></form>");
        p.add(f.toString());
        p.send(p.m.format("console.users"), problem == null ? 200 : 400);
    }

    private void addUser(Context ctx) {
        Principal who = Http.principal(ctx);
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
        Role role = Role.parse(ctx.formParam("role")).orElseThrow(() -> new HttpError(400, "users.bad-role", ctx.formParam("role"), Role.choices()));
        try {
            server.users().add(name, role, Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray());
        } catch (org.karakuri.i18n.KarakuriException e) {
            users(ctx, e.message(Http.messages(ctx).locale()));
            return;
        }
        server.operations().record(who, "user-add", name, Map.of("role", role.text()));
        ctx.redirect("/users");
    }

    private void removeUser(Context ctx) {
        String name = ctx.pathParam("name");
        if (name.equals(Http.principal(ctx).name())) {
            throw new HttpError(400, "console.not-yourself");
        }
        server.users().remove(name);
        server.operations().record(Http.principal(ctx), "user-remove", name, Map.of());
        ctx.redirect("/users");
    }

    private void revokeTokens(Context ctx) {
        String name = ctx.pathParam("name");
        int n = server.users().revoke(name, null);
        server.operations().record(Http.principal(ctx), "token-revoke", name, Map.of("token", "*", "count", String.valueOf(n)));
        ctx.redirect("/users");
    }

    // ---- helpers ----

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static RunStatus statusOf(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        for (RunStatus x : RunStatus.values()) {
            if (x.text().equals(s)) {
                return x;
            }
        }
        throw new HttpError(400, "server.bad-status", s, String.join(", ", java.util.Arrays.stream(RunStatus.values()).map(RunStatus::text).toList()));
    }

    private static int number(String s) {
        if (s == null || s.isBlank()) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            throw new HttpError(400, "server.bad-number-parameter", "page", s, 1, "∞");
        }
    }
}
