package org.karakuri.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import org.karakuri.context.Counts;
import org.karakuri.context.Masker;
import org.karakuri.event.RunEvent;
import org.karakuri.i18n.Messages;
import org.karakuri.model.Scenario;
import org.karakuri.spi.RunInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code report.html}: one self-contained page (no script, no external file) that a person
 * opens from a USB stick: status, who and when, the steps with their durations, each item's
 * outcome, the failure with its file:line:col, and the evidence with hashes.
 */
final class ReportWriter {
    private static final Logger log = LoggerFactory.getLogger(ReportWriter.class);

    private ReportWriter() {}

    private static final int MAX_IMAGES = 12;
    private static final long MAX_IMAGE_BYTES = 3L << 20;

    /** Both languages: the reader's first, the other after a slash. */
    private record Bilingual(Messages first, Messages second) {
        String format(String key, Object... args) {
            String a = first.format(key, args);
            String b = second.format(key, args);
            return a.equals(b) ? a : a + " / " + b;
        }

        java.util.Locale locale() {
            return first.locale();
        }
    }

    static void write(Path file, Scenario scenario, RunInfo info, RunSummary summary, RunResult result, Masker masker) {
        Messages reader = Messages.get();
        Bilingual m = new Bilingual(reader, Messages.of(Messages.isJapanese(reader.locale()) ? java.util.Locale.ENGLISH : java.util.Locale.JAPANESE));
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html><html lang=\"").append(m.locale().getLanguage()).append("\"><head><meta charset=\"UTF-8\">")
            .append("<title>").append(esc(m.format("report.title", scenario.id(), info.id()))).append("</title><style>")
            .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .append("td,th{border:1px solid #bbb;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#eee}")
            .append(".ok{color:#176a1e}.failed{color:#b00020;font-weight:bold}.skipped{color:#777}code{background:#f4f4f4}")
            .append("</style></head><body>");
        String status = result.status().name().toLowerCase();
        h.append("<h1>").append(esc(scenario.title() != null ? scenario.title() : scenario.id())).append("</h1>");
        h.append("<p class=\"").append(status.equals("succeeded") ? "ok" : "failed").append("\" id=\"status\">")
            .append(esc(m.format("report.status." + status))).append("</p>");
        h.append("<table>");
        row(h, m.format("report.scenario"), scenario.id() + " (" + scenario.file() + ")");
        row(h, m.format("report.run"), info.id());
        RunEvent started = summary.started();
        if (started != null) {
            row(h, m.format("report.by"), started.get("by") + " / " + started.get("trigger") + " / " + started.get("host"));
            row(h, m.format("report.file-sha256"), String.valueOf(started.get("sha256")));
        }
        RunEvent ended = summary.ended();
        Instant t0 = info.started();
        Instant t1 = ended != null ? ended.time() : t0;
        row(h, m.format("report.when"), t0 + " → " + t1 + " (" + Duration.between(t0, t1).toMillis() + " ms)");
        Counts c = result.counts();
        row(h, m.format("report.items"), m.format("report.items-counts", c.itemsOk.get(), c.itemsFailed.get(), c.itemsSkipped.get(),
            c.itemsInvalid.get()));
        if (scenario.manualMinutes() != null) {
            row(h, m.format("report.saved"), m.format("report.saved-minutes",
                scenario.manualMinutes() * c.itemsProcessed(result.status() == RunResult.Status.SUCCEEDED)));
        }
        if (result.error() != null) {
            h.append("<tr><th>").append(esc(m.format("report.error"))).append("</th><td class=\"failed\" id=\"error\">")
            .append(esc(masker.mask(result.error()))).append("</td></tr>");
        }
        org.karakuri.audit.TrailVerifier.Result trail = org.karakuri.audit.TrailVerifier.verify(info.folder().resolve("audit.jsonl"));
        h.append("<tr><th>").append(esc(m.format("report.trail"))).append("</th><td id=\"trail\" class=\"")
            .append(trail.intact() ? "ok" : "failed").append("\">")
            .append(esc(m.format(trail.intact() ? "report.trail-intact" : "report.trail-bad", trail.records())))
            .append("</td></tr>");
        h.append("</table>");

