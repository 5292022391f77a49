package org.karakuri.robots.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.groups.Tuple.tuple;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.i18n.Messages;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.ledger.ProcessOwner;
import org.karakuri.spi.RowOutcome;
import org.karakuri.spi.RowStatus;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;
import org.karakuri.testing.EngineProcess;

/**
 * The process running a scenario is killed (SIGKILL) while it enters row 4 of 6: the legacy
 * system (a stub here) has received row 4 and holds its answer. A later run must skip rows 1–3,
 * hold row 4 for review (it may already be in the legacy system) and enter rows 5–6; with
 * {@code resume: retry} it enters row 4 again. The killed engine runs in Japanese and the later
 * runs in English. Runs against whichever ledger a subclass sets up.
 */
abstract class ResumeAfterKillContract {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final String HELD = "R-4";

    @TempDir
    Path dir;

    private HttpServer legacy;
    private final List<String> entered = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<String> heldRowReached = new CompletableFuture<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean holding = true;

    /** KARAKURI_DB_* for the ledger under test; empty for the embedded H2 database. */
    abstract Map<String, String> database();

    @BeforeEach
    void startLegacySystem() throws IOException {
        Messages.setDefault(Locale.ENGLISH);
        legacy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        legacy.createContext("/enter/", exchange -> {
            String key = URLDecoder.decode(exchange.getRequestURI().getPath().substring("/enter/".length()), StandardCharsets.UTF_8);
            entered.add(key);
            if (holding && key.equals(HELD)) {
                heldRowReached.complete(key);
                try {
                    release.await(LIMIT.toSeconds(), TimeUnit.SECONDS); // the robot is killed while it waits for this answer
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "登録しました".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        legacy.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        legacy.start();
    }

    @AfterEach
    void stopLegacySystem() {
        release.countDown();
        legacy.stop(0);
    }

    @Test
    void aLaterRunSkipsTheDoneRowsHoldsTheInterruptedRowForReviewAndEntersTheRest() throws Exception {
        String killed = killWhileEnteringRow4("review");

        entered.clear();
        RunResult second = harness().run(dir.resolve("tennyu.yaml"));

        assertThat(second.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(entered).containsExactly("R-5", "R-6");
        String held = "was in progress when run " + killed + " stopped (row 5 then): it may already be in the system."
            + " Check it there; then run with resume: retry to enter it again, or leave it";
        assertThat(TestFiles.csvCells(dir.resolve("results.csv"), StandardCharsets.UTF_8, true))
            .extracting(r -> r.get(0), r -> r.get(2), r -> r.get(3)).containsExactly(
                tuple("受付番号", "status", "message"),
                tuple("R-1", "already done", "done in run " + killed + " (row 2 then)"),
                tuple("R-2", "already done", "done in run " + killed + " (row 3 then)"),
                tuple("R-3", "already done", "done in run " + killed + " (row 4 then)"),
                tuple("R-4", "interrupted", held),
                tuple("R-5", "done", ""),
                tuple("R-6", "done", ""));
        assertThat(TestFiles.csvCells(second.folder().resolve("review.csv"), StandardCharsets.UTF_8, true))
            .extracting(r -> r.get(0), r -> r.get(2), r -> r.get(3), r -> r.get(5), r -> r.get(6)).containsExactly(
                tuple("受付番号", "status", "message", "row", "file"),
                tuple("R-4", "interrupted", held, "5", "tennyu.csv"));
        assertThat(ledger()).extracting(RowOutcome::key, RowOutcome::status, RowOutcome::runId).containsExactly(
            tuple("R-1", RowStatus.DONE, killed), tuple("R-2", RowStatus.DONE, killed), tuple("R-3", RowStatus.DONE, killed),
            tuple("R-4", RowStatus.INTERRUPTED, killed),
            tuple("R-5", RowStatus.DONE, second.runId()), tuple("R-6", RowStatus.DONE, second.runId()));

        String password = database().get("KARAKURI_DB_PASSWORD");
        if (password != null) {
            assertThat(harness().homeText()).as("the database password is a secret").doesNotContain(password);
        }

        entered.clear();
        RunResult third = harness().run(dir.resolve("tennyu.yaml"));
        assertThat(entered).as("an interrupted row stays held until a person decides").isEmpty();
        assertThat(TestFiles.csvCells(third.folder().resolve("review.csv"), StandardCharsets.UTF_8, true)).hasSize(2);
    }

    @Test
    void resumeRetryEntersTheInterruptedRowAgain() throws Exception {
        String killed = killWhileEnteringRow4("retry");

        entered.clear();
        RunResult second = harness().run(dir.resolve("tennyu.yaml"));

        assertThat(second.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(entered).containsExactly("R-4", "R-5", "R-6");
        assertThat(TestFiles.csvCells(dir.resolve("results.csv"), StandardCharsets.UTF_8, true))
            .extracting(r -> r.get(0), r -> r.get(2)).containsExactly(
                tuple("受付番号", "status"), tuple("R-1", "already done"), tuple("R-2", "already done"), tuple("R-3", "already done"),
                tuple("R-4", "done"), tuple("R-5", "done"), tuple("R-6", "done"));
        assertThat(second.folder().resolve("review.csv")).doesNotExist();
        assertThat(ledger()).extracting(RowOutcome::key, RowOutcome::status, RowOutcome::runId).containsExactly(
            tuple("R-1", RowStatus.DONE, killed), tuple("R-2", RowStatus.DONE, killed), tuple("R-3", RowStatus.DONE, killed),
            tuple("R-4", RowStatus.DONE, second.runId()), tuple("R-5", RowStatus.DONE, second.runId()),
            tuple("R-6", RowStatus.DONE, second.runId()));
    }

    /**
     * Runs the scenario in a separate JVM until the legacy system has received row 4, checks
     * that the ledger then holds rows 1–3 done and row 4 in progress, and kills the JVM.
     * Returns the killed run's id.
     */
    private String killWhileEnteringRow4(String resume) throws Exception {
        TestFiles.csv(dir.resolve("tennyu.csv"), StandardCharsets.UTF_8, false, """
            受付番号,氏名
            R-1,山田 太郎
            R-2,鈴木 一郎
            R-3,佐藤 花子
            R-4,髙橋 ①郎
            R-5,田中 次郎
            R-6,伊藤 三郎
            """);
        Files.writeString(dir.resolve("tennyu.yaml"), """
            scenario: tennyu
            vars:
              system: http://127.0.0.1:%d
            steps:
              - for-each-row:
                  file: tennyu.csv
                  key: 受付番号
                  results: results.csv
                  resume: %s
                  steps:
                    - http: ${system}/enter/${row.受付番号}
                      timeout: 60s
            """.formatted(legacy.getAddress().getPort(), resume));

        Process child = startEngine();
        try {
            awaitHeldRowOrExit(child);
            List<RowOutcome> before = ledger();
            assertThat(before).extracting(RowOutcome::key, RowOutcome::status).containsExactly(
                tuple("R-1", RowStatus.DONE), tuple("R-2", RowStatus.DONE), tuple("R-3", RowStatus.DONE), tuple("R-4", RowStatus.IN_PROGRESS));
            assertThat(ProcessOwner.parse(before.get(3).owner())).get().extracting(ProcessOwner::pid).isEqualTo(child.pid());
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, nothing written after this
            assertThat(child.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        holding = false;
        release.countDown();
        assertThat(dir.resolve("results.csv")).as("results are put in place only when a loop ends").doesNotExist();
        assertThat(childLog()).as("the killed engine spoke Japanese").contains("2 行目（受付番号=R-1）");
        return ledger().get(0).runId();
    }

    /** The one wait of this test: for the legacy system to receive row 4, or for the engine to end early. */
    private void awaitHeldRowOrExit(Process child) throws Exception {
        try {
            CompletableFuture.anyOf(heldRowReached, child.onExit()).get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("the engine did not reach row 4 in " + LIMIT + ":\n" + childLog());
        }
        if (!heldRowReached.isDone()) {
            fail("the engine ended (exit " + child.exitValue() + ") before row 4:\n" + childLog());
        }
    }

    private Process startEngine() throws IOException {
        ProcessBuilder pb = EngineProcess.of("run", "tennyu.yaml")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("KARAKURI_"));
        env.put("KARAKURI_HOME", home().toString());
        env.put("KARAKURI_LANG", "ja"); // the killed run speaks Japanese, the later runs English: resuming does not depend on the language
        env.putAll(database());
        return pb.start();
    }

    private String childLog() throws IOException {
        Path log = dir.resolve("child.log");
        return Files.exists(log) ? Files.readString(log) : "(no output)";
    }

    private Path home() {
        return dir.resolve(".karakuri");
    }

    private ScenarioHarness harness() {
        ScenarioHarness h = new ScenarioHarness(dir);
        database().forEach(h::env);
        return h;
    }

    /** The ledger's rows, read by this process while or after the engine holds the database. */
    private List<RowOutcome> ledger() {
        Map<String, String> env = new HashMap<>(database());
        try (Ledger l = Ledger.open(LedgerSettings.from(env, home()))) {
            return l.rows("tennyu");
        }
    }
}
