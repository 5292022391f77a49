package org.karakuri.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.cli.Main;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.ledger.RunRecord;
import org.karakuri.ledger.RunStatus;
import org.karakuri.testing.EngineProcess;
import org.karakuri.testing.HeldSystem;

/**
 * {@code serve} as its own JVM stops on SIGTERM in order (issue 14.7): a run waiting on an HTTP
 * call past {@code --grace} is interrupted and cut off, its end is written to the trail, the chain
 * and the runs table, Camel and then the database close, the process exits 0 within the grace and
 * a few seconds, and its log holds no warning: no "Database is already closed" (H2's exit hook
 * used to close the database first), no forced shutdown of Camel.
 */
class GracefulStopTest {
    private static final int GRACE = 2;
    private static final String TOKEN = "graceful-stop-token";

    @TempDir
    Path dir;
    HeldSystem system;

    @BeforeEach
    void aSystemThatHoldsItsAnswer() throws IOException {
        system = new HeldSystem();
    }

    @AfterEach
    void stop() {
        system.close();
    }

    @Test
    void sigtermInterruptsTheRunRecordsItsEndAndExitsPromptlyWithoutWarnings() throws Exception {
        Path home = dir.resolve("home");
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.createDirectories(home);
        Files.writeString(home.resolve("engine.yaml"), "secrets:\n  key-file: " + dir.resolve("keys/master.key") + "\n");
        Files.writeString(scenarios.resolve("slow.yaml"), """
            scenario: slow
            steps:
              - log: 照会します
              - http: %s
                timeout: 120s
            """.formatted(system.url()));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = EngineProcess.of("serve", "--scenarios", scenarios.toString(), "--port", String.valueOf(port),
            "--grace", String.valueOf(GRACE)).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("KARAKURI_"));
        pb.environment().put("KARAKURI_HOME", home.toString());
        pb.environment().put("KARAKURI_API_TOKEN", TOKEN);
        pb.environment().put("KARAKURI_LANG", "en");
        Process serve = pb.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            Eventually.until(Duration.ofSeconds(90), "serve answers", () -> {
                assertThat(serve.isAlive()).as(read(dir.resolve("serve.log"))).isTrue();
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            HttpResponse<String> fired = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/scenarios/slow/trigger"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fired.statusCode()).as(fired.body()).isBetween(200, 202);
            system.reached().get(60, TimeUnit.SECONDS);

            long sent = System.nanoTime();
            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(GRACE + 10, TimeUnit.SECONDS)).as("exited within the grace and 10 s").isTrue();
            Duration took = Duration.ofNanos(System.nanoTime() - sent);
            assertThat(serve.exitValue()).as(read(dir.resolve("serve.log"))).isZero();
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(GRACE));
        } finally {
            serve.destroyForcibly();
        }

        List<RunRecord> runs;
        try (Ledger ledger = Ledger.open(LedgerSettings.from(java.util.Map.of(), home))) {
            runs = ledger.runs().latest("slow", 10);
        }
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.INTERRUPTED);
            assertThat(r.ended()).isNotNull();
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int verified = Main.execute(new String[] {"--lang", "en", "audit", "verify", "--all"}, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8), home);
        assertThat(verified).as(out.toString(StandardCharsets.UTF_8)).isZero();
        String trail = read(home.resolve("runs").resolve(runs.get(0).id()).resolve("audit.jsonl"));
        assertThat(trail).contains("\"type\":\"run-ended\"").contains("\"type\":\"seal\"");

        String log = read(home.resolve("logs/karakuri.log")) + read(dir.resolve("serve.log"));
        assertThat(log.lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.startsWith("WARN") || l.startsWith("ERROR")))
            .as("warnings and errors in the log").isEmpty();
        assertThat(log).doesNotContain("already closed").doesNotContain("Forcing").doesNotContain("inflight")
            .contains("interrupting it").contains("stopped");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