        h.append("<h2>").append(esc(m.format("report.steps"))).append("</h2><table><tr><th>")
            .append(esc(m.format("report.at"))).append("</th><th>").append(esc(m.format("report.step"))).append("</th><th>")
            .append(esc(m.format("report.outcome"))).append("</th><th>ms</th></tr>");
        java.util.Map<String, String> labels = new java.util.HashMap<>();
        for (RunEvent e : summary.steps()) {
            if (e.type().equals("step-started")) {
                labels.put(e.step(), String.valueOf(e.get("label")));
                continue;
            }
            String outcome = e.type().equals("step-ended") ? String.valueOf(e.get("outcome")) : e.type();
            h.append("<tr><td><code>").append(esc(String.valueOf(e.position()))).append("</code></td><td>")
                .append(esc(labels.getOrDefault(e.step(), ""))).append("</td><td class=\"").append(esc(outcome)).append("\">")
                .append(esc(outcome)).append(e.get("error") != null ? " — " + esc(masker.mask(String.valueOf(e.get("error")))) : "")
                .append("</td><td>").append(e.get("ms") == null ? "" : e.get("ms")).append("</td></tr>");
        }
        h.append("</table>");
        if (!summary.items().isEmpty()) {
            h.append("<h2>").append(esc(m.format("report.item-list"))).append("</h2><table><tr><th>#</th><th>")
                .append(esc(m.format("report.item"))).append("</th><th>").append(esc(m.format("report.outcome"))).append("</th></tr>");
            for (RunEvent e : summary.items()) {
                String outcome = String.valueOf(e.get("outcome"));
                Object why = e.get("error") != null ? e.get("error") : e.get("reason");
                h.append("<tr><td>").append(e.get("index")).append("</td><td>").append(esc(String.valueOf(e.get("label"))))
                    .append("</td><td class=\"").append(esc(outcome)).append("\">").append(esc(outcome))
                    .append(why != null ? " — " + esc(masker.mask(String.valueOf(why))) : "").append("</td></tr>");
            }
            h.append("</table>");
        }
        if (!summary.evidence().isEmpty()) {
            h.append("<h2>").append(esc(m.format("report.evidence"))).append("</h2><table>");
            for (RunEvent e : summary.evidence()) {
                h.append("<tr><td>").append(esc(e.type())).append("</td><td>")
                    .append(esc(String.valueOf(e.data().getOrDefault("file", e.data().getOrDefault("to", "")))))
                    .append("</td><td><code>").append(esc(String.valueOf(e.data().getOrDefault("sha256", "")))).append("</code></td></tr>");
            }
            h.append("</table>");
        }
        images(h, m, summary, info);
        h.append("</body></html>\n");
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, h, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot write the report {}: {}", file, e.getMessage());
        }
    }

    /** Screenshots embedded as data URIs, so the page stays one file that opens anywhere. */
    private static void images(StringBuilder h, Bilingual m, RunSummary summary, RunInfo info) {
        long total = 0;
        int shown = 0;
        for (RunEvent e : summary.evidence()) {
            if (!e.type().equals("screenshot") || shown >= MAX_IMAGES) {
                continue;
            }
            Path png = info.folder().resolve("evidence").resolve(String.valueOf(e.data().getOrDefault("file", ""))).normalize();
            if (!png.startsWith(info.folder()) || !Files.isRegularFile(png)) {
                png = Path.of(String.valueOf(e.data().getOrDefault("file", "")));
            }
            try {
                if (!Files.isRegularFile(png) || total + Files.size(png) > MAX_IMAGE_BYTES) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(png);
                total += bytes.length;
                if (shown++ == 0) {
                    h.append("<h2>").append(esc(m.format("report.screenshots"))).append("</h2>");
                }
                h.append("<figure><img style=\"max-width:100%;border:1px solid #bbb\" alt=\"").append(esc(String.valueOf(e.get("name"))))
                    .append("\" src=\"data:image/png;base64,").append(java.util.Base64.getEncoder().encodeToString(bytes))
                    .append("\"><figcaption>").append(esc(String.valueOf(e.get("name")))).append(" — ")
                    .append(esc(String.valueOf(e.position()))).append(" — SHA-256 <code>").append(esc(String.valueOf(e.get("sha256"))))
                    .append("</code></figcaption></figure>");
            } catch (IOException ex) {
                log.warn("cannot embed {}: {}", png, ex.getMessage());
            }
        }
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
