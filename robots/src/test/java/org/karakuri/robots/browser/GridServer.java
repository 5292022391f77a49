package org.karakuri.robots.browser;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Selenium Grid for a test: the selenium-grid jar (copied with its own dependencies into
 * target/selenium-grid by the build) run as a standalone on loopback in a process of its own, with
 * the OS's chromedriver from the PATH and no Selenium Manager. Closing it stops the process and
 * every browser it started.
 */
final class GridServer implements AutoCloseable {
    private static final Path JARS = Path.of("target", "selenium-grid");
    private final Process process;
    private final int port;

    /**
     * @param maxSessions            browsers the Grid runs at once
     * @param requestTimeoutSeconds  how long a session request may wait in the Grid's queue
     */
    GridServer(int maxSessions, int requestTimeoutSeconds) throws IOException {
        if (!Files.isDirectory(JARS)) {
            throw new IllegalStateException(JARS.toAbsolutePath() + " is missing: build the robots module with Maven first");
        }
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", JARS.toAbsolutePath() + File.separator + "*", "org.openqa.selenium.grid.Main", "standalone",
            "--host", "127.0.0.1", "--port", String.valueOf(port), "--selenium-manager", "false",
            "--max-sessions", String.valueOf(maxSessions), "--override-max-sessions", "true",
            "--session-request-timeout", String.valueOf(requestTimeoutSeconds), "--detect-drivers", "false",
            "--enable-managed-downloads", "true",
            "--driver-configuration", "display-name=chromium", "max-sessions=" + maxSessions,
            "stereotype={\"browserName\": \"chrome\"}", "webdriver-executable=/usr/bin/chromedriver")
            .redirectErrorStream(true)
            .redirectOutput(Files.createTempFile("karakuri-grid-", ".log").toFile());
        process = pb.start();
        awaitReady();
    }

    /** The Grid's address, for {@code browser.grid}. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        BrowserWait.until(Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Grid stopped at start, exit " + process.exitValue());
            }
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create(url() + "/status")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
                return body.contains("\"ready\": true");
            } catch (IOException notYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, () -> new IllegalStateException("the Grid was not ready within 90 s"));
    }

    /** How many chromedriver processes the Grid runs now: one a browser session it holds. */
    long driversRunning() {
        return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("chromedriver")).orElse(false)).count();
    }

    /** Stops the Grid and what it started, as a crash would (no session is ended first). */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
