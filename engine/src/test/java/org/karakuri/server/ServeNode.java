package org.karakuri.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A {@code karakuri serve} JVM with its own KARAKURI_HOME, on a database and a scenario folder it may share with others. */
final class ServeNode {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A run this node made, from its folder: the fire it was for, when it started and ended. */
    record Run(String node, String id, Instant scheduled, Instant start, Instant end) {}

    final Path dir;
    final String name;
    final Path home;
    final Path scenarios;
    final Map<String, String> db;
    final int port;
    Process process;

    ServeNode(Path dir, String name, Path scenarios, Map<String, String> db) throws IOException {
        this.dir = dir;
        this.name = name;
        this.home = dir.resolve(name);
        this.scenarios = scenarios;
        this.db = db;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
    }

    void start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
            "org.karakuri.cli.Main", "serve", "--scenarios", scenarios.toString(), "--port", String.valueOf(port))
            .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.putAll(db);
        env.put("KARAKURI_HOME", home.toString());
        env.put("KARAKURI_NODE", name);
        env.put("KARAKURI_CLUSTER_CHECKIN_MS", "1000");
        env.put("KARAKURI_SHUTDOWN_TIMEOUT", "10");
        env.put("KARAKURI_LANG", "en");
        env.put("KARAKURI_API_TOKEN", "cluster-service-token");
        process = pb.start();
    }

    void awaitHealthy() {
        awaitHealthy(Duration.ofSeconds(60));
    }

    /** Waits until the node answers as a member of a cluster; else fails with the end of its log. */
    void awaitHealthy(Duration within) {
        try {
            health(within);
        } catch (AssertionError e) {
            String log = log();
            throw new AssertionError(e.getMessage() + "; its log ends:\n" + log.substring(Math.max(0, log.length() - 3000)), e);
        }
    }

    private void health(Duration within) {
        HttpClient http = HttpClient.newHttpClient();
        Eventually.until(within, name + " answers /api/health", () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited: " + log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                        .header("Authorization", "Bearer cluster-service-token").build(),
                    HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && JSON.readTree(r.body()).path("clustered").asBoolean();
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    String log() {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    List<Run> runs() {
        Path runs = home.resolve("runs");
        List<Run> out = new ArrayList<>();
        if (!Files.isDirectory(runs)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                Path fire = d.resolve("fire.json");
                Path audit = d.resolve("audit.jsonl");
                if (!Files.exists(fire) || !Files.exists(audit)) {
                    continue;
                }
                JsonNode f = JSON.readTree(fire.toFile());
                Instant start = null;
                Instant end = null;
                for (String line : Files.readAllLines(audit)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode n;
                    try {
                        n = JSON.readTree(line);
                    } catch (IOException torn) {
                        continue;
                    }
                    if ("run-started".equals(n.path("type").asText())) {
                        start = Instant.parse(n.path("time").asText());
                    } else if ("run-ended".equals(n.path("type").asText())) {
                        end = Instant.parse(n.path("time").asText());
                    }
                }
                if (start != null) {
                    out.add(new Run(name, d.getFileName().toString(), Instant.parse(f.path("scheduledAt").asText()), start, end));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
