package org.karakuri.console;

import io.javalin.http.sse.SseClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.karakuri.schedule.RunQueue;
import org.karakuri.server.Http;
import org.karakuri.server.Server;

/**
 * Live progress pushed to the console's pages by server-sent events ({@code GET /events}): every
 * change of a run of this node — queued, started, a step started or ended, an item done, ended —
 * goes at once to every open page as a {@code run} event, {@code {"id", "status", "live"}}. A
 * comment every 15 seconds keeps the connection within the idle timeout.
 */
final class LiveFeed {
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();

    LiveFeed(Server server) {
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
        String json;
        try {
            json = Http.JSON.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            return;
        }
        for (SseClient c : clients) {
            if (c.terminated()) {
                clients.remove(c);
            } else {
                c.sendEvent("run", json);
            }
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
