package org.karakuri.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.karakuri.i18n.Messages;
import org.karakuri.context.RunResult;
import org.karakuri.schedule.RunQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an operator that a run failed: a JSON POST to the webhook of {@code notifications.webhook} in
 * {@code engine.yaml} ({@code KARAKURI_NOTIFY_WEBHOOK}). The body holds the
 * scenario, the run, where to read the report and the masked error, never a variable, a secret or
 * the environment.
 */
public final class WebhookNotifier implements RunQueue.Listener {
    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final String host;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile CompletableFuture<?> last = CompletableFuture.completedFuture(null);

    WebhookNotifier(URI url, String host) {
        this.url = url;
        this.host = host;
    }

    /** The notifier the configuration asks for ({@code notifications.webhook}), if any. */
    public static Optional<WebhookNotifier> from(org.karakuri.config.NotifyConfig config, Path home, String host) {
        String url = config.webhook();
        if (url == null || url.isBlank()) {
            url = LegacyNotifyFile.read(home).map(n -> n.path("webhook").asText(null)).orElse(null);
        }
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new WebhookNotifier(URI.create(url.strip()), host));
    }

    @Override
    public void ended(RunQueue.Entry entry, RunResult result) {
        if (result.status() == RunResult.Status.SUCCEEDED) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "run-failed");
        body.put("scenario", entry.scenarioId());
        body.put("run", result.runId() != null ? result.runId() : entry.runId());
        body.put("status", result.status().name().toLowerCase(java.util.Locale.ROOT));
        body.put("trigger", entry.trigger());
        body.put("scheduledAt", entry.scheduledAt() == null ? null : entry.scheduledAt().toString());
        body.put("startedAt", entry.startedAt() == null ? null : entry.startedAt().toString());
        body.put("endedAt", Instant.now().toString());
        body.put("host", host);
        body.put("error", result.error());
        body.put("problems", result.problems().stream().map(p -> p.format(Messages.of(java.util.Locale.ENGLISH))).toList());
        body.put("report", result.report() == null ? null : result.report().toString());
        send(body);
    }

    private void send(Map<String, Object> body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        last = http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((res, err) -> {
            if (err != null) {
                log.error("failure notification to {} failed: {}", url.getHost(), err.getMessage());
            } else if (res.statusCode() >= 300) {
                log.error("failure notification to {} answered {}", url.getHost(), res.statusCode());
            }
        });
    }

    /** The last notification in flight (tests, shutdown). */
    CompletableFuture<?> lastSent() {
        return last;
    }
}
