package org.karakuri.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.karakuri.i18n.Messages;
import org.karakuri.context.RunResult;
import org.karakuri.schedule.RunQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails an operator when a run fails, through Camel's mail component. Configured by the
 * {@code notifications:} section of {@code engine.yaml} ({@code smtp}, {@code mail-to}, {@code mail-from},
 * or {@code KARAKURI_NOTIFY_SMTP}, {@code KARAKURI_NOTIFY_MAIL_TO}, {@code KARAKURI_NOTIFY_MAIL_FROM}).
 * The mail holds the scenario, the run, the masked error and
 * where the report is; never a variable or a secret.
 */
public final class MailNotifier implements RunQueue.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MailNotifier.class);

    private final String endpoint;
    private final String host;
    private CamelContext camel;
    private ProducerTemplate producer;

    MailNotifier(String smtp, String from, String to, String host) {
        String hostPort = smtp.replaceFirst("^smtps?://", "");
        this.endpoint = "smtp://" + hostPort + "?from=" + enc(from) + "&to=" + enc(to)
            + "&contentType=" + enc("text/plain; charset=UTF-8") + "&connectionTimeout=10000";
        this.host = host;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The notifier the configuration asks for ({@code notifications.smtp}, {@code notifications.mail-to}, {@code notifications.mail-from}), if any. */
    public static Optional<MailNotifier> from(org.karakuri.config.NotifyConfig config, Path home, String host) {
        String smtp = config.smtp();
        String to = config.mailTo().isEmpty() ? null : String.join(",", config.mailTo());
        String from = config.mailFrom();
        if (smtp == null || to == null) {
            Optional<JsonNode> legacy = LegacyNotifyFile.read(home).map(n -> n.path("mail"));
            if (legacy.isPresent()) {
                JsonNode mail = legacy.get();
                smtp = smtp != null ? smtp : mail.path("smtp").asText(null);
                to = to != null ? to : mail.path("to").isArray() ? String.join(",", toList(mail.path("to"))) : mail.path("to").asText(null);
                from = from != null ? from : mail.path("from").asText(null);
            }
        }
        if (smtp == null || smtp.isBlank() || to == null || to.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new MailNotifier(smtp.strip(), from == null || from.isBlank() ? "karakuri@" + host : from.strip(), to.strip(), host));
    }

    private static java.util.List<String> toList(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public synchronized void ended(RunQueue.Entry entry, RunResult result) {
        if (result.status() == RunResult.Status.SUCCEEDED) {
            return;
        }
        Messages ja = Messages.of(Locale.JAPANESE);
        Messages en = Messages.of(Locale.ENGLISH);
        String run = result.runId() != null ? result.runId() : entry.runId();
        String subject = "[Karakuri] " + ja.format("notify.subject", entry.scenarioId(), run) + " / "
            + en.format("notify.subject", entry.scenarioId(), run);
        StringBuilder body = new StringBuilder();
        for (Messages m : new Messages[] {ja, en}) {
            body.append(m.format("notify.body", entry.scenarioId(), run, result.status().name().toLowerCase(Locale.ROOT), host,
                String.valueOf(result.error()), result.report() == null ? "-" : result.report().toString())).append("\n\n");
        }
        result.problems().forEach(p -> body.append(p.format(en)).append('\n'));
        try {
            // RFC 2047: a Japanese subject travels as an encoded word, readable by every mail client
            String encoded = jakarta.mail.internet.MimeUtility.encodeText(subject, "UTF-8", "B");
            producer().sendBody(endpoint + "&subject=RAW(" + encoded + ")", body.toString());
        } catch (java.io.UnsupportedEncodingException | RuntimeException e) {
            log.error("failure mail through {} failed: {}", endpoint.replaceAll("\\?.*", ""), e.getMessage());
        }
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            camel = new DefaultCamelContext();
            camel.disableJMX();
            camel.start();
            producer = camel.createProducerTemplate();
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (camel != null) {
            camel.stop();
        }
    }
}
