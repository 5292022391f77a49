package org.karakuri.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.karakuri.audit.TrailVerifier;
import org.karakuri.i18n.Messages;
import org.karakuri.jp.MyNumber;
import org.karakuri.model.Scenario;
import org.karakuri.report.RunTrail.Evidence;
import org.karakuri.report.RunTrail.Group;
import org.karakuri.report.RunTrail.StepLine;
import org.karakuri.report.RunTrail.Touched;
import org.karakuri.context.RunResult;
import org.karakuri.spi.RunInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code report.html}: one self-contained page an auditor opens from a USB stick, with no
 * script and nothing to download. A summary band (outcome, items, time saved, trail status), a
 * timeline, then the run grouped as it went: the steps outside loops, and each item of a loop
 * with its key, outcome, the steps it took, the values entered (masked), the elements used and
 * its screenshots as thumbnails that open full size. Times are local to the second with their
 * offset (the scenario's time zone, else the machine's), paths relative to the scenario's
 * folder. One language, the reader's, with a switch to the other. Items that went well after
 * the first {@value #DETAILED_OK} are listed compactly, in pages, so a 10,000-row run's page
 * stays small; the trail keeps everything.
 */
public final class ReportPage {
    private static final Logger log = LoggerFactory.getLogger(ReportPage.class);
    static final int DETAILED_OK = 100;
    static final int DETAILED_NOT_OK = 500;
    static final int PAGE = 1_000;
    static final int MAX_IMAGES = 12;
    static final long MAX_IMAGE_BYTES = 3L << 20;
    static final int TIMELINE_BARS = 240;
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final Messages JA = Messages.of(Locale.JAPANESE);
    private static final Messages EN = Messages.of(Locale.ENGLISH);
    private static final String MASK = "********";

    private final Scenario scenario;
    private final RunInfo info;
    private final RunResult result;
    private final RunTrail trail;
    private final ZoneId zone;
    private final Sources sources;
    private final UnaryOperator<String> mask;
    private final StringBuilder h = new StringBuilder(64 * 1024);
    private long imageBytes;
    private int images;
    private int shots;
    private final List<String> notEmbedded = new ArrayList<>();

    private ReportPage(Scenario scenario, RunInfo info, RunResult result, RunTrail trail, UnaryOperator<String> mask) {
        this.scenario = scenario;
        this.info = info;
        this.result = result;
        this.trail = trail;
        this.zone = scenario.trigger() != null ? scenario.trigger().timeZone() : ZoneId.systemDefault();
        this.sources = new Sources(scenario.folder());
        this.mask = mask;
    }

    /**
     * Writes the report of a finished run (its trail sealed) to {@code file}, replacing it whole.
     * {@code mask} blanks the run's secrets in what does not come from the (already masked) trail.
     */
    public static void write(Path file, Scenario scenario, RunInfo info, RunResult result, UnaryOperator<String> mask) {
        String html = html(scenario, info, result, Messages.get().locale(), mask);
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot write the report {}: {}", file, e.getMessage());
        }
    }

    /** The page, shown first in {@code reader}'s language; My Numbers are blanked everywhere. */
    public static String html(Scenario scenario, RunInfo info, RunResult result, Locale reader, UnaryOperator<String> mask) {
        RunTrail trail = RunTrail.read(info.folder().resolve("audit.jsonl"), DETAILED_OK);
        UnaryOperator<String> all = s -> s == null ? null : MyNumber.maskAll(mask.apply(s), MASK);
        return new ReportPage(scenario, info, result, trail, all).render(Messages.isJapanese(reader));
    }

    private String render(boolean japanese) {
        String status = result.status().name().toLowerCase(Locale.ROOT);
        h.append("<!DOCTYPE html><html lang=\"").append(japanese ? "ja" : "en").append("\"><head><meta charset=\"UTF-8\">")
            .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>")
            .append(esc((japanese ? JA : EN).format("report.title", scenario.id(), info.id()))).append("</title><style>")
            .append(Style.CSS).append("</style></head><body>")
            .append("<input type=\"radio\" name=\"lang\" id=\"l-ja\" class=\"lang\"").append(japanese ? " checked" : "").append('>')
            .append("<input type=\"radio\" name=\"lang\" id=\"l-en\" class=\"lang\"").append(japanese ? "" : " checked").append('>')
            .append("<div class=\"page\">");
        band(status);
        timeline();
        groups();
        files();
        footer();
        h.append("</div></body></html>\n");
        return h.toString();
    }

    // ---- summary band ----

    private void band(String status) {
        h.append("<header class=\"band ").append(status.equals("succeeded") ? "ok" : "failed").append("\">")
            .append("<nav class=\"langs\"><label for=\"l-ja\" lang=\"ja\">日本語</label><label for=\"l-en\" lang=\"en\">English</label></nav>")
            .append("<h1>").append(esc(scenario.title() != null ? scenario.title() : scenario.id())).append("</h1>")
            .append("<p class=\"sub\"><code>").append(esc(scenario.id())).append("</code> · <code>")
            .append(esc(relative(String.valueOf(scenario.file())))).append("</code> · ").append(t("report.run")).append(" <code>")
            .append(esc(info.id())).append("</code></p><dl class=\"figures\">");
        figure("status", "report.outcome", "<strong>" + t("report.status." + status) + "</strong>");
        var c = result.counts();
        figure("items", "report.items", t("report.items-counts", c.itemsOk.get(), c.itemsFailed.get(), c.itemsSkipped.get(),
            c.itemsInvalid.get()));
        if (scenario.manualMinutes() != null) {
            int minutes = scenario.manualMinutes() * c.itemsProcessed(result.status() == RunResult.Status.SUCCEEDED);
            figure("saved", "report.saved", t("report.saved-minutes", minutes));
        }
        TrailVerifier.Result verified = TrailVerifier.verify(info.folder().resolve("audit.jsonl"));
        figure("trail", "report.trail", "<span class=\"" + (verified.intact() ? "good" : "bad") + "\">"
            + t(verified.intact() ? "report.trail-intact" : "report.trail-bad", verified.records()) + "</span>");
        Instant t0 = trail.startTime() != null ? trail.startTime() : info.started();
        Instant t1 = trail.endTime() != null ? trail.endTime() : t0;
        figure("when", "report.when", esc(full(t0)) + " → " + esc(sameDay(t0, t1) ? clock(t1) : full(t1)) + " ("
            + duration(Duration.between(t0, t1).toMillis()) + ")");
        if (trail.started != null) {
            figure("by", "report.by", esc(trail.started.text("by") + " / " + trail.started.text("trigger") + " / "
                + trail.started.text("host")));
        }
        h.append("</dl>");
        if (result.error() != null) {
            h.append("<p id=\"error\" class=\"bad\">").append(esc(relativeText(result.error()))).append("</p>");
        }
        h.append("</header>");
    }

    private void figure(String id, String key, String html) {
        h.append("<div id=\"").append(id).append("\"><dt>").append(t(key)).append("</dt><dd>").append(html).append("</dd></div>");
    }

    // ---- timeline ----

    /** The run on one time axis: a bar for each item (or each slice of items when there are many), by outcome. */
    private void timeline() {
        Instant t0 = trail.startTime();
        Instant t1 = trail.endTime();
        if (t0 == null || t1 == null || trail.groups.isEmpty()) {
            return;
        }
        double span = Math.max(1, Duration.between(t0, t1).toMillis());
        h.append("<section id=\"timeline\"><h2>").append(t("report.timeline")).append("</h2>")
            .append("<svg viewBox=\"0 0 1000 46\" preserveAspectRatio=\"none\" role=\"img\">");
        List<Group> all = trail.groups;
        int items = (int) all.stream().filter(g -> g.item).count();
        if (items <= TIMELINE_BARS) {
            for (Group g : all) {
                Instant end = g.end != null ? g.end : t1;
                double x = Duration.between(t0, g.start).toMillis() / span * 1000;
                double w = Math.max(1.5, Duration.between(g.start, end).toMillis() / span * 1000);
                h.append("<a href=\"#").append(anchor(g)).append("\"><rect class=\"").append(g.item ? g.outcome : "outside")
                    .append("\" x=\"").append(fmt(x)).append("\" y=\"").append(g.item ? 4 : 30).append("\" width=\"").append(fmt(w))
                    .append("\" height=\"").append(g.item ? 22 : 12).append("\"><title>").append(esc(groupTitle(g)))
                    .append("</title></rect></a>");
            }
        } else {
            // many items: slices of the time axis, each a stack of its items by outcome
            Map<Integer, Map<String, Integer>> slices = new HashMap<>();
            int most = 1;
            for (Group g : all) {
                int slice = (int) Math.min(TIMELINE_BARS - 1, Duration.between(t0, g.start).toMillis() / span * TIMELINE_BARS);
                if (!g.item) {
                    double x = Duration.between(t0, g.start).toMillis() / span * 1000;
                    double w = Math.max(1.5, Duration.between(g.start, g.end != null ? g.end : t1).toMillis() / span * 1000);
                    h.append("<rect class=\"outside\" x=\"").append(fmt(x)).append("\" y=\"30\" width=\"").append(fmt(w))
                        .append("\" height=\"12\"/>");
                    continue;
                }
                Map<String, Integer> counts = slices.computeIfAbsent(slice, k -> new HashMap<>());
                most = Math.max(most, counts.merge(g.outcome, 1, Integer::sum));
            }
            double w = 1000.0 / TIMELINE_BARS;
            for (var slice : slices.entrySet()) {
                int total = slice.getValue().values().stream().mapToInt(Integer::intValue).sum();
                double y = 26;
                for (String outcome : List.of("ok", "skipped", "invalid", "interrupted", "failed")) {
                    int n = slice.getValue().getOrDefault(outcome, 0);
                    if (n == 0) {
                        continue;
                    }
                    double height = 22.0 * n / Math.max(total, 1);
                    y -= height;
                    h.append("<rect class=\"").append(outcome).append("\" x=\"").append(fmt(slice.getKey() * w)).append("\" y=\"")
                        .append(fmt(y)).append("\" width=\"").append(fmt(w)).append("\" height=\"").append(fmt(height)).append("\"/>");
                }
            }
        }
        h.append("</svg><p class=\"axis\"><span>").append(esc(clock(t0))).append("</span><span class=\"legend\">");
        for (String o : List.of("ok", "failed", "invalid", "skipped")) {
            h.append("<i class=\"").append(o).append("\"></i>").append(outcome(o)).append(' ');
        }
        h.append("<i class=\"outside\"></i>").append(t("report.outside")).append("</span><span>").append(esc(clock(t1)))
            .append("</span></p></section>");
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    // ---- groups ----

    private void groups() {
        h.append("<section id=\"groups\"><h2>").append(t("report.groups")).append("</h2>");
        int detailedNotOk = 0;
        List<Group> compact = new ArrayList<>();
        for (Group g : trail.groups) {
            boolean detailed = g.detailed && (g.wentWell() || !g.item || detailedNotOk++ < DETAILED_NOT_OK);
            if (!detailed) {
                compact.add(g);
                continue;
            }
            flush(compact);
            group(g);
        }
        flush(compact);
        if (trail.detailedOk > DETAILED_OK) {
            h.append("<p class=\"note\">").append(t("report.compact-note", DETAILED_OK)).append("</p>");
        }
        if (!notEmbedded.isEmpty()) {
            h.append("<p class=\"note\">").append(t("report.not-embedded", MAX_IMAGES, String.join(", ", notEmbedded))).append("</p>");
        }
        h.append("</section>");
    }

    private void group(Group g) {
        String outcome = g.outcome == null ? "ok" : g.outcome;
        boolean open = !g.wentWell() || !g.item && !"ok".equals(outcome);
        h.append("<details class=\"group ").append(g.item ? "item " : "outside ").append(outcome).append("\" id=\"").append(anchor(g))
            .append('"').append(open ? " open" : "").append("><summary>");
        if (g.item) {
            h.append("<span class=\"key\">").append(esc(g.label)).append("</span>");
            if (g.browser > 0) {
                h.append(" <span class=\"browser\">").append(t("report.browser", g.browser)).append("</span>");
            }
        } else {
            h.append("<span class=\"key\">").append(t("report.outside")).append("</span>");
        }
        h.append(" <span class=\"o ").append(outcome).append("\">").append(outcome(outcome)).append("</span>")
            .append(" <span class=\"time\">").append(esc(clock(g.start)));
        if (g.end != null && !g.end.equals(g.start)) {
            h.append("–").append(esc(clock(g.end)));
        }
        h.append("</span>");
        long ms = g.ms >= 0 ? g.ms : g.end == null ? -1 : Duration.between(g.start, g.end).toMillis();
        if (ms >= 0) {
            h.append(" <span class=\"ms\">").append(duration(ms)).append("</span>");
        }
        h.append("</summary>");
        if (g.error != null && g.item) {
            h.append("<p class=\"bad\">").append(esc(relativeText(g.error))).append("</p>");
        }
        steps(g.steps);
        touched(g.touched);
        shots(g);
        for (Group child : g.children) {
            group(child);
        }
        h.append("</details>");
    }

    private void steps(List<StepLine> steps) {
        if (steps.isEmpty()) {
            return;
        }
        h.append("<table class=\"steps\"><tr><th>").append(t("report.at")).append("</th><th>").append(t("report.step"))
            .append("</th><th>").append(t("report.outcome")).append("</th><th>").append(t("report.duration")).append("</th></tr>");
        for (StepLine s : steps) {
            String outcome = s.outcome == null ? "ok" : s.outcome;
            h.append("<tr class=\"").append(outcome).append("\"><td><code>").append(esc(relativePlace(s.at))).append("</code></td><td>")
                .append(esc(mask.apply(sources.step(s.at, s.label, s.action))));
            for (String note : s.notes) {
                h.append("<div class=\"note\">").append(esc(relativeText(note))).append("</div>");
            }
            h.append("</td><td>").append(outcome.equals("ok") ? "<span class=\"o ok\">✓</span>"
                : "<span class=\"o " + outcome + "\">" + outcome(outcome) + "</span>");
            if (s.attempts > 1) {
                h.append(" ").append(t("report.attempts", s.attempts));
            }
            if (s.error != null) {
                h.append("<div class=\"bad\">").append(esc(relativeText(s.error))).append("</div>");
            }
            h.append("</td><td class=\"num\">").append(s.ms >= 0 ? duration(s.ms) : "").append("</td></tr>");
        }
        h.append("</table>");
    }

    private void touched(List<Touched> touched) {
        List<Touched> entered = touched.stream().filter(x -> x.value() != null).toList();
        if (!entered.isEmpty()) {
            h.append("<h4>").append(t("report.entered")).append("</h4><table class=\"entered\"><tr><th>").append(t("report.field"))
                .append("</th><th>").append(t("report.value")).append("</th></tr>");
            for (Touched x : entered) {
                h.append("<tr><td>").append(esc(x.target())).append("</td><td>").append(esc(x.value())).append("</td></tr>");
            }
            h.append("</table>");
        }
        if (!touched.isEmpty()) {
            h.append("<h4>").append(t("report.touched")).append("</h4><table class=\"touched\"><tr><th>").append(t("report.step"))
                .append("</th><th>").append(t("report.element")).append("</th><th>").append(t("report.position")).append("</th></tr>");
            for (Touched x : touched) {
                h.append("<tr><td>").append(esc(x.action())).append(": ").append(esc(x.target())).append(" <code>")
                    .append(esc(relativePlace(x.at()))).append("</code></td><td><code>&lt;").append(esc(x.tag())).append("&gt;</code> ")
                    .append(esc(x.text())).append("</td><td class=\"num\">");
                if (x.x() != null) {
                    h.append('(').append(esc(String.valueOf(x.x()))).append(", ").append(esc(String.valueOf(x.y()))).append(')');
                }
                h.append("</td></tr>");
            }
            h.append("</table>");
        }
    }

    /** Screenshots as thumbnails; a click shows one full size (CSS :target, no script). */
    private void shots(Group g) {
        if (g.evidence.isEmpty()) {
            return;
        }
        h.append("<div class=\"shots\">");
        for (Evidence e : g.evidence) {
            Path png = evidenceFile(e.file());
            String name = e.name() != null ? e.name() : String.valueOf(e.file());
            byte[] bytes = null;
            try {
                if (png != null && images < MAX_IMAGES && imageBytes + Files.size(png) <= MAX_IMAGE_BYTES) {
                    bytes = Files.readAllBytes(png);
                }
            } catch (IOException ex) {
                log.warn("cannot embed {}: {}", png, ex.getMessage());
            }
            String caption = esc(name) + " — <code>" + esc(relativePlace(e.at())) + "</code> — SHA-256 <code>" + esc(e.sha256()) + "</code>";
            if (bytes == null) {
                notEmbedded.add(relative(String.valueOf(png != null ? png : e.file())));
                h.append("<p class=\"note\">").append(caption).append("</p>");
                continue;
            }
            images++;
            imageBytes += bytes.length;
            String id = "shot-" + (++shots);
            h.append("<figure class=\"shot\" id=\"").append(id).append("\"><a class=\"open\" href=\"#").append(id).append("\">")
                .append("<img alt=\"").append(esc(name)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(bytes)).append("\"></a><a class=\"close\" href=\"#").append(anchor(g))
                .append("\">× ").append(t("report.close")).append("</a><figcaption>").append(caption).append("</figcaption></figure>");
        }
        h.append("</div>");
    }

    private Path evidenceFile(String file) {
        if (file == null) {
            return null;
        }
        Path p = info.folder().resolve("evidence").resolve(file).normalize();
        if (p.startsWith(info.folder()) && Files.isRegularFile(p)) {
            return p;
        }
        Path direct = Path.of(file);
        return Files.isRegularFile(direct) ? direct : null;
    }

    /** Items beyond the detailed ones: one line each, in collapsed pages of {@value #PAGE}. */
    private void flush(List<Group> compact) {
        for (int from = 0; from < compact.size(); from += PAGE) {
            List<Group> page = compact.subList(from, Math.min(compact.size(), from + PAGE));
            Map<String, Integer> outcomes = new java.util.TreeMap<>();
            page.forEach(g -> outcomes.merge(g.outcome, 1, Integer::sum));
            h.append("<details class=\"compact\"><summary>").append(t("report.page", page.get(0).index, page.get(page.size() - 1).index))
                .append(' ');
            outcomes.forEach((o, n) -> h.append("<span class=\"o ").append(o).append("\">").append(outcome(o))
                .append(" ").append(n).append("</span> "));
            h.append("</summary><table class=\"compact\">");
            for (Group g : page) {
                h.append("<tr class=\"").append(g.outcome).append("\" id=\"").append(anchor(g)).append("\"><td>").append(esc(g.label))
                    .append(g.browser > 0 ? " <span class=\"browser\">" + t("report.browser", g.browser) + "</span>" : "")
                    .append("<td>").append(clock(g.start)).append("<td>").append(g.ms >= 0 ? duration(g.ms) : "");
                if (!g.wentWell() && g.error != null) {
                    h.append("<td class=\"bad\">").append(esc(relativeText(g.error)));
                }
            }
            h.append("</table></details>");
        }
        compact.clear();
    }

    // ---- files and footer ----

    private void files() {
        if (trail.files.isEmpty()) {
            return;
        }
        h.append("<section id=\"files\"><h2>").append(t("report.files")).append("</h2><table><tr><th>").append(t("report.outcome"))
            .append("</th><th>").append(t("report.file")).append("</th><th>SHA-256</th><th>").append(t("report.at")).append("</th></tr>");
        for (Evidence e : trail.files) {
            h.append("<tr><td>").append(t("report.file-event." + e.type())).append("</td><td>").append(esc(relative(e.file())));
            if (e.to() != null) {
                h.append(" → ").append(esc(relative(e.to())));
            }
            h.append("</td><td><code>").append(esc(e.sha256() == null ? "" : e.sha256())).append("</code></td><td><code>")
                .append(esc(relativePlace(e.at()))).append("</code></td></tr>");
        }
        h.append("</table></section>");
    }

    private void footer() {
        h.append("<footer>");
        if (trail.started != null) {
            h.append(t("report.file-sha256")).append(" <code>").append(esc(trail.started.text("sha256"))).append("</code> · ")
                .append("Karakuri ").append(esc(trail.started.text("engine"))).append(" · ");
        }
        h.append(t("report.zone", zone.getId())).append("</footer>");
    }

    // ---- helpers ----

    /** An outcome in words; one the report does not know as it is written in the trail. */
    private static String outcome(String outcome) {
        return EN.has("report.outcome." + outcome) ? t("report.outcome." + outcome) : esc(outcome);
    }

    /** A message in both languages, each in its own span; the page shows the chosen one. */
    private static String t(String key, Object... args) {
        String ja = JA.format(key, args);
        String en = EN.format(key, args);
        if (ja.equals(en)) {
            return esc(ja);
        }
        return "<span class=\"ja\">" + esc(ja) + "</span><span class=\"en\">" + esc(en) + "</span>";
    }

    private String groupTitle(Group g) {
        String label = g.item ? g.label : EN.format("report.outside");
        return label + " — " + (g.outcome == null ? "" : g.outcome) + " — " + clock(g.start);
    }

    private static String anchor(Group g) {
        return g.item ? "item-" + g.depth + "-" + g.index + "-" + Integer.toHexString(String.valueOf(g.loop).hashCode())
            : "steps-" + g.start.toEpochMilli();
    }

    private String full(Instant t) {
        return FULL.format(ZonedDateTime.ofInstant(t, zone));
    }

    private String clock(Instant t) {
        return t == null ? "" : CLOCK.format(ZonedDateTime.ofInstant(t, zone));
    }

    private boolean sameDay(Instant a, Instant b) {
        return ZonedDateTime.ofInstant(a, zone).toLocalDate().equals(ZonedDateTime.ofInstant(b, zone).toLocalDate());
    }

    /** 850 ms, 12.3 s, 2:31, 1:02:03: the same in both languages. */
    static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        return s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
            : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** A path relative to the scenario's folder (or the run's folder) when it is inside one of them. */
    private String relative(String path) {
        if (path == null || path.isEmpty() || path.equals("null")) {
            return "";
        }
        try {
            Path p = Path.of(path);
            if (!p.isAbsolute()) {
                return path;
            }
            Path n = p.normalize();
            if (n.startsWith(info.folder())) {
                return info.folder().relativize(n).toString();
            }
            Path folder = scenario.folder().toAbsolutePath().normalize();
            return n.startsWith(folder) ? folder.relativize(n).toString() : path;
        } catch (RuntimeException e) {
            return path;
        }
    }

    /** A message with the scenario's folder (and the run's) left out of the paths it names. */
    private String relativeText(String text) {
        if (text == null) {
            return null;
        }
        String out = mask.apply(text).replace(info.folder() + java.io.File.separator, "");
        String folder = scenario.folder().toAbsolutePath().normalize() + java.io.File.separator;
        return out.replace(folder, "");
    }

    /** {@code file:line:col} with the file relative to the scenario's folder. */
    private String relativePlace(String at) {
        if (at == null) {
            return "";
        }
        Sources.Place p = Sources.Place.parse(at);
        return p == null ? at : relative(p.file()) + ":" + p.line() + ":" + p.column();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
