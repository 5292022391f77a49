package org.karakuri.console;

import io.javalin.http.sse.SseClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.karakuri.ledger.RunStatus;
import org.karakuri.schedule.RunQueue;
import org.karakuri.server.Http;
import org.karakuri.server.Server;

/**
 * Live progress pushed to the console's pages by server-sent events ({@code GET /events}): every
 * change of a run of this node — queued, started, a step started or ended, an item done, ended —
 * goes at once to every open page as a {@code run} event, {@code {"id", "status", "live"}}. A
 * comment every 15 seconds keeps the connection within the idle timeout.
 *
 * <p>A page names the runs it shows as running ({@code /events?runs=ID,ID}); a run among them that
 * ended between the page's rendering and the feed's connection is told at once as ended, so no
 * page waits for an end it missed. The runs table records a run's end only once its report is
 * written, so a page reloaded on that news finds both.
 */
final class LiveFeed {
    /** At most this many runs are checked for a missed end when a page connects. */
    static final int MAX_WATCHED = 100;
    private static final java.util.regex.Pattern RUN_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,120}");

    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final Server server;

    LiveFeed(Server server) {
        this.server = server;
        server.queue().watch(this::changed);
        ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "karakuri-console-heartbeat");
            t.setDaemon(true);
            return t;
        });
        beat.scheduleAtFixedRate(() -> clients.forEach(c -> c.sendComment("alive")), 15, 15, TimeUnit.SECONDS);
    }

    void join(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendComment("connected");
        String watched = client.ctx().queryParam("runs");
        if (watched != null) {
            java.util.Arrays.stream(watched.split(",")).limit(MAX_WATCHED).filter(id -> RUN_ID.matcher(id).matches())
                .filter(id -> server.runs().get(id).map(r -> r.status() != RunStatus.RUNNING && r.status() != RunStatus.QUEUED).orElse(false))
                .forEach(id -> send(client, Map.of("id", id, "state", "ended", "live", "")));
        }
    }

    private void changed(RunQueue.Entry e) {
        if (e.runId() == null || clients.isEmpty()) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.runId());
        m.put("scenario", e.scenarioId());
        m.put("state", e.state());
        m.put("live", describe(e));
        for (SseClient c : clients) {
            if (c.terminated()) {
                clients.remove(c);
            } else {
                send(c, m);
            }
        }
    }

    private static void send(SseClient c, Map<String, Object> run) {
        try {
            c.sendEvent("run", Http.JSON.writeValueAsString(run));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            // a map of strings always serialises
        }
    }

    /** What a run is doing now, in one line: {@code step 3 (tennyu.yaml:14:5), 12 items}. */
    static String describe(RunQueue.Entry e) {
        Map<String, Object> m = e.toMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> live = (Map<String, Object>) m.get("live");
        if ("ended".equals(e.state())) {
            return "";
        }
        if ("queued".equals(e.state())) {
            return "…";
        }
        Object step = live.get("step");
        Object at = live.get("at");
        return (step == null ? "" : step + (at == null ? "" : " (" + at + ")")) + " · " + live.get("items");
    }
}
