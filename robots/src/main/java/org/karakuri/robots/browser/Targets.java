package org.karakuri.robots.browser;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages.Text;
import org.karakuri.model.Durations;
import org.karakuri.i18n.Position;
import org.karakuri.spi.StepContext;
import org.openqa.selenium.WebElement;

/**
 * Finds what a step names the way a person reads the page. A plain text is, in order: the field
 * its {@code <label>} (or the table cell, {@code <dt>} or text just before it) says, then a
 * {@code name} or {@code id}, then a placeholder, title or aria-label, then a button or link with
 * that text. Texts are compared trimmed, NFKC-normalised and without a trailing {@code :} or
 * {@code ：}; an exact match beats a partial one; only visible elements count. {@code css:},
 * {@code xpath:}, {@code id:}, {@code name:}, {@code text:} and {@code label:} say exactly how.
 *
 * <p>Each lookup is one script in the page (karakuri.js) that scores every candidate; the best
 * one wins, several equally good ones are an error listing them, none after the timeout is an
 * error listing what the page does show.
 */
final class Targets {
    private static final Pattern PREFIX = Pattern.compile("^(css|xpath|id|name|text|label):\\s*(.+)$", Pattern.DOTALL);

    /** What kind of element a step needs; decides the candidates and the noun in messages. */
    enum Kind {
        FIELD("field"), CHECK("check"), FILE("file"), CLICK("click"), ANY("any"), TABLE("table"), LIST("list");

        final String js;

        Kind(String js) {
            this.js = js;
        }

        Text noun() {
            return new Text("browser.kind." + js);
        }
    }

    /** A target found in the page; {@code group} when it stands for a group of radio buttons. */
    record Found(WebElement element, boolean group) {}

    private Targets() {}

    /** The script's description of a target: {@code {mode, value, kind}}. */
    static Map<String, Object> spec(String written, Kind kind) {
        String w = written == null ? "" : written.strip();
        Matcher m = PREFIX.matcher(w);
        if (m.matches()) {
            return Map.of("mode", m.group(1), "value", m.group(2).strip(), "kind", kind.js);
        }
        return Map.of("mode", "plain", "value", w, "kind", kind.js);
    }

    /** Waits up to the step's timeout for {@code written} and returns it. */
    static Found find(BrowserSession session, StepContext ctx, String written, Kind kind) {
        Map<String, Object> spec = new HashMap<>(spec(written, kind));
        spec.put("scroll", kind == Kind.CLICK || kind == Kind.CHECK);
        Map<String, Object> r = await(ctx, written, kind, () -> session.jsWithElements("find", spec));
        return new Found((WebElement) r.get("el"), Boolean.TRUE.equals(r.get("group")));
    }

    /**
     * Polls {@code call} (a script answering with a {@code status}) until it says {@code found}
     * and returns its answer. {@code missing}, {@code pending} and {@code blocked} wait on;
     * {@code ambiguous} and {@code bad-selector} end the wait with their message.
     */
    static Map<String, Object> await(StepContext ctx, String written, Kind kind, Supplier<Map<String, Object>> call) {
        return await(ctx, List.of(written), Collections.singletonList(null), kind, call);
    }

    /** The same for a script that looks for several targets and says {@code at} which one it stopped. */
    static Map<String, Object> await(StepContext ctx, List<String> targets, List<Position> positions, Kind kind,
                                     Supplier<Map<String, Object>> call) {
        AtomicReference<Map<String, Object>> last = new AtomicReference<>();
        Duration timeout = ctx.timeout();
        return BrowserWait.until(timeout, () -> {
            Map<String, Object> r = call.get();
            last.set(r);
            return switch ((String) r.get("status")) {
                case "found" -> r;
                case "missing", "pending", "absent", "blocked" -> null;
                default -> throw problem(ctx, r, targets, positions, kind, timeout);
            };
        }, () -> problem(ctx, last.get(), targets, positions, kind, timeout));
    }

