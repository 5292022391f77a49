package org.karakuri.demo;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request handlers of the demo system, one method per screen action. Every screen but the
 * login one needs a live session; without one it answers the session error page with status
 * 200, as the old systems do.
 */
final class Screens {

    /** A handler that runs only inside a live session. */
    @FunctionalInterface
    private interface InSession {
        void handle(Context ctx, Sessions.Session session) throws Exception;
    }

    private static final DateTimeFormatter FILE_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter SHOWN_DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final LegacySystem.Options options;
    private final Clock clock;
    private final Sessions sessions;
    private final Registry registry;
    private final Uploads uploads;

    Screens(LegacySystem.Options options, Clock clock, Sessions sessions, Registry registry, Uploads uploads) {
        this.options = options;
        this.clock = clock;
        this.sessions = sessions;
        this.registry = registry;
        this.uploads = uploads;
    }

    void routes(Javalin app) {
        app.get("/", ctx -> ctx.redirect("/login"));
        app.get("/login", ctx -> Html.send(ctx, Pages.login("", null)));
        app.post("/login", this::login);
        app.get("/logout", this::logout);
        app.get("/main", inSession((ctx, s) -> Html.send(ctx, Pages.frameset())));
        app.get("/menu", inSession((ctx, s) -> Html.send(ctx, Pages.menu(s.user()))));
        app.get("/home", inSession((ctx, s) -> Html.send(ctx, Pages.home(s.user()))));
        app.get("/resident/new", inSession((ctx, s) -> Html.send(ctx, ResidentPages.form(ResidentForm.empty(), List.of()))));
        app.post("/resident/new", inSession(this::register));
        app.get("/resident/search", inSession(this::searchPage));
        app.post("/resident/search", inSession(this::search));
        app.get("/resident/print", inSession(this::print));
        app.get("/download", inSession(this::downloadPage));
        app.get("/download/csv", inSession(this::downloadCsv));
        app.get("/upload", inSession((ctx, s) -> Html.send(ctx, Pages.upload(List.of(), null))));
        app.post("/upload", inSession(this::upload));
        app.error(HttpStatus.NOT_FOUND, ctx -> Html.send(ctx, HttpStatus.NOT_FOUND, Pages.notFound(ctx.path())));
    }

    private Handler inSession(InSession handler) {
        return ctx -> {
            Optional<Sessions.Session> session = sessions.touch(ctx.cookie(Sessions.COOKIE));
            if (session.isPresent()) {
                handler.handle(ctx, session.get());
            } else {
                Html.send(ctx, Pages.sessionExpired());
            }
        };
    }

    private void login(Context ctx) {
        Map<String, String> params = params(ctx);
        String uid = params.getOrDefault("uid", "");
        if (uid.equals(options.user()) && params.getOrDefault("pwd", "").equals(options.password())) {
            sessions.invalidate(ctx.cookie(Sessions.COOKIE));
            Sessions.Session session = sessions.create(uid);
            ctx.res().addHeader("Set-Cookie", Sessions.COOKIE + "=" + session.id() + "; Path=/; HttpOnly");
            ctx.redirect("/main");
        } else {
            Html.send(ctx, Pages.login(uid, Pages.LOGIN_FAILED));
        }
    }

    private void logout(Context ctx) {
        sessions.invalidate(ctx.cookie(Sessions.COOKIE));
        ctx.res().addHeader("Set-Cookie", Sessions.COOKIE + "=; Path=/; Max-Age=0; HttpOnly");
        ctx.redirect("/login");
    }

    private void register(Context ctx, Sessions.Session session) {
        ResidentForm form = ResidentForm.from(params(ctx));
        List<String> errors = form.validate(registry::contains);
        if (errors.isEmpty()) {
            if (registry.register(form.toResident())) {
                Html.send(ctx, ResidentPages.registered(form.receiptNo()));
                return;
            }
            errors = List.of(ResidentForm.duplicateMessage(form.receiptNo())); // lost a race to another clerk
        }
        Html.send(ctx, ResidentPages.form(form, errors));
    }

