package org.karakuri.robots.browser;

import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Durations;
import org.karakuri.model.Doc;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;
import org.openqa.selenium.NoSuchWindowException;
import org.openqa.selenium.WebDriver;

/**
 * {@code switch-window: 印刷プレビュー} — continues in another window: the one with that title
 * (exact, else partial), {@code new} (the most recently opened window not used yet, waited for)
 * or {@code main} (the first window of the run).
 */
public final class SwitchWindow extends BrowserAction<SwitchWindow.Params> {

    @Doc(value = "The window to continue in.", ja = "続きを行うウィンドウ。")
    public record Params(
        @Shorthand @Required @Doc(value = "Its title (exact, else partial), new (the window just opened) or main (the first window).",
            ja = "ウィンドウのタイトル（完全一致、なければ部分一致）、new（開いたばかりのウィンドウ）、main（最初のウィンドウ）。")
        Template window) {}

    @Override
    public String name() {
        return "switch-window";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Continues in another window: by title, new for the window just opened (waits for it), or main.";
    }

    @Override
    public String docJa() {
        return "別のウィンドウで続けます。タイトルで指定するか、new（開いたばかりのウィンドウ。開くまで待ちます）、main（最初のウィンドウ）。";
    }

    @Override
    public List<String> examples() {
        return List.of("switch-window: new", "switch-window: main", "switch-window: 印刷プレビュー");
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) {
        String which = ctx.text(p.window()).strip();
        Duration timeout = ctx.timeout();
        String handle = switch (which) {
            case "main" -> {
                String main = browser.context().mainWindow();
                if (!browser.context().windows().contains(main)) {
                    throw new KarakuriException("browser.window.main-closed");
                }
                yield main;
            }
            case "new" -> BrowserWait.until(timeout, browser.context()::newestUnvisited,
                () -> new KarakuriException("browser.window.no-new", Durations.format(timeout)));
            default -> byTitle(browser, ctx, which, timeout);
        };
        browser.context().switchToWindow(handle);
        browser.settle(timeout);
    }

    private static String byTitle(BrowserSession browser, StepContext ctx, String title, Duration timeout) {
        WebDriver d = browser.driver();
        String home = d.getWindowHandle();
        String want = norm(title);
        AtomicReference<List<String>> seen = new AtomicReference<>(List.of());
        return BrowserWait.until(timeout, () -> {
            List<String> exact = new ArrayList<>();
            List<String> partial = new ArrayList<>();
            List<String> titles = new ArrayList<>();
            for (String h : browser.context().windows()) {
                String t;
                try {
                    d.switchTo().window(h);
                    t = d.getTitle();
                } catch (NoSuchWindowException closing) {
                    continue;
                }
                titles.add(t);
                if (norm(t).equals(want)) {
                    exact.add(h);
                } else if (norm(t).contains(want)) {
                    partial.add(h);
                }
            }
            seen.set(titles);
            List<String> hits = exact.isEmpty() ? partial : exact;
            if (hits.size() > 1) {
                d.switchTo().window(home);
                throw new KarakuriException("browser.window.ambiguous", ctx.mask(title), hits.size(), ctx.mask(String.join(" | ", titles)));
            }
            if (hits.size() == 1) {
                return hits.get(0);
            }
            d.switchTo().window(home);
            return null;
        }, () -> new KarakuriException("browser.window.missing", ctx.mask(title), Durations.format(timeout),
            ctx.mask(String.join(" | ", seen.get()))));
    }

    private static String norm(String s) {
        return Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFKC).replaceAll("\\s+", " ").strip();
    }
}
