package org.karakuri.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.karakuri.ledger.RunRecord;
import org.karakuri.ledger.RunStatus;
import org.karakuri.users.Role;
import org.karakuri.users.Sessions;

/**
 * Console figures for docs/benchmarks.md: the runs page with 10,000 runs in the table (first page,
 * a deep page, filtered), against {@code GET /api/health} on the same server as the baseline; and
 * the latency of server-sent events from a step's end (the run queue hears it) to a line read by
 * a client of {@code GET /events}.
 *
 * <pre>
 * mvn -B -q -ntp -pl engine -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp "engine/target/test-classes:engine/target/classes:$(cat engine/target/cp.txt)" org.karakuri.server.ConsoleBenchmark 10000 50
 * </pre>
 */
public final class ConsoleBenchmark {
    private ConsoleBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path dir = Files.createTempDirectory("karakuri-console-bench-");
        Path folder = Files.createDirectories(dir.resolve("scenarios"));
        StringBuilder many = new StringBuilder("scenario: steps\nsteps:\n");
        for (int i = 0; i < steps; i++) {
            many.append("  - log: step ").append(i).append('\n');
        }
        Files.writeString(folder.resolve("steps.yaml"), many.toString());
        Map<String, String> env = new HashMap<>();
        env.put("KARAKURI_HOME", dir.resolve("home").toString());
        try (Server server = Server.start(Server.Settings.from(folder, "127.0.0.1", 0, env))) {
            Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
            for (int i = 0; i < runs; i++) {
                String id = String.format("20250101-000000-s%02d-%05d", i % 20, i);
                Instant at = t0.plusSeconds(i * 600L);
                server.runs().ended(new RunRecord(id, "s" + (i % 20), "/x/s.yaml", null, "schedule", "scheduler@bench", "bench", at, at.plusSeconds(30),
                    i % 17 == 0 ? RunStatus.FAILED : RunStatus.SUCCEEDED, 10, i % 17 == 0 ? 1 : 0, 0, 0, 10, 3, 30, null, null, null));
            }
            server.users().add("bench", Role.OPERATOR, "benchmark-password".toCharArray());
            Sessions.Session s = server.sessions().open(server.users().get("bench").orElseThrow());
            HttpClient http = HttpClient.newHttpClient();
            String cookie = "karakuri_session=" + s.id();
            System.out.printf("runs in the table: %d%n", server.runs().count(null, null));
            double health = median(http, server.url() + "/api/health", null, 200);
            System.out.printf("GET /api/health (baseline)        median %6.2f ms%n", health);
            for (String page : List.of("/runs", "/runs?page=100", "/runs?scenario=s07", "/runs?status=failed", "/scenarios")) {
                double ms = median(http, server.url() + page, cookie, 100);
                System.out.printf("GET %-30s median %6.2f ms  (%.1f× the baseline)%n", page, ms, ms / health);
            }

            // SSE latency: the queue hears a step's end; the client reads the event line
            Map<Integer, Long> heard = new ConcurrentHashMap<>();
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            server.queue().watch(e -> {
                Object events = e.toMap().get("live") instanceof Map<?, ?> l ? l.get("events") : null;
                if (events instanceof Integer n) {
                    heard.put(n, System.nanoTime());
                }
            });
            CountDownLatch ended = new CountDownLatch(1);
            CountDownLatch joined = new CountDownLatch(1); // the feed says ": connected" once it counts this client
            HttpRequest sse = HttpRequest.newBuilder(URI.create(server.url() + "/events")).header("Cookie", cookie).header("Accept", "text/event-stream").build();
            HttpResponse<java.io.InputStream> stream = http.send(sse, HttpResponse.BodyHandlers.ofInputStream());
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith(": connected")) {
                            joined.countDown();
                        } else if (line.startsWith("data:")) {
                            long now = System.nanoTime();
                            if (line.contains("\"ended\"")) {
                                ended.countDown();
                                return;
                            }
                            // the heard time of the newest change: events are sent in order as they are heard
                            long at = heard.values().stream().mapToLong(Long::longValue).max().orElse(now);
                            latencies.add((now - at) / 1e6);
                        }
                    }
                } catch (Exception e) {
                    joined.countDown();
                    ended.countDown();
                }
            });
            reader.start();
            joined.await(30, TimeUnit.SECONDS);
            server.operations().trigger(org.karakuri.users.Principal.service(), "steps");
            ended.await(120, TimeUnit.SECONDS);
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            if (!sorted.isEmpty()) {
                System.out.printf("SSE, change heard → line read: %d events, median %.2f ms, p95 %.2f ms, max %.2f ms%n", sorted.size(),
                    sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.95)), sorted.get(sorted.size() - 1));
            }
        }
    }

    private static double median(HttpClient http, String url, String cookie, int n) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n + 10; i++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
            if (cookie != null) {
                b.header("Cookie", cookie);
            }
            long start = System.nanoTime();
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode());
            }
            if (i >= 10) {
                ms.add(took / 1e6);
            }
        }
        Collections.sort(ms);
        return ms.get(ms.size() / 2);
    }
}