    /** Paging links come back here with {@code ?page=N}; the search condition is in the session. */
    private void searchPage(Context ctx, Sessions.Session session) {
        String page = params(ctx).get("page");
        String name = session.searchName();
        if (page == null || name == null) {
            Html.send(ctx, ResidentPages.search(name == null ? "" : name));
        } else {
            sendResults(ctx, name, parsePage(page));
        }
    }

    private void search(Context ctx, Sessions.Session session) {
        String name = params(ctx).getOrDefault("txtKensakuShimei", "").strip();
        session.searchName(name);
        sendResults(ctx, name, 1);
    }

    private void sendResults(Context ctx, String name, int page) {
        Page<Resident> results = Page.of(registry.searchByName(name), page, options.pageSize());
        Html.send(ctx, ResidentPages.search(name, results));
    }

    private static int parsePage(String page) {
        try {
            return Integer.parseInt(page.trim());
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }

    private void print(Context ctx, Sessions.Session session) {
        String receiptNo = params(ctx).getOrDefault("no", "");
        Html.send(ctx, registry.find(receiptNo).map(ResidentPages::print)
                .orElseGet(() -> ResidentPages.printNotFound(receiptNo)));
    }

    private void downloadPage(Context ctx, Sessions.Session session) {
        Html.send(ctx, Pages.download(LocalDate.now(clock).format(SHOWN_DAY), registry.registered().size()));
    }

    private void downloadCsv(Context ctx, Sessions.Session session) {
        byte[] csv = MovementCsv.write(registry.registered());
        Html.noCache(ctx);
        ctx.contentType(ShiftJis.CSV_CONTENT_TYPE);
        ctx.header("Content-Disposition",
                "attachment; filename=\"idou_" + LocalDate.now(clock).format(FILE_DAY) + ".csv\"");
        Html.sendBytes(ctx, csv);
    }

    private void upload(Context ctx, Sessions.Session session) {
        Optional<Multipart.Part> file = Multipart.boundary(ctx.contentType())
                .flatMap(boundary -> Multipart.parse(ctx.bodyAsBytes(), boundary).stream()
                        .filter(part -> part.name().equals("file") && part.fileName() != null)
                        .findFirst());
        String name = file.map(part -> baseName(part.fileName())).orElse("");
        if (name.isEmpty()) {
            Html.send(ctx, Pages.upload(List.of("取込ファイルを選択してください"), null));
        } else if (!name.toLowerCase().endsWith(".csv")) {
            Html.send(ctx, Pages.upload(List.of("取込ファイルはCSVファイル（.csv）を指定してください：" + name), null));
        } else if (file.get().content().length == 0) {
            Html.send(ctx, Pages.upload(List.of("取込ファイルが空です：" + name), null));
        } else {
            byte[] content = file.get().content();
            uploads.add(name, content);
            int records = MovementCsv.countDataRecords(ShiftJis.decode(content));
            Html.send(ctx, Pages.upload(List.of(), "取込が完了しました：" + name + "（" + records + " 件）"));
        }
    }

    /** Old Internet Explorer sent the whole path, {@code C:\Users\...\tennyu.csv}. */
    private static String baseName(String fileName) {
        return fileName.substring(Math.max(fileName.lastIndexOf('\\'), fileName.lastIndexOf('/')) + 1);
    }

    /**
     * Query and form parameters, decoded as Shift_JIS: the servlet container would read them
     * as UTF-8 and garble every Japanese value.
     */
    private static Map<String, String> params(Context ctx) {
        Map<String, String> params = new LinkedHashMap<>();
        String contentType = ctx.contentType();
        if (contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            params.putAll(ShiftJis.parseUrlEncoded(ctx.bodyAsBytes()));
        }
        ShiftJis.parseUrlEncoded(ctx.queryString()).forEach(params::putIfAbsent);
        return params;
    }
}
