package org.karakuri.robots.browser;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.karakuri.expr.Template;
import org.karakuri.model.Doc;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.WebElement;

/** {@code click: 登録} — clicks a button, link or field the way a person would, then waits for the page. */
public final class Click extends BrowserAction<Click.Params> {

    @Doc(value = "What to click.", ja = "クリックするもの。")
    public record Params(
        @Shorthand @Required @Doc(value = "A button, link or field as a person reads it, or css:/xpath:/id:/name:/text:/label:.",
            ja = "ボタン・リンク・入力欄（画面に書かれている文字）。または css:/xpath:/id:/name:/text:/label:。")
        Template target) {}

    @Override
    public String name() {
        return "click";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Clicks a button, link or field found by its text or label, waiting until it can be clicked; then waits for the page to load.";
    }

    @Override
    public String docJa() {
        return "文字やラベルで探したボタン・リンク・入力欄を、クリックできるようになるまで待ってからクリックし、ページの読み込みを待ちます。";
    }

    @Override
    public List<String> examples() {
        return List.of("click: ログイン", "click: 新規登録", "click: css:#btnSearch");
    }

    @Override
    boolean navigates() {
        return true;
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) {
        click(browser, ctx, ctx.text(p.target()));
        browser.settle(ctx.timeout());
        browser.checkNotExpired(ctx);
    }

    /**
     * Finds {@code written} and clicks it as a person's mouse does (trusted, with user activation),
     * retrying while it is missing, covered by another element or not yet interactable, up to the
     * step's timeout. In a local Chromium the click is sent as DevTools input events where the page
     * script aimed it; elsewhere (a Grid, a frame of another origin) it is WebDriver's native click.
     */
    static void click(BrowserSession browser, StepContext ctx, String written) {
        Map<String, Object> spec = new HashMap<>(Targets.spec(written, Targets.Kind.CLICK));
        spec.put("scroll", true);
        spec.put("watch", true);
        Map<String, Object> pressed = Targets.await(ctx, written, Targets.Kind.CLICK, () -> {
            spec.put("aim", browser.devTools() != null);
            Map<String, Object> r = browser.js("find", spec);
            if (!"found".equals(r.get("status"))) {
                return r;
            }
            if (Boolean.TRUE.equals(r.get("submits"))) {
                browser.submitting(ctx);
            }
            try {
                if (!browser.click(r.get("point"), ctx.timeout())) {
                    Map<String, Object> found = r.get("el") instanceof WebElement ? r : browser.jsWithElements("find", spec);
                    if (!"found".equals(found.get("status"))) {
                        return found;
                    }
                    ((WebElement) found.get("el")).click();
                }
                return r;
            } catch (ElementNotInteractableException blocked) {
                return Map.of("status", "blocked", "message", BrowserSession.firstLine(blocked.getRawMessage()));
            }
        });
        Touched.record(ctx, written, pressed.get("touched"), null);
        browser.pressed(ctx, written, pressed.get("touched"));
    }
}
