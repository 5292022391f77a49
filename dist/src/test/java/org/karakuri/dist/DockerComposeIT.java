package org.karakuri.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker/} for real, with Debian's podman and podman-compose as root and no image
 * registry: {@code setup.sh} builds the base image from the Debian mirror with debootstrap and
 * every image from it (PostgreSQL from Debian's package, the Grid from the selenium-grid jar
 * plus Chromium, the engine from the offline archive); {@code compose up} starts the cluster,
 * its console and API over TLS with the keystore the set-up made;
 * a scenario scheduled every 20 s runs on the Grid's Chromium; one engine is killed while it
 * runs; each fire ran once, the killed run is marked interrupted and never started again, the
 * other engine carries on; {@code compose down}.
 */
@Tag("long")
class DockerComposeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "karakuri-it";
    private static final Duration BUILD = Duration.ofMinutes(40);
    private static final Duration SHORT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    Path sources;
    Map<String, String> env;
    /** Trusts the console's certificate that setup.sh made, and nothing else. */
    HttpClient https;
    final Map<String, Integer> ports = new HashMap<>();

    record Run(String id, String node, String status, Instant scheduled, Instant started, Instant ended, String error) {}

    @Test
    void aScheduledScenarioRunsOnceAFireAcrossTwoEnginesAndSurvivesAKilledEngine() throws Exception {
        sources = copyOfTheSources();
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        // a fire every 20 s; each run holds a Grid browser for 12 s and more, so a kill lands in one
        Files.writeString(scenarios.resolve("tick.yaml"), """
            scenario: tick
            title: クラスターの動作確認
            trigger:
              cron: "0/20 * * * * ?"
              misfire: skip
            browser:
              grid: http://grid:4444
            steps:
              - open: http://grid:4444/status
              - wait: 12s
              - expect-text: '"availability": "UP"'
            """);
        Files.copy(sources.resolve("docker/scenarios/grid-check.yaml"), scenarios.resolve("grid-check.yaml"));
        ports.put("engine-1", freePort());
        ports.put("engine-2", freePort());
        env = new HashMap<>(Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "HOME", System.getProperty("user.home"), "LANG", "C.UTF-8",
            "KARAKURI_SCENARIOS", scenarios.toString(),
            "KARAKURI_CONSOLE_PORT_1", String.valueOf(ports.get("engine-1")),
            "KARAKURI_CONSOLE_PORT_2", String.valueOf(ports.get("engine-2")),
            "KARAKURI_CLUSTER_CHECKIN_MS", "2000",
            "KARAKURI_LANG", "en"));

        // the engine's image from the archive this build just made (as in a closed network, and
        // .ci/run's hour allows no second Maven build inside the image); the Grid's jar from Maven Central
        Proc setup = Proc.run(sources, env, BUILD, "docker/setup.sh", "--tool", "podman", "--dist", "archive");
        assertThat(setup.exit()).as(setup.describe()).isZero();
        env.putAll(dotEnv(sources.resolve("docker/.env")));
        https = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NORMAL)
            .sslContext(trusting(sources.resolve("docker/tls/console.crt"))).build();
        // every image built from the debootstrap base; the engine's runs as karakuri and checks its health
        String base = podman("image", "inspect", "--format", "{{index .RootFS.Layers 0}}", "localhost/karakuri-base:bookworm").output().strip();
        for (String image : List.of("localhost/karakuri/engine:latest", "localhost/karakuri/grid:4.41.0", "localhost/karakuri/postgres:15")) {
            assertThat(podman("image", "inspect", "--format", "{{index .RootFS.Layers 0}}", image).output().strip()).as(image + "'s first layer").isEqualTo(base);
        }
        assertThat(podman("image", "inspect", "--format", "{{.Config.User}} {{json .Config.Healthcheck}}", "localhost/karakuri/engine:latest").output())
            .startsWith("karakuri ").contains("/api/health");

        try {
            compose("up", "-d");
            for (String node : List.of("engine-1", "engine-2")) {
                awaitHealthy(node);
            }
            Instant begin = Instant.now();

            // the API and the console answer over TLS only, with the certificate the set-up made
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ports.get("engine-1") + "/api/health")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()))
                .as("plain HTTP").isInstanceOf(IOException.class);
            HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + ports.get("engine-2") + "/"))
                .header("Accept-Language", "ja").timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.body()).as("the console's login form over TLS").contains("ユーザー名", "パスワード", "ログイン");

            // both engines see the scenarios; the shipped example is valid
            JsonNode list = api("engine-2", "GET", "/api/scenarios").body();
            assertThat(list.findValuesAsText("id")).contains("tick", "grid-check");
            assertThat(list.findValuesAsText("status")).containsOnly("valid");

            // kill the engine that is running a fire right now, after two fires ran on the Grid's Chromium
            until(Duration.ofMinutes(5), "two runs of tick succeeded", () -> runs().stream().filter(r -> r.status().equals("succeeded")).count() >= 2);
            // one that started within 5 s: it holds its browser 7 s more
            Run victim = untilPresent(Duration.ofMinutes(3), "a run of tick that just started", () -> runs().stream()
                .filter(r -> r.status().equals("running") && r.started().isAfter(Instant.now().minusSeconds(5))).findFirst());
            String survivor = victim.node().equals("engine-1") ? "engine-2" : "engine-1";
            Proc kill = podman("kill", "--signal", "KILL", PROJECT + "_" + victim.node() + "_1");
            assertThat(kill.exit()).as(kill.describe()).isZero();
            Instant killed = Instant.now();

            // the survivor marks the killed run interrupted, naming the engine, and carries on
            Run marked = untilPresent(Duration.ofMinutes(1), victim.id() + " marked interrupted", () -> runs().stream()
                .filter(r -> r.id().equals(victim.id()) && r.status().equals("interrupted")).findFirst());
            assertThat(marked.error()).contains(victim.node());
            until(Duration.ofMinutes(5), "two runs succeeded on " + survivor + " after the kill", () -> runs().stream()
                .filter(r -> r.node().equals(survivor) && r.started().isAfter(killed) && r.status().equals("succeeded")).count() >= 2);
            assertThat(podman("inspect", "--format", "{{.State.Status}}", PROJECT + "_" + victim.node() + "_1").output().strip())
                .as("the killed engine stays down").isIn("exited", "stopped");
            // pause the schedule through the API, and let the last run end
            assertThat(api(survivor, "POST", "/api/scenarios/tick/pause").status()).isBetween(200, 202);
            until(Duration.ofMinutes(2), "no run of tick going on", () -> runs().stream().noneMatch(r -> r.status().equals("running")));
            Instant end = Instant.now();

            List<Run> runs = runs();
            // each fire ran once: the killed one was never started again, on either engine
            Map<Instant, List<Run>> byFire = new TreeMap<>();
            runs.forEach(r -> byFire.computeIfAbsent(r.scheduled(), k -> new ArrayList<>()).add(r));
            byFire.forEach((t, l) -> assertThat(l).as("runs of the fire at " + t).hasSize(1));
            assertThat(byFire.get(victim.scheduled())).extracting(Run::id).containsExactly(victim.id());
            // the killed run is the only one left unfinished; no two runs of tick overlapped
            List<Run> others = runs.stream().filter(r -> !r.id().equals(victim.id())).sorted(java.util.Comparator.comparing(Run::started)).toList();
            assertThat(others).extracting(Run::status).doesNotContain("running", "interrupted");
            for (int i = 1; i < others.size(); i++) {
                assertThat(others.get(i).started()).as(others.get(i).id() + " starts after " + others.get(i - 1).id() + " ended")
                    .isAfterOrEqualTo(others.get(i - 1).ended());
            }
            assertThat(runs.size()).as("fires from %s to %s", begin, end).isGreaterThanOrEqualTo(5);
        } finally {
            Proc logs = compose("logs");
            Files.writeString(dir.resolve("compose.log"), logs.output());
            compose("down");
            podman("volume", "rm", "-f", PROJECT + "_pgdata", PROJECT + "_engine-1-home", PROJECT + "_engine-2-home");
            podman("network", "rm", "-f", PROJECT + "_default");
        }
    }

    /** The runs of tick from the runs table (either engine's API), with their fire times from the engines' volumes. */
    private List<Run> runs() {
        Map<String, Instant> scheduled = new HashMap<>();
        for (String node : List.of("engine-1", "engine-2")) {
            Path home = Path.of(podman("volume", "inspect", "--format", "{{.Mountpoint}}", PROJECT + "_" + node + "-home").output().strip());
            Path runs = home.resolve("runs");
            if (!Files.isDirectory(runs)) {
                continue;
            }
            try (Stream<Path> folders = Files.list(runs)) {
                for (Path f : folders.toList()) {
                    Path fire = f.resolve("fire.json");
                    if (Files.isRegularFile(fire)) {
                        String at = JSON.readTree(fire.toFile()).path("scheduledAt").asText(null);
                        if (at != null) {
                            scheduled.put(f.getFileName().toString(), Instant.parse(at));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String node = alive("engine-1") ? "engine-1" : "engine-2";
        List<Run> out = new ArrayList<>();
        for (JsonNode r : api(node, "GET", "/api/runs?scenario=tick&limit=500").body()) {
            String id = r.path("id").asText();
            if (r.path("id").isMissingNode() || r.path("id").isNull() || !scheduled.containsKey(id)) {
                continue; // queued, or its fire.json not written yet
            }
            String ended = r.path("endedAt").asText(null);
            out.add(new Run(id, r.path("host").asText(), r.path("status").asText(), scheduled.get(id), Instant.parse(r.path("startedAt").asText()),
                ended == null ? null : Instant.parse(ended), r.path("error").asText("")));
        }
        return out;
    }

    record Reply(int status, JsonNode body) {}

    private Reply api(String node, String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + ports.get(node) + path))
            .header("Authorization", "Bearer " + env.get("KARAKURI_API_TOKEN"))
            .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> r = https.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " on " + node + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private boolean alive(String node) {
        return podman("inspect", "--format", "{{.State.Running}}", PROJECT + "_" + node + "_1").output().strip().equals("true");
    }

    private void awaitHealthy(String node) {
        until(Duration.ofMinutes(3), node + " answers /api/health, clustered", () -> {
            try {
                Reply r = api(node, "GET", "/api/health");
                return r.status() == 200 && r.body().path("clustered").asBoolean();
            } catch (UncheckedIOException notYet) {
                return false;
            }
        });
    }

    private Proc compose(String... args) {
        List<String> command = new ArrayList<>(List.of("podman-compose", "-p", PROJECT, "-f", "docker/compose.yaml"));
        command.addAll(List.of(args));
        Proc p = Proc.run(sources, env, SHORT, command);
        if (p.exit() != 0 && !args[0].equals("logs") && !args[0].equals("down")) {
            throw new AssertionError(p.describe());
        }
        return p;
    }

    private Proc podman(String... args) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        return Proc.run(dir, env, SHORT, command);
    }

    /** The repository's files as a clone holds them, with the archive {@code mvn package} made (for --dist archive). */
    private Path copyOfTheSources() throws IOException {
        Path root = Archive.root();
        Path copy = Files.createDirectories(dir.resolve("karakuri"));
        String files = Proc.ok(root, Map.of("PATH", "/usr/bin:/bin", "HOME", System.getProperty("user.home")), SHORT,
            "git", "ls-files", "--cached", "--others", "--exclude-standard");
        for (String f : files.split("\n")) {
            Path from = root.resolve(f);
            if (!f.isBlank() && Files.isRegularFile(from)) {
                Path to = copy.resolve(f);
                Files.createDirectories(to.getParent());
                Files.copy(from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Files.createDirectories(copy.resolve("dist/target"));
        Files.copy(Archive.tarGz(), copy.resolve("dist/target").resolve(Archive.tarGz().getFileName()));
        return copy;
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry("console", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    private static Map<String, String> dotEnv(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void until(Duration limit, String what, Supplier<Boolean> condition) {
        untilPresent(limit, what, () -> condition.get() ? Optional.of(true) : Optional.empty());
    }

    /** Polls {@code probe} (an outside system: containers, HTTP) every half second until it finds something. */
    private static <T> T untilPresent(Duration limit, String what, java.util.concurrent.Callable<Optional<T>> probe) {
        Instant deadline = Instant.now().plus(limit);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                Optional<T> got = probe.call();
                if (got.isPresent()) {
                    return got.get();
                }
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("waited " + limit + " for " + what, last);
    }
}