    private static KarakuriException problem(StepContext ctx, Map<String, Object> r, List<String> targets,
                                             List<Position> positions, Kind kind, Duration timeout) {
        int at = r != null && r.get("at") instanceof Number n ? Math.min(n.intValue(), targets.size() - 1) : 0;
        return problem(ctx, r, targets.get(at), kind, timeout, positions.get(at));
    }

    /** The message for a script answer that is not "found". */
    static KarakuriException problem(StepContext ctx, Map<String, Object> r, String written, Kind kind, Duration timeout,
                                     Position at) {
        String status = r == null ? "missing" : (String) r.get("status");
        String target = ctx.mask(written);
        return switch (status) {
            case "ambiguous" -> new KarakuriException(at, null, "browser.target.ambiguous", target,
                list(r.get("list")).size(), kind.noun(), ctx.mask(describeAll(r.get("list"))));
            case "bad-selector" -> new KarakuriException(at, null, "browser.target.bad-selector", target,
                ctx.mask(String.valueOf(r.get("message"))));
            case "blocked" -> new KarakuriException(at, null, "browser.click.blocked", target, Durations.format(timeout),
                ctx.mask(String.valueOf(r.get("message"))));
            default -> missing(ctx, r, target, kind, timeout, at);
        };
    }

    private static KarakuriException missing(StepContext ctx, Map<String, Object> r, String target, Kind kind,
                                             Duration timeout, Position at) {
        List<Object> seen = r == null ? List.of() : list(r.get("seen"));
        Object onPage = seen.isEmpty() ? new Text("browser.target.seen-nothing") : ctx.mask(describeAll(seen));
        long hidden = r == null || r.get("hidden") == null ? 0 : ((Number) r.get("hidden")).longValue();
        List<Object> frames = r == null ? List.of() : list(r.get("frames"));
        return new KarakuriException(at, null, "browser.target.missing", kind.noun(), target, Durations.format(timeout),
            onPage,
            hidden > 0 ? new Text("browser.target.hidden", hidden) : "",
            frames.isEmpty() ? "" : new Text("browser.target.frames", frames.stream().map(String::valueOf).collect(Collectors.joining(", "))),
            afterClick(ctx));
    }

    /** What the run's last click pressed, as the end of a message ("" before any click or after an open). */
    static Object afterClick(StepContext ctx) {
        BrowserSession session = ctx.existingResource(BrowserSession.class);
        Text pressed = session == null ? null : session.lastPressed();
        return pressed == null ? "" : pressed;
    }

    /** Several message parts as one argument, each formatted in the reader's language: "a; b; c". */
    static Object join(List<Object> parts) {
        if (parts.isEmpty()) {
            return "";
        }
        Object joined = parts.get(parts.size() - 1);
        for (int i = parts.size() - 2; i >= 0; i--) {
            joined = new Text("browser.join", parts.get(i), joined);
        }
        return joined;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static String describeAll(Object described) {
        return list(described).stream().map(d -> describe((Map<?, ?>) d)).collect(Collectors.joining("; "));
    }

    /** {@code input type=text name=txtShimei "氏名" (212, 88)}. */
    static String describe(Map<?, ?> d) {
        StringBuilder b = new StringBuilder(String.valueOf(d.get("tag")));
        String type = String.valueOf(d.get("type"));
        if (!type.isEmpty() && !"null".equals(type) && !type.equals(d.get("tag"))) {
            b.append(" type=").append(type);
        }
        if (d.get("name") instanceof String n && !n.isEmpty()) {
            b.append(" name=").append(n);
        } else if (d.get("id") instanceof String id && !id.isEmpty()) {
            b.append(" id=").append(id);
        }
        if (d.get("text") instanceof String t && !t.isEmpty()) {
            b.append(" \"").append(t).append('"');
        }
        b.append(" (").append(d.get("x")).append(", ").append(d.get("y")).append(')');
        return b.toString();
    }
}
