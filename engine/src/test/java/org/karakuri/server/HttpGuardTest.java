package org.karakuri.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.i18n.Messages;

/**
 * What stands before every route: the Host header must name the server (DNS rebinding), a foreign
 * Origin is refused, bad parameters get a 400 with a body in the caller's language, and half-sent
 * or idle connections neither block the server nor stay open.
 */
class HttpGuardTest {
    @TempDir
    Path dir;
    ServerFixture f;

    @BeforeEach
    void english() {
        Messages.setDefault(Locale.ENGLISH);
        f = new ServerFixture(dir);
        f.write("manual.yaml", "scenario: manual\nsteps:\n  - log: by hand\n");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** One raw HTTP/1.1 request (the JDK client will not send a made-up Host header); the whole answer as text. */
    String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", f.server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            s.getInputStream().transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void refusesAHostHeaderThatIsNotThisServerSoARebindedNameCannotReachIt() throws Exception {
        f.start();
        String token = "Authorization: Bearer " + ServerFixture.SERVICE + "\r\n";
        String evil = raw("GET /api/scenarios HTTP/1.1\r\nHost: attacker.example:" + f.server.port() + "\r\n" + token + "Connection: close\r\n\r\n");
        assertThat(evil).startsWith("HTTP/1.1 400").contains("\"error\"").contains("attacker.example").doesNotContain("manual.yaml");
        String ok = raw("GET /api/scenarios HTTP/1.1\r\nHost: localhost:" + f.server.port() + "\r\n" + token + "Connection: close\r\n\r\n");
        assertThat(ok).startsWith("HTTP/1.1 200").contains("manual.yaml");
    }

    @Test
    void answersToTheNamesTheAdministratorAdds() throws Exception {
        f.env.put("KARAKURI_SERVER_NAMES", "karakuri.city.local, rpa01");
        f.start();
        String r = raw("GET /api/health HTTP/1.1\r\nHost: RPA01:" + f.server.port() + "\r\nConnection: close\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 200");
    }

    @Test
    void refusesARequestFromAForeignOriginEvenWithAValidCredential() throws Exception {
        f.start();
        HttpResponse<String> cross = send(HttpRequest.newBuilder(URI.create(f.server.url() + "/api/scenarios/manual/trigger"))
            .header("Authorization", "Bearer " + ServerFixture.SERVICE).header("Origin", "http://evil.example")
            .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(cross.statusCode()).isEqualTo(403);
        assertThat(cross.body()).contains("http://evil.example is refused");
        assertThat(f.get("/api/runs?scenario=manual").body()).as("nothing was queued").isEmpty();
        HttpResponse<String> same = send(HttpRequest.newBuilder(URI.create(f.server.url() + "/api/scenarios/manual/trigger"))
            .header("Authorization", "Bearer " + ServerFixture.SERVICE).header("Origin", f.server.url())
            .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(same.statusCode()).isEqualTo(202);
    }

    @Test
    void badParametersGetA400WithABodyInTheCallersLanguage() throws Exception {
        f.start();
        HttpResponse<String> ja = send(HttpRequest.newBuilder(URI.create(f.server.url() + "/api/runs?limit=abc"))
            .header("Authorization", "Bearer " + ServerFixture.SERVICE).header("Accept-Language", "ja-JP,ja;q=0.9,en;q=0.5"));
        assertThat(ja.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.JSON.readTree(ja.body()).path("error").asText()).isEqualTo("limit: 'abc' は 1 から 1000 までの整数ではありません");
        ServerFixture.Response en = f.get("/api/runs?status=done");
        assertThat(en.status()).isEqualTo(400);
        assertThat(en.body().path("error").asText()).contains("status 'done' is not one of queued, running");
        ServerFixture.Response none = f.get("/api/nothing");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.body().path("error").asText()).contains("no API call GET /api/nothing");
        HttpResponse<String> unauthorized = send(HttpRequest.newBuilder(URI.create(f.server.url() + "/api/runs"))
            .header("Accept-Language", "ja"));
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(unauthorized.body()).contains("資格情報が必要です");
    }

    @Test
    void halfSentRequestsDoNotBlockOthersAndIdleConnectionsAreClosed() throws Exception {
        f.server = null;
        Server.Settings s = Server.Settings.from(f.scenarios, HttpSettings.from("127.0.0.1", 0, false, f.env).withIdleTimeout(Duration.ofSeconds(2)), f.env);
        f.server = Server.start(s);
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket sock = new Socket("127.0.0.1", f.server.port());
                OutputStream out = sock.getOutputStream();
                out.write(("GET /api/scenarios HTTP/1.1\r\nHost: localhost\r\nX-Half: " + i).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slow.add(sock);
            }
            long start = System.nanoTime();
            ServerFixture.Response r = f.get("/api/health");
            assertThat(r.status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered beside four half-sent requests").isLessThan(Duration.ofSeconds(5));
            // each half-sent connection is closed by the server once idle for the timeout
            for (Socket sock : slow) {
                sock.setSoTimeout(20_000);
                InputStream in = sock.getInputStream();
                byte[] rest = in.readAllBytes();
                assertThat(new String(rest, StandardCharsets.US_ASCII)).doesNotContain("200 OK");
            }
        } finally {
            for (Socket sock : slow) {
                sock.close();
            }
        }
    }

    @Test
    void servesOverTlsWhenGivenAKeyStore() throws Exception {
        Path ks = TestKeyStore.make(dir.resolve("server.p12"));
        // the key store named in engine.yaml (relative: under KARAKURI_HOME), its password in the environment
        java.nio.file.Files.createDirectories(f.home.resolve("tls"));
        java.nio.file.Files.move(ks, f.home.resolve("tls/server.p12"));
        ks = f.home.resolve("tls/server.p12");
        java.nio.file.Files.writeString(f.home.resolve("engine.yaml"), "server:\n  tls-keystore: tls/server.p12\n");
        f.env.put(HttpSettings.KEYSTORE_PASSWORD, TestKeyStore.PASSWORD);
        f.start();
        assertThat(f.server.url()).startsWith("https://");
        HttpClient client = HttpClient.newBuilder().sslContext(TestKeyStore.trusting(ks)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + f.server.port() + "/api/scenarios"))
            .header("Authorization", "Bearer " + ServerFixture.SERVICE).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = ServerFixture.JSON.readTree(r.body());
        assertThat(body.get(0).path("id").asText()).isEqualTo("manual");
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
