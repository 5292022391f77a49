package org.karakuri.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.i18n.Messages;
import org.karakuri.testing.PostgresExtension;
import org.karakuri.users.Role;
import org.karakuri.users.Sessions;

/**
 * Two engines on one PostgreSQL database, each with its own KARAKURI_HOME, over TLS with one key
 * store (as docker/compose.yaml runs them): a run of node B shows on node A's console with its
 * trail status, its evidence files and its report, which A asks B for with the caller's session;
 * B checks the caller's role itself, and when B is down A says so.
 */
class ClusterConsoleTest {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    @TempDir
    Path dir;

    ServerFixture a;
    ServerFixture b;
    HttpClient client;
    Path keystore;

    @BeforeEach
    void twoNodes() throws Exception {
        Messages.setDefault(Locale.ENGLISH);
        keystore = TestKeyStore.make(dir.resolve("console.p12"));
        Map<String, String> db = postgres.newDatabase().env();
        a = node("node-a", db);
        b = node("node-b", db);
        client = HttpClient.newBuilder().sslContext(TestKeyStore.trusting(keystore)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    ServerFixture node(String name, Map<String, String> db) throws Exception {
        ServerFixture f = new ServerFixture(dir.resolve(name));
        f.env.putAll(db);
        f.env.put("KARAKURI_NODE", name);
        // two Quartz schedulers in one JVM need two names; separate processes of one cluster share one (ClusterTest)
        f.env.put("KARAKURI_SCHEDULER_NAME", "karakuri-" + name);
        f.env.put("KARAKURI_TLS_KEYSTORE", keystore.toString());
        f.env.put("KARAKURI_TLS_KEYSTORE_PASSWORD", TestKeyStore.PASSWORD);
        f.write("evidence.yaml", "scenario: evidence\nsteps:\n  - log: 住民票の写しを確認しました\n").start();
        return f;
    }

    @AfterEach
    void stop() {
        if (b != null) {
            b.close();
        }
        a.close();
    }

    HttpResponse<byte[]> get(ServerFixture node, String path, Sessions.Session s, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("https://localhost:" + node.server.port() + path))
            .header("Cookie", "karakuri_session=" + s.id());
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Runs the scenario on node B (its API, the service token) and waits for the end. */
    String runOnB() throws Exception {
        HttpResponse<String> started = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + b.server.port() + "/api/scenarios/evidence/trigger"))
            .header("Authorization", "Bearer " + ServerFixture.SERVICE).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String run = ServerFixture.JSON.readTree(started.body()).path("run").asText();
        Eventually.until(Duration.ofSeconds(30), "the run ends on node B",
            () -> b.server.runs().get(run).map(r -> r.status().text().equals("succeeded")).orElse(false));
        return run;
    }

    @Test
    void aRunOfNodeBShowsOnNodeAWithItsTrailFilesAndReport() throws Exception {
        String run = runOnB();
        assertThat(a.home.resolve("runs").resolve(run)).as("node A does not hold the folder").doesNotExist();
        Path onB = b.home.resolve("runs").resolve(run);
        Sessions.Session auditor = a.server.sessions().open(a.server.users().add("kansa1", Role.AUDITOR, "password-of-twelve".toCharArray()));

        HttpResponse<byte[]> page = get(a, "/runs/" + run, auditor);
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(html).contains("@ node-b").contains("intact and sealed").contains("linked in the run chain")
            .contains("/runs/" + run + "/files/audit.jsonl").contains("/runs/" + run + "/report");

        HttpResponse<byte[]> report = get(a, "/runs/" + run + "/report", auditor);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).isEqualTo(Files.readAllBytes(onB.resolve("report.html")));
        assertThat(report.headers().firstValue("Content-Security-Policy")).get().asString().contains("sandbox");
        assertThat(report.headers().firstValue("X-Frame-Options")).contains("SAMEORIGIN");

