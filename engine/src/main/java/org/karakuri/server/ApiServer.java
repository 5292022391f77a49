package org.karakuri.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.ledger.RunRecord;
import org.karakuri.schedule.RunQueue;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's HTTP API (JSON), described by {@code GET /api/openapi.json}. Bound to loopback by
 * default; with {@code KARAKURI_API_TOKEN} set every call but the OpenAPI document needs
 * {@code Authorization: Bearer <token>}, and binding anywhere but loopback needs the token.
 */
final class ApiServer {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "KARAKURI_API_TOKEN";

    private static final Pattern SCENARIO_ACTION = Pattern.compile("/api/scenarios/([a-z0-9][a-z0-9-]*)/(trigger|pause|resume)");
    private static final Pattern SCENARIO = Pattern.compile("/api/scenarios/([a-z0-9][a-z0-9-]*)");
    private static final Pattern RUN_STOP = Pattern.compile("/api/runs/([A-Za-z0-9._-]+)/stop");
    private static final Pattern RUN = Pattern.compile("/api/runs/([A-Za-z0-9._-]+)");

    private final Server server;
    private final HttpServer http;
    private final String token;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "karakuri-api");
        t.setDaemon(true);
        return t;
    });

    ApiServer(Server server, String bind, int port, String token) throws IOException {
        this.server = server;
        this.token = token == null || token.isBlank() ? null : token.strip();
        try {
            this.http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), 50);
        } catch (java.net.BindException e) {
            throw new KarakuriException("server.port-in-use", bind + ":" + port);
        }
        http.setExecutor(threads);
        http.createContext("/api", this::handle);
    }

    /** A non-loopback address without a token would open the robot to the network: refused. */
    static void checkBinding(String bind, Map<String, String> env) throws IOException {
        String t = env.get(TOKEN);
        if (!InetAddress.getByName(bind).isLoopbackAddress() && (t == null || t.isBlank())) {
            throw new KarakuriException("server.token-required", bind);
        }
    }

    void start() {
        http.start();
    }

    void stop() {
        http.stop(0);
        threads.shutdownNow();
    }

    int port() {
        return http.getAddress().getPort();
    }

    String url() {
        String host = http.getAddress().getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            if (path.equals("/api/openapi.json") && method.equals("GET")) {
                send(ex, 200, openApi());
                return;
            }
            if (token != null && !authorized(ex)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                error(ex, 401, Messages.get().format("server.unauthorized"));
                return;
            }
            route(ex, method, path);
        } catch (KarakuriException e) {
            error(ex, 400, e.getMessage());
        } catch (RuntimeException | SchedulerException e) {
            log.error("API {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
            error(ex, 500, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private boolean authorized(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(h.substring(7).strip().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private void route(HttpExchange ex, String method, String path) throws IOException, SchedulerException {
        Matcher m;
        if (path.equals("/api/health") && method.equals("GET")) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("status", server.queue().closing() ? "stopping" : "ok");
            h.put("node", server.settings().node());
            h.put("clustered", server.scheduler().isClustered());
            send(ex, 200, h);
        } else if (path.equals("/api/scenarios") && method.equals("GET")) {
            List<Object> all = new ArrayList<>();
            for (ScenarioFolder.Entry e : server.entries()) {
                all.add(scenario(e));
            }
            send(ex, 200, all);
        } else if ((m = SCENARIO_ACTION.matcher(path)).matches() && method.equals("POST")) {
            scenarioAction(ex, m.group(1), m.group(2));
        } else if ((m = SCENARIO.matcher(path)).matches() && method.equals("GET")) {
            String id = m.group(1);
            Optional<ScenarioFolder.Entry> e = server.entries().stream().filter(x -> x.id().equals(id)).findFirst();
            if (e.isEmpty()) {
                error(ex, 404, Messages.get().format("server.no-scenario", id));
            } else {
                send(ex, 200, scenario(e.get()));
            }
        } else if (path.equals("/api/queue") && method.equals("GET")) {
            send(ex, 200, server.queue().entries().stream().map(RunQueue.Entry::toMap).toList());
        } else if (path.equals("/api/runs") && method.equals("GET")) {
            Map<String, String> q = query(ex);
            int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
            List<Object> out = new ArrayList<>();
            for (RunQueue.Entry e : server.queue().entries()) {
                if (e.runId() == null && (q.get("scenario") == null || q.get("scenario").equals(e.scenarioId()))) {
                    out.add(e.toMap()); // queued: no run id yet
                }
            }
            for (RunRecord r : server.runs().latest(q.get("scenario"), limit)) {
                out.add(withLive(run(r)));
            }
            send(ex, 200, out);
        } else if ((m = RUN_STOP.matcher(path)).matches() && method.equals("POST")) {
            String id = m.group(1);
            if (server.queue().stop(id, "stopped through the API")) {
                send(ex, 202, Map.of("run", id, "status", "stopping"));
            } else if (server.runs().get(id).isPresent()) {
                error(ex, 409, Messages.get().format("server.run-not-running-here", id));
            } else {
                error(ex, 404, Messages.get().format("server.no-run", id));
            }
        } else if ((m = RUN.matcher(path)).matches() && method.equals("GET")) {
            Optional<RunRecord> r = server.runs().get(m.group(1));
            if (r.isEmpty()) {
                error(ex, 404, Messages.get().format("server.no-run", m.group(1)));
            } else {
                send(ex, 200, withLive(run(r.get())));
            }
        } else {
            error(ex, 404, Messages.get().format("server.no-such-call", method, path));
        }
    }

    private void scenarioAction(HttpExchange ex, String id, String action) throws IOException, SchedulerException {
        if (server.folder().byId(id).isEmpty() || !server.scheduler().has(id)) {
            error(ex, 404, Messages.get().format("server.no-scenario", id));
            return;
        }
        switch (action) {
            case "trigger" -> {
                server.scheduler().triggerNow(id, "api", "api@" + server.settings().node());
                send(ex, 202, Map.of("scenario", id, "status", "triggered"));
            }
            case "pause" -> {
                server.scheduler().pause(id);
                send(ex, 200, Map.of("scenario", id, "paused", true));
            }
            default -> {
                server.scheduler().resume(id);
                send(ex, 200, Map.of("scenario", id, "paused", false));
            }
        }
    }

    /** A line of the runs table as the API shows it, with the fire that started it ({@code fire.json}) when there was one. */
    static Map<String, Object> run(RunRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("scenario", r.scenario());
        m.put("status", r.status().text());
        m.put("trigger", r.trigger());
        m.put("by", r.startedBy());
        m.put("host", r.host());
        m.put("startedAt", r.started().toString());
        m.put("endedAt", r.ended() == null ? null : r.ended().toString());
        m.put("items-ok", r.itemsOk());
        m.put("items-failed", r.itemsFailed());
        m.put("items-invalid", r.itemsInvalid());
        m.put("items-skipped", r.itemsSkipped());
        m.put("manualMinutes", r.manualMinutes());
        m.put("minutesSaved", r.minutesSaved());
        m.put("error", r.error());
        m.put("file", r.scenarioFile());
        m.put("sha256", r.fileSha256());
        Path folder = r.folderPath();
        m.put("scheduledAt", null);
        if (folder != null && Files.isRegularFile(folder.resolve(RunQueue.FIRE))) {
            try {
                m.put("scheduledAt", JSON.readTree(folder.resolve(RunQueue.FIRE).toFile()).path("scheduledAt").asText(null));
            } catch (IOException e) {
                log.debug("cannot read {}: {}", folder.resolve(RunQueue.FIRE), e.getMessage());
            }
        }
        m.put("report", folder != null && Files.exists(folder.resolve("report.html")) ? folder.resolve("report.html").toString() : null);
        return m;
    }

    private Map<String, Object> withLive(Map<String, Object> run) {
        Map<String, Object> m = new LinkedHashMap<>(run);
        server.queue().byRunId(String.valueOf(run.get("id"))).ifPresent(e -> m.put("live", e.toMap().get("live")));
        return m;
    }

    private Map<String, Object> scenario(ScenarioFolder.Entry e) throws SchedulerException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("file", e.display());
        m.put("status", e.problems().isEmpty() ? "valid" : "invalid");
        m.put("scheduledVersion", e.valid() == null ? "none" : e.problems().isEmpty() ? "current" : "last-valid");
        m.put("problems", e.problems().stream().map(p -> p.format(Messages.get())).toList());
        m.put("title", e.valid() == null ? null : e.valid().title());
        var t = e.valid() == null ? null : e.valid().trigger();
        if (t != null) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("cron", t.cron().expression());
            tm.put("calendar", t.calendar() == null ? null : "jp-business-days");
            tm.put("misfire", t.misfire().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            tm.put("timeZone", t.timeZone().getId());
            m.put("trigger", tm);
        } else {
            m.put("trigger", null);
        }
        boolean scheduled = e.valid() != null && server.scheduler().has(e.valid().id());
        m.put("paused", scheduled && server.scheduler().paused(e.valid().id()));
        m.put("nextFireTimes", e.valid() == null || !scheduled ? List.of()
            : server.scheduler().next(e.valid(), 5).stream().map(z -> z.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).toList());
        return m;
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static Object openApi() throws IOException {
        try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
            return JSON.readTree(in);
        }
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        send(ex, status, Map.of("error", message));
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
