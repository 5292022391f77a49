package org.karakuri.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;

class ServerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    ServerFixture f;

    @BeforeEach
    void english() {
        Messages.setDefault(java.util.Locale.ENGLISH);
        f = new ServerFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static final String NIGHTLY = """
        scenario: nightly
        title: 夜間バッチ
        trigger:
          cron: "0 0 22 ? * MON-FRI"
          calendar: jp-business-days
          time-zone: Asia/Tokyo
        steps:
          - log: hello
        """;

    @Test
    void listsScenariosWithValidationStatusProblemsAndNextFireTimes() throws Exception {
        f.write("nightly.yaml", NIGHTLY).write("broken.yaml", """
            scenario: broken
            steps:
              - clik: ログイン
            """).start();
        JsonNode all = f.get("/api/scenarios").body();
        assertThat(all).hasSize(2);
        JsonNode broken = all.get(0);
        assertThat(broken.path("id").asText()).isEqualTo("broken");
        assertThat(broken.path("status").asText()).isEqualTo("invalid");
        assertThat(broken.path("scheduledVersion").asText()).isEqualTo("none");
        assertThat(broken.path("problems").get(0).asText()).contains("broken.yaml:3:5").contains("clik");
        JsonNode nightly = all.get(1);
        assertThat(nightly.path("status").asText()).isEqualTo("valid");
        assertThat(nightly.path("title").asText()).isEqualTo("夜間バッチ");
        assertThat(nightly.path("trigger").path("calendar").asText()).isEqualTo("jp-business-days");
        assertThat(nightly.path("nextFireTimes")).hasSize(5);
        assertThat(nightly.path("nextFireTimes").get(0).asText()).endsWith("T22:00:00+09:00");
        assertThat(f.server.scheduler().ids()).containsExactly("nightly");
    }

    @Test
    void firesACronScenarioAndRecordsTheRunAsScheduled() throws Exception {
        f.write("tick.yaml", """
            scenario: tick
            trigger:
              cron: "* * * * * ?"
            steps:
              - log: tick
            """).start();
        List<JsonNode> done = Eventually.get(WAIT, "a scheduled run of tick", () -> f.runs("tick", "succeeded"), l -> !l.isEmpty());
        assertThat(done.get(0).path("trigger").asText()).isEqualTo("schedule");
        assertThat(done.get(0).path("by").asText()).isEqualTo("scheduler@node-test");
        assertThat(f.post("/api/scenarios/tick/pause").body().path("paused").asBoolean()).isTrue();
        assertThat(f.scenario("tick").path("paused").asBoolean()).isTrue();
        assertThat(f.scenario("tick").path("nextFireTimes")).isEmpty();
        assertThat(f.post("/api/scenarios/tick/resume").body().path("paused").asBoolean()).isFalse();
        assertThat(f.scenario("tick").path("nextFireTimes")).isNotEmpty();
    }

    @Test
    void runsAnOnDemandScenarioTriggeredThroughTheApi() throws Exception {
        f.write("manual.yaml", """
            scenario: manual
            steps:
              - log: by hand
            """).start();
        ServerFixture.Response r = f.post("/api/scenarios/manual/trigger");
        assertThat(r.status()).isEqualTo(202);
        String id = r.body().path("run").asText();
        assertThat(id).matches("\\d{8}-\\d{6}-manual-[0-9a-f]{4}");
        assertThat(r.body().path("status").asText()).isEqualTo("queued");
        JsonNode run = Eventually.get(WAIT, "the triggered run", () -> f.runs("manual", "succeeded"), l -> l.size() == 1).get(0);
        assertThat(run.path("id").asText()).as("the run the trigger named").isEqualTo(id);
        assertThat(run.path("trigger").asText()).isEqualTo("api");
        JsonNode detail = f.get("/api/runs/" + run.path("id").asText()).body();
        assertThat(detail.path("scenario").asText()).isEqualTo("manual");
        assertThat(Path.of(detail.path("report").asText())).exists();
        assertThat(f.post("/api/scenarios/nothing-here/trigger").status()).isEqualTo(404);
        assertThat(f.get("/api/runs/20260101-000000-none-1234").status()).isEqualTo(404);
    }

    @Test
    void aConsolePageThatMissedARunsEndHearsItAsSoonAsItsLiveFeedConnects() throws Exception {
        f.write("held.yaml", """
            scenario: held
            steps:
              - gate: held
            """).start();
        f.server.users().add("watcher", org.karakuri.users.Role.OPERATOR, "watcher-password".toCharArray());
        String cookie = "karakuri_session=" + f.server.sessions().open(f.server.users().get("watcher").orElseThrow()).id();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String id = f.post("/api/scenarios/held/trigger").body().path("run").asText();
        Eventually.until(WAIT, "the run inside the gate", () -> Gate.inside("held") == 1);
        String page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(f.server.url() + "/runs/" + id)).header("Cookie", cookie).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).as("the run's page, rendered while it runs, asks the feed about it").contains("data-run=\"" + id + "\" data-going");

        Gate.open("held");
        JsonNode ended = Eventually.get(WAIT, "the run's end in the runs table", () -> f.runs("held", "succeeded"), l -> l.size() == 1).get(0);
        assertThat(Path.of(f.get("/api/runs/" + ended.path("id").asText()).body().path("report").asText()))
            .as("the runs table calls a run ended only once its report is written").exists();

        // the page connects its feed only now: the run's end is told at once, unknown and malformed ids are not
        java.net.http.HttpRequest sse = java.net.http.HttpRequest.newBuilder(java.net.URI.create(f.server.url() + "/events?runs=" + id
            + ",20260101-000000-none-1234,..%2Fetc")).header("Cookie", cookie).header("Accept", "text/event-stream").build();
        java.io.InputStream body = http.send(sse, java.net.http.HttpResponse.BodyHandlers.ofInputStream()).body();
        String told = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(body, java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("data:")) {
                        return line;
                    }
                }
                return "the feed closed";
            } catch (java.io.IOException e) {
                return e.toString();
            }
        }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        body.close();
        JsonNode event = ServerFixture.JSON.readTree(told.substring("data:".length()));
        assertThat(event.path("id").asText()).isEqualTo(id);
        assertThat(event.path("state").asText()).isEqualTo("ended");
    }

    @Test
    void neverRunsOneScenarioTwiceAtOnce() throws Exception {
        f.write("slow.yaml", """
            scenario: slow
            steps:
              - gate: slow
            """).start();
        assertThat(f.post("/api/scenarios/slow/trigger").status()).isEqualTo(202);
        assertThat(f.post("/api/scenarios/slow/trigger").status()).isEqualTo(202);
        Eventually.until(WAIT, "the first run inside the gate", () -> Gate.inside("slow") == 1);
        JsonNode queue = f.get("/api/queue").body();
        assertThat(queue).hasSize(1);
        assertThat(queue.get(0).path("state").asText()).isEqualTo("running");
        assertThat(queue.get(0).path("live").path("at").asText()).contains("slow.yaml:3:5");
        Gate.open("slow");
        Eventually.until(WAIT, "both runs done", () -> f.runs("slow", "succeeded").size() == 2);
        assertThat(Gate.most("slow")).isEqualTo(1);
    }

    @Test
    void queuesBrowserRunsBeyondTheNodesLimitAndShowsThemWaiting() throws Exception {
        f.env.put("KARAKURI_MAX_BROWSERS", "1");
        f.write("first.yaml", "scenario: first\nsteps:\n  - gate: first\n")
            .write("second.yaml", "scenario: second\nsteps:\n  - gate: second\n")
            .write("files.yaml", "scenario: files\nsteps:\n  - log: no browser here\n").start();
        f.post("/api/scenarios/first/trigger");
        Eventually.until(WAIT, "first inside its gate", () -> Gate.inside("first") == 1);
        f.post("/api/scenarios/second/trigger");
        JsonNode queue = Eventually.get(WAIT, "second waiting", () -> f.get("/api/queue").body(), q -> q.size() == 2);
        assertThat(queue.get(1).path("scenario").asText()).isEqualTo("second");
        assertThat(queue.get(1).path("state").asText()).isEqualTo("queued");
        assertThat(f.runs("second", null)).extracting(r -> r.path("status").asText()).containsExactly("queued");
        // a run without browser steps does not wait for a browser slot
        f.post("/api/scenarios/files/trigger");
        Eventually.until(WAIT, "files done beside them", () -> f.runs("files", "succeeded").size() == 1);
        Gate.open("first");
        Gate.open("second");
        Eventually.until(WAIT, "both browser runs done", () -> f.runs("second", "succeeded").size() == 1);
        assertThat(Gate.ALL_MOST.get()).isEqualTo(1);
    }

    @Test
    void keepsTheLastValidVersionScheduledWhenAnEditIsInvalid() throws Exception {
        f.write("nightly.yaml", NIGHTLY).start();
        f.edit("nightly.yaml", NIGHTLY.replace("  - log: hello", "  - log: hello\n  - clik: ログイン"));
        JsonNode s = f.scenario("nightly");
        assertThat(s.path("status").asText()).isEqualTo("invalid");
        assertThat(s.path("scheduledVersion").asText()).isEqualTo("last-valid");
        assertThat(s.path("problems").get(0).asText()).contains("nightly.yaml:9:5");
        assertThat(s.path("nextFireTimes")).hasSize(5);
        assertThat(f.server.scheduler().ids()).containsExactly("nightly");
        // a run now runs the last valid version
        f.post("/api/scenarios/nightly/trigger");
        Eventually.until(WAIT, "a run of the kept version", () -> f.runs("nightly", "succeeded").size() == 1);

        f.edit("nightly.yaml", NIGHTLY.replace("0 0 22", "0 30 21"));
        s = f.scenario("nightly");
        assertThat(s.path("status").asText()).isEqualTo("valid");
        assertThat(s.path("scheduledVersion").asText()).isEqualTo("current");
        assertThat(s.path("nextFireTimes").get(0).asText()).endsWith("T21:30:00+09:00");
        assertThat(f.scenarios.resolve(".nightly.yaml.last-valid.yaml")).doesNotExist();
    }

    @Test
    void schedulesANewFileAndForgetsADeletedOne() throws Exception {
        f.write("nightly.yaml", NIGHTLY).start();
        f.edit("morning.yaml", NIGHTLY.replace("nightly", "morning").replace("0 0 22", "0 0 8"));
        assertThat(f.server.scheduler().ids()).containsExactlyInAnyOrder("nightly", "morning");
        int before = f.reloads.get();
        Files.delete(f.scenarios.resolve("nightly.yaml"));
        Eventually.until(WAIT, "the deletion applied", () -> f.reloads.get() > before);
        assertThat(f.server.scheduler().ids()).containsExactly("morning");
        assertThat(f.get("/api/scenarios").body()).extracting(n -> n.path("id").asText()).containsExactly("morning");
    }

    @Test
    void refusesASecondFileWithTheSameId() throws Exception {
        f.write("a.yaml", NIGHTLY).write("b.yaml", NIGHTLY).start();
        JsonNode b = f.get("/api/scenarios").body().get(1);
        assertThat(b.path("status").asText()).isEqualTo("invalid");
        assertThat(b.path("problems").get(0).asText()).contains("b.yaml:1:1").contains("'nightly' is already used by");
    }

    @Test
    void stopsARunningRunAndMarksItStopped() throws Exception {
        f.write("slow.yaml", "scenario: slow\nsteps:\n  - gate: never\n").start();
        f.post("/api/scenarios/slow/trigger");
        Eventually.until(WAIT, "the run inside the gate", () -> Gate.inside("never") == 1);
        String id = Eventually.get(WAIT, "its run id", () -> f.get("/api/queue").body().get(0).path("runId").asText(null), x -> x != null);
        assertThat(f.get("/api/runs/" + id).body().path("live").path("step").asText()).isNotEmpty();
        assertThat(f.post("/api/runs/" + id + "/stop").status()).isEqualTo(202);
        JsonNode run = Eventually.get(WAIT, "the run stopped", () -> f.get("/api/runs/" + id).body(), r -> r.path("status").asText().equals("stopped"));
        assertThat(run.path("status").asText()).isEqualTo("stopped");
        assertThat(f.post("/api/runs/" + id + "/stop").status()).isEqualTo(409);
    }

    @Test
    void shutsDownGracefullyLettingShortRunsFinishAndInterruptingLongOnes() throws Exception {
        // the grace is long enough for the short run to end on a loaded machine, and the long one waits it out
        f.shutdownTimeout = Duration.ofSeconds(5);
        f.write("short.yaml", "scenario: short\nsteps:\n  - gate: short\n")
            .write("long.yaml", "scenario: long\nsteps:\n  - gate: long\n");
        Files.createDirectories(f.home);
        Files.writeString(f.home.resolve("engine.yaml"), "browser:\n  max-per-node: 2   # two runs at once\n");
        f.start();
        f.post("/api/scenarios/short/trigger");
        f.post("/api/scenarios/long/trigger");
        Eventually.until(WAIT, "both inside their gates (engine.yaml lets two run at once)", () -> Gate.inside("short") == 1 && Gate.inside("long") == 1);
        Thread closing = new Thread(f.server::close);
        closing.start();
        Eventually.until(WAIT, "the server stops taking fires", () -> f.server.queue().closing());
        Gate.open("short");
        closing.join(WAIT.toMillis());
        assertThat(closing.isAlive()).isFalse();
        List<String> statuses = new ArrayList<>();
        try (Ledger ledger = Ledger.open(LedgerSettings.from(f.env, f.home))) {
            ledger.runs().latest(null, 10).forEach(r -> statuses.add(r.scenario() + "=" + r.status()));
        }
        assertThat(statuses).containsExactlyInAnyOrder("short=succeeded", "long=interrupted");
    }

    @Test
    void stopsAQueuedRunAndRecordsItStopped() throws Exception {
        f.env.put("KARAKURI_MAX_BROWSERS", "1");
        f.write("first.yaml", "scenario: first\nsteps:\n  - gate: first-q\n")
            .write("second.yaml", "scenario: second\nsteps:\n  - gate: second-q\n").start();
        String first = f.post("/api/scenarios/first/trigger").body().path("run").asText();
        Eventually.until(WAIT, "first inside its gate", () -> Gate.inside("first-q") == 1);
        String second = f.post("/api/scenarios/second/trigger").body().path("run").asText();
        Eventually.until(WAIT, "second waiting for the browser slot", () -> f.server.queue().byRunId(second).isPresent());
        assertThat(f.get("/api/runs/" + second).body().path("status").asText()).isEqualTo("queued");
        assertThat(f.post("/api/runs/" + second + "/stop").status()).isEqualTo(202);
        JsonNode stopped = Eventually.get(WAIT, "the queued run stopped", () -> f.get("/api/runs/" + second).body(),
            r -> r.path("status").asText().equals("stopped"));
        assertThat(stopped.path("error").asText()).contains("stopped by service");
        assertThat(f.post("/api/runs/" + first + "/stop").status()).isEqualTo(202);
        Eventually.until(WAIT, "the running run stopped", () -> f.get("/api/runs/" + first).body().path("status").asText().equals("stopped"));
    }

    @Test
    void refusesToListenBeyondLoopbackWithoutTlsOrInsecureHttp() throws Exception {
        assertThatThrownBy(() -> HttpSettings.from("0.0.0.0", 0, false, java.util.Map.of()).check())
            .isInstanceOf(KarakuriException.class).hasMessageContaining("KARAKURI_TLS_KEYSTORE").hasMessageContaining("--insecure-http");
        HttpSettings.from("0.0.0.0", 0, true, java.util.Map.of()).check();
        HttpSettings.from("127.0.0.1", 0, false, java.util.Map.of()).check();
    }

    @Test
    void aRunWhoseEngineDiedIsSealedAsInterruptedWhenServeStarts() throws Exception {
        f.env.put("KARAKURI_MASTER_KEY_FILE", f.dir.resolve("keys/master.key").toString());
        Path trail = f.home.resolve("runs/20261130-220000-nightly-dead/audit.jsonl");
        try (org.karakuri.audit.TrailWriter dead = new org.karakuri.audit.TrailWriter(trail)) {
            dead.append(ServerFixture.JSON.createObjectNode().put("type", "run-started").put("time", "2026-11-30T22:00:00Z"));
        } // closed without its seal: what kill -9 leaves

        Server server = f.start();

        assertThat(server.deadRuns()).containsExactly("20261130-220000-nightly-dead");
        assertThat(org.karakuri.audit.RunChain.verifyAll(f.home, f.env)).isEmpty();
        assertThat(Files.readAllLines(trail)).hasSize(3).last().asString().startsWith("{\"type\":\"seal\"");
    }
}
