package org.karakuri.robots.browser;

import java.util.List;
import org.karakuri.expr.Template;
import org.karakuri.i18n.Messages;
import org.karakuri.model.Doc;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;

/** {@code screenshot: 登録完了} — a PNG of what the browser shows, as evidence, with secrets blanked out. */
public final class Screenshot extends BrowserAction<Screenshot.Params> {

    @Doc(value = "The picture's name.", ja = "画像の名前。")
    public record Params(
        @Shorthand @Required @Doc(value = "Name of the PNG in the run's evidence folder (-2, -3… when taken again).",
            ja = "実行の証跡フォルダに置く PNG の名前（同じ名前が続くと -2、-3…）。")
        Template name) {}

    @Override
    public String name() {
        return "screenshot";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Saves what the browser shows as a PNG in the run's evidence folder (secrets and My Numbers blanked out) with its SHA-256.";
    }

    @Override
    public String docJa() {
        return "ブラウザの表示を PNG で実行の証跡フォルダに保存します（秘密情報とマイナンバーは伏せ字）。SHA-256 も記録します。";
    }

    @Override
    public List<String> examples() {
        return List.of("screenshot: failure", "screenshot: 登録完了-${row.受付番号}");
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) throws Exception {
        if (!browser.started()) {
            ctx.progress(Messages.get().format("browser.screenshot.no-browser"));
            return;
        }
        // a name made from row data must not put a secret or a My Number into a file name
        Evidence.screenshot(browser, ctx, ctx.mask(ctx.text(p.name())));
    }
}
