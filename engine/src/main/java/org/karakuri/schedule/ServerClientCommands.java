package org.karakuri.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.karakuri.i18n.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code schedule list | pause | resume | trigger}: the running server's HTTP API from the command
 * line. The server is {@code --server}, else {@code KARAKURI_SERVER}, else
 * {@code http://127.0.0.1:8765}; the token is {@code KARAKURI_API_TOKEN}.
 */
final class ServerClientCommands {
    static final String DEFAULT_SERVER = "http://127.0.0.1:8765";

    private ServerClientCommands() {}

    /** Options and the one request every client command makes. */
    abstract static class Client implements Callable<Integer> {
        @Option(names = "--server", paramLabel = "URL", description = "The server (default: KARAKURI_SERVER or " + DEFAULT_SERVER + ").")
        String server;

        @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the API token (./karakuri user token NAME); default: KARAKURI_API_TOKEN.")
        java.nio.file.Path tokenFile;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** Sends the request; prints the error and returns null when it failed. */
        JsonNode call(String method, String path) {
            Map<String, String> env = System.getenv();
            String base = server != null ? server : env.getOrDefault("KARAKURI_SERVER", DEFAULT_SERVER);
            base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Accept", "application/json");
            String token = env.get("KARAKURI_API_TOKEN");
            if (tokenFile != null) {
                try {
                    token = java.nio.file.Files.readString(tokenFile, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    spec.commandLine().getErr().println(Messages.get().format("client.no-token-file", tokenFile, String.valueOf(e.getMessage())));
                    return null;
                }
            }
            if (token != null && !token.isBlank()) {
                req.header("Authorization", "Bearer " + token.strip());
            }
            PrintWriter err = spec.commandLine().getErr();
            try {
                HttpResponse<String> res = HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                JsonNode body = res.body().isBlank() ? null : new ObjectMapper().readTree(res.body());
                if (res.statusCode() >= 300) {
                    String message = body != null && body.hasNonNull("error") ? body.get("error").asText() : res.body();
                    err.println(Messages.get().format("client.refused", res.statusCode(), message));
                    return null;
                }
                return body == null ? new ObjectMapper().createObjectNode() : body;
            } catch (IOException e) {
                err.println(Messages.get().format("client.unreachable", base, String.valueOf(e.getMessage())));
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    @Command(name = "list", description = {"List the server's scenarios: validity, paused or not, next fire time.",
        "サーバーのシナリオ一覧（検証結果・一時停止・次回実行）を表示します。"})
    static final class List extends Client {
        @Override
        public Integer call() {
            JsonNode all = call("GET", "/api/scenarios");
            if (all == null) {
                return 1;
            }
            PrintWriter out = spec.commandLine().getOut();
            for (JsonNode s : all) {
                String next = s.path("nextFireTimes").isArray() && s.path("nextFireTimes").size() > 0
                    ? s.path("nextFireTimes").get(0).asText() : "-";
                out.printf("%-30s %-9s %-7s %s%n", s.path("id").asText(), s.path("status").asText(),
                    s.path("paused").asBoolean() ? "paused" : "", next);
                for (JsonNode p : s.path("problems")) {
                    out.println("  " + p.asText());
                }
            }
            out.flush();
            return 0;
        }
    }

    abstract static class OnScenario extends Client {
        @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario id.")
        String id;

        abstract String action();

        @Override
        public Integer call() {
            JsonNode r = call("POST", "/api/scenarios/" + id + "/" + action());
            if (r == null) {
                return 1;
            }
            spec.commandLine().getOut().println(Messages.get().format("client." + action(), id, r.path("run").asText("")));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "pause", description = {"Pause a scenario's schedule on the server.", "サーバー上のシナリオのスケジュールを一時停止します。"})
    static final class Pause extends OnScenario {
        @Override
        String action() {
            return "pause";
        }
    }

    @Command(name = "resume", description = {"Resume a paused scenario's schedule.", "一時停止したスケジュールを再開します。"})
    static final class Resume extends OnScenario {
        @Override
        String action() {
            return "resume";
        }
    }

    @Command(name = "trigger", description = {"Run a scenario on the server now.", "サーバー上でシナリオを今すぐ実行します。"})
    static final class Trigger extends OnScenario {
        @Override
        String action() {
            return "trigger";
        }
    }
}