        HttpResponse<byte[]> trail = get(a, "/runs/" + run + "/files/audit.jsonl", auditor);
        assertThat(trail.statusCode()).isEqualTo(200);
        assertThat(trail.body()).isEqualTo(Files.readAllBytes(onB.resolve("audit.jsonl")));
        assertThat(trail.headers().firstValue("Content-Disposition")).get().asString().contains("audit.jsonl");
    }

    @Test
    void theNodeThatHoldsTheRunChecksTheCallersRoleAndAForwardedRequestGoesNoFurther() throws Exception {
        String run = runOnB();
        Sessions.Session author = a.server.sessions().open(a.server.users().add("sakusha1", Role.AUTHOR, "password-of-twelve".toCharArray()));
        Sessions.Session auditor = a.server.sessions().open(a.server.users().add("kansa1", Role.AUDITOR, "password-of-twelve".toCharArray()));
        assertThat(get(a, "/runs/" + run + "/files/audit.jsonl", author).statusCode()).isEqualTo(403);
        String authorsPage = new String(get(a, "/runs/" + run, author).body(), StandardCharsets.UTF_8);
        assertThat(authorsPage).doesNotContain("audit.jsonl");
        // a forwarded request is answered by the node it reached: here A sees B's folder (one machine, as on a shared
        // volume) but not B's run chain, which only B's answer has
        String forwarded = new String(get(a, "/runs/" + run, auditor, Peers.VIA, "node-x").body(), StandardCharsets.UTF_8);
        assertThat(forwarded).contains("not in the run chain");
        assertThat(new String(get(a, "/runs/" + run, auditor).body(), StandardCharsets.UTF_8)).contains("linked in the run chain");
        assertThat(get(a, "/runs/no-such-run/report", auditor).statusCode()).isEqualTo(404);
    }

    @Test
    void anOperatorOnNodeAStopsARunOfNodeBFromTheConsoleAndTheApi() throws Exception {
        b.edit("held.yaml", "scenario: held\nsteps:\n  - gate: held\n");
        Sessions.Session operator = a.server.sessions().open(a.server.users().add("unyo1", Role.OPERATOR, "password-of-twelve".toCharArray()));
        Sessions.Session auditor = a.server.sessions().open(a.server.users().add("kansa1", Role.AUDITOR, "password-of-twelve".toCharArray()));
        for (String how : new String[] {"console", "api"}) {
            HttpResponse<String> started = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + b.server.port() + "/api/scenarios/held/trigger"))
                .header("Authorization", "Bearer " + ServerFixture.SERVICE).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            String run = ServerFixture.JSON.readTree(started.body()).path("run").asText();
            Eventually.until(Duration.ofSeconds(30), "the run inside its gate on node B, and listed as running there",
                () -> Gate.inside("held") == 1 && b.server.runs().get(run).map(r -> r.status().text().equals("running")).orElse(false));
            assertThat(new String(get(a, "/runs/" + run, operator).body(), StandardCharsets.UTF_8)).as("node B's page, with its stop button")
                .contains("/runs/" + run + "/stop");
            assertThat(post(a, "/runs/" + run + "/stop", auditor, "csrf=" + auditor.csrf()).statusCode()).as("node B checks the role").isEqualTo(403);

            HttpResponse<String> stopped = "console".equals(how)
                ? post(a, "/runs/" + run + "/stop", operator, "csrf=" + operator.csrf())
                : client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + a.server.port() + "/api/runs/" + run + "/stop"))
                    .header("Authorization", "Bearer " + ServerFixture.SERVICE).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(stopped.statusCode()).as(how + ": " + stopped.body()).isEqualTo("console".equals(how) ? 302 : 202);
            Eventually.until(Duration.ofSeconds(30), how + ": the run stopped on node B",
                () -> b.server.runs().get(run).map(r -> r.status().text().equals("stopped")).orElse(false));
            Eventually.until(Duration.ofSeconds(10), "the gate empty", () -> Gate.inside("held") == 0);
        }
        assertThat(Files.readString(b.home.resolve("audit/operations.jsonl"))).as("node B records who stopped the run").contains("unyo1");
    }

    HttpResponse<String> post(ServerFixture node, String path, Sessions.Session s, String form) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + node.server.port() + path))
            .header("Cookie", "karakuri_session=" + s.id()).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void whenTheNodeThatHoldsTheRunIsDownThePageSaysSo() throws Exception {
        String run = runOnB();
        Sessions.Session auditor = a.server.sessions().open(a.server.users().add("kansa1", Role.AUDITOR, "password-of-twelve".toCharArray()));
        String url = "https://127.0.0.1:" + b.server.port();
        b.close();
        b = null;
        // on its own machine: node A cannot see the folder
        Files.move(dir.resolve("node-b/home/runs").resolve(run), dir.resolve("elsewhere"));
        HttpResponse<byte[]> page = get(a, "/runs/" + run, auditor);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("node node-b holds this run")
            .contains("does not answer at " + url);
        assertThat(get(a, "/runs/" + run + "/report", auditor).statusCode()).isEqualTo(502);
    }
}
