package org.karakuri.robots.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Durations;
import org.karakuri.model.Doc;
import org.karakuri.model.Key;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;

/**
 * {@code expect-text: 登録しました} — waits until the page (or one element of it) shows a text.
 * Texts are compared NFKC-normalised and without white space, so line breaks between elements
 * and full-width/half-width differences do not matter; same-origin frames are read too.
 */
public final class ExpectText extends BrowserAction<ExpectText.Params> {

    @Doc(value = "A text the page must show.", ja = "画面に表示されているはずの文字。")
    public record Params(
        @Shorthand @Required @Doc(value = "The text (part of what is shown is enough).", ja = "文字（表示の一部で構いません）。")
        Template text,
        @Key("in") @Doc(value = "Only look inside this element (a field, a table cell beside a label, css:…).",
            ja = "この要素の中だけを見ます（入力欄、見出しセルの隣のセル、css: など）。")
        Template in) {}

    @Override
    public String name() {
        return "expect-text";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Waits until the page, or the element given with in, shows a text; fails with what the page shows instead.";
    }

    @Override
    public String docJa() {
        return "画面（in を書いたときはその要素）に文字が表示されるまで待ちます。表示されなければ、画面に出ている内容とともに失敗します。";
    }

    @Override
    public List<String> examples() {
        return List.of("expect-text: 登録しました", """
            expect-text:
              in: 受付番号
              text: ${row.受付番号}""");
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) {
        String in = p.in() == null ? null : ctx.text(p.in());
        awaitText(browser, ctx, ctx.text(p.text()), in);
    }

    /** Waits until {@code text} shows in the page, or in the element {@code in} names. */
    static void awaitText(BrowserSession browser, StepContext ctx, String text, String in) {
        Map<String, Object> spec = in == null ? null : Targets.spec(in, Targets.Kind.ANY);
        Duration timeout = ctx.timeout();
        AtomicReference<Map<String, Object>> last = new AtomicReference<>();
        BrowserWait.until(timeout, () -> {
            Map<String, Object> r = browser.js("hasText", text, spec);
            last.set(r);
            String status = (String) r.get("status");
            if ("found".equals(status)) {
                return Boolean.TRUE;
            }
            if ("ambiguous".equals(status) || "bad-selector".equals(status)) {
                throw Targets.problem(ctx, r, in, Targets.Kind.ANY, timeout, null);
            }
            return null;
        }, () -> {
            Map<String, Object> r = last.get();
            if (r != null && "missing".equals(r.get("status"))) {
                return Targets.problem(ctx, r, in, Targets.Kind.ANY, timeout, null);
            }
            String shown = r == null ? "" : ctx.mask(String.valueOf(r.get("excerpt")));
            return in == null
                ? new KarakuriException("browser.expect-text.absent", ctx.mask(text), Durations.format(timeout), shown,
                    Targets.afterClick(ctx))
                : new KarakuriException("browser.expect-text.absent-in", ctx.mask(text), ctx.mask(in), Durations.format(timeout), shown,
                    Targets.afterClick(ctx));
        });
    }
}
