package org.karakuri.robots.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages.Text;
import org.karakuri.model.Durations;
import org.karakuri.i18n.Position;
import org.karakuri.spi.Hashes;
import org.karakuri.spi.StepContext;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Sets several fields in one step, fast and checked: one script finds every field, sets each
 * value through the element's native setter (so page frameworks notice), fires focus, input,
 * change and blur, chooses options by their text, ticks boxes, and then reads every field back.
 * File fields and {@code typing: keys} are typed with real keystrokes instead, in their turn. A
 * field the page changed afterwards is an error naming the field, what was wanted and what it
 * shows (masked); for a secret or a My Number it names the field only, never either value.
 */
final class FormFill {

    /** What the step may set: any field, only a list, only a checkbox, only a file field. */
    enum Mode {
        FILL("fill", Targets.Kind.FIELD), SELECT("select", Targets.Kind.FIELD), CHECK("check", Targets.Kind.CHECK),
        UPLOAD("fill", Targets.Kind.FILE);

        final String js;
        final Targets.Kind kind;

        Mode(String js, Targets.Kind kind) {
            this.js = js;
            this.kind = kind;
        }
    }

    /** One field to set: the target as written, its value, and where the author wrote it. */
    record Field(String target, String value, Position position) {
        Field {
            value = value == null ? "" : value;
        }
    }

    private FormFill() {}

    static void fill(BrowserSession browser, StepContext ctx, List<Field> fields, Mode mode, boolean keys) {
        if (fields.isEmpty()) {
            return;
        }
        List<Map<String, Object>> specs = fields.stream().map(f -> Targets.spec(f.target(), mode.kind)).toList();
        List<String> values = fields.stream().map(Field::value).toList();
        AtomicInteger start = new AtomicInteger();
        AtomicReference<Map<String, Object>> last = new AtomicReference<>();
        Duration timeout = ctx.timeout();
        Map<String, Object> done = BrowserWait.until(timeout, () -> {
            while (true) {
                Map<String, Object> r = browser.js("fill", specs, values, start.get(), mode.js, keys);
                last.set(r);
                String status = (String) r.get("status");
                int at = r.get("at") instanceof Number n ? n.intValue() : 0;
                switch (status) {
                    case "done":
                        return r;
                    case "keys":
                        WebElement el = r.get("el") instanceof WebElement e ? e
                            : (WebElement) browser.<Map<String, Object>>jsWithElements("find", specs.get(at)).get("el");
                        type(ctx, el, fields.get(at));
                        start.set(at + 1);
                        continue;
                    case "pending":
                        start.set(at);
                        return null;
                    case "error":
                        throw fieldError(ctx, fields.get(at), r);
                    default:
                        throw Targets.problem(ctx, r, fields.get(at).target(), mode.kind, timeout, fields.get(at).position());
                }
            }
        }, () -> notReady(ctx, fields, mode, last.get(), timeout));
        List<Object> results = Targets.list(done.get("results"));
        verify(ctx, fields, results);
        for (int i = 0; i < fields.size() && i < results.size(); i++) {
            Field f = fields.get(i);
            Touched.record(ctx, f.target(), ((Map<?, ?>) results.get(i)).get("touched"), mode == Mode.UPLOAD ? fileName(f.value()) : f.value());
        }
    }

    /** An upload's file by its name only (the folders of this computer stay out of the trail). */
    private static String fileName(String written) {
        Path name = Path.of(written).getFileName();
        return name == null ? written : name.toString();
    }

    /** A field the script cannot set: clear it and type, or hand a file to a file field. */
    private static void type(StepContext ctx, WebElement el, Field field) {
        if ("file".equals(el.getDomProperty("type"))) {
            Path file = existingFile(ctx, field.value(), field.position());
            el.sendKeys(file.toString());
            ctx.emit("file-read", Map.of("file", file.toString(), "sha256", Hashes.sha256(file)));
            return;
        }
        el.clear();
        if (field.value().isEmpty()) {
            el.sendKeys(Keys.TAB);
        } else {
            el.sendKeys(field.value(), Keys.TAB);
        }
    }

    /** The file an upload names, resolved like every path of the scenario; it must exist. */
    static Path existingFile(StepContext ctx, String written, Position at) {
        Path p = ctx.path(written).toAbsolutePath();
        if (!Files.isRegularFile(p)) {
            throw new KarakuriException(at, null, "browser.upload.no-file", written);
        }
        return p;
    }

    private static void verify(StepContext ctx, List<Field> fields, List<Object> results) {
        List<Object> wrong = new ArrayList<>();
        Position first = null;
        for (int i = 0; i < fields.size() && i < results.size(); i++) {
            Map<?, ?> r = (Map<?, ?>) results.get(i);
            if (!Boolean.TRUE.equals(r.get("ok"))) {
                Field f = fields.get(i);
                first = first == null ? f.position() : first;
                Object got = r.get("got");
                if (!ctx.mask(f.value()).equals(f.value())) {
                    // a secret or a My Number: what the page made of it (cut short, upper-cased…) may show part of it
                    wrong.add(new Text("browser.fill.wrong-secret", ctx.mask(f.target())));
                    continue;
                }
                wrong.add(new Text("browser.fill.wrong-one", ctx.mask(f.target()), ctx.mask(f.value()),
                    got == null ? new Text("browser.fill.gone") : ctx.mask(String.valueOf(got))));
            }
        }
        if (!wrong.isEmpty()) {
            throw new KarakuriException(first, null, "browser.fill.mismatch", Targets.join(wrong));
        }
    }

    private static KarakuriException fieldError(StepContext ctx, Field f, Map<String, Object> r) {
        String why = String.valueOf(r.get("why"));
        String field = Targets.describe((Map<?, ?>) r.get("field"));
        return new KarakuriException(f.position(), null, "browser.fill." + why, ctx.mask(f.target()), ctx.mask(f.value()),
            ctx.mask(field), r.get("max"));
    }

    private static KarakuriException notReady(StepContext ctx, List<Field> fields, Mode mode, Map<String, Object> last,
                                              Duration timeout) {
        int at = last != null && last.get("at") instanceof Number n ? n.intValue() : 0;
        Field f = fields.get(Math.min(at, fields.size() - 1));
        String why = last == null ? null : (String) last.get("why");
        if (why == null) {
            return Targets.problem(ctx, last, f.target(), mode.kind, timeout, f.position());
        }
        String choices = Targets.list(last.get("choices")).stream().map(String::valueOf).collect(Collectors.joining(", "));
        return new KarakuriException(f.position(), null, "browser.fill.not-ready." + why, ctx.mask(f.target()),
            ctx.mask(f.value()), Durations.format(timeout), ctx.mask(choices));
    }
}
