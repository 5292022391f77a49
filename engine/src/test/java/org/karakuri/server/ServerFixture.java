package org.karakuri.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.karakuri.schedule.RunQueue;
import org.karakuri.spi.ActionRegistry;

/** A server on a temporary folder and home (embedded H2), with the gate action, and a real HTTP client for its API. */
final class ServerFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The service token the fixture's server runs with; {@link #get}/{@link #post} send it. */
    static final String SERVICE = "service-token-for-tests";

    final Path dir;
    final Path scenarios;
    final Path home;
    final Map<String, String> env = new HashMap<>();
    final AtomicInteger reloads = new AtomicInteger();
    Duration shutdownTimeout = Duration.ofSeconds(10);
    Server server;
    private final HttpClient http = HttpClient.newHttpClient();

    ServerFixture(Path dir) {
        this.dir = dir;
        this.scenarios = dir.resolve("scenarios");
        this.home = dir.resolve("home");
        env.put("KARAKURI_HOME", home.toString());
        env.put("KARAKURI_NODE", "node-test");
        env.put("KARAKURI_API_TOKEN", SERVICE);
        // the master key of the test's own, outside its KARAKURI_HOME: never the user's ~/.config/karakuri
        env.put("KARAKURI_MASTER_KEY_FILE", dir.resolve(".keys/master.key").toString());
        Gate.reset();
        try {
            Files.createDirectories(scenarios);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ServerFixture write(String name, String yaml) {
        try {
            Path tmp = scenarios.resolve("." + name + ".tmp");
            Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
            Files.move(tmp, scenarios.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The audit trail of a run the API listed (its {@code report} path), one map per record. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> trail(JsonNode run) throws IOException {
        Path folder = Path.of(run.path("report").asText()).getParent();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("audit.jsonl"))) {
            out.add(JSON.readValue(line, Map.class));
        }
        return out;
    }

    Server start() throws Exception {
        List<org.karakuri.spi.Action<?>> actions = new ArrayList<>(ActionRegistry.installed().all());
        actions.add(new Gate());
        server = Server.start(Server.Settings.from(scenarios, "127.0.0.1", 0, env).withRegistry(ActionRegistry.of(actions))
            .withShutdownTimeout(shutdownTimeout));
        server.onReload(reloads::incrementAndGet);
        return server;
    }

    /** Writes a file and waits until the server has applied the change. */
    ServerFixture edit(String name, String yaml) {
        int before = reloads.get();
        write(name, yaml);
        Eventually.until(Duration.ofSeconds(10), "the server re-reads " + name, () -> reloads.get() > before);
        return this;
    }

    record Response(int status, JsonNode body) {}

    Response call(String method, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String path) {
        return call("GET", path, SERVICE);
    }

    Response post(String path) {
        return call("POST", path, SERVICE);
    }

    /** Finished runs of a scenario, from GET /api/runs. */
    List<JsonNode> runs(String scenario, String status) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : get("/api/runs?scenario=" + scenario).body()) {
            if (status == null || status.equals(r.path("status").asText())) {
                out.add(r);
            }
        }
        return out;
    }

    JsonNode scenario(String id) {
        return get("/api/scenarios/" + id).body();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        Gate.OPEN.values().forEach(java.util.concurrent.CountDownLatch::countDown);
    }
}
