package org.karakuri.robots.browser;

import java.util.List;
import org.karakuri.model.Doc;
import org.karakuri.spi.StepContext;

/** {@code close-browser} — quits the run's browser now; a later browser step starts a fresh one. */
public final class CloseBrowser extends BrowserAction<CloseBrowser.Params> {

    @Doc(value = "No options.", ja = "設定はありません。")
    public record Params() {}

    @Override
    public String name() {
        return "close-browser";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Quits the browser (it is also closed when the run ends); a later browser step starts a fresh one.";
    }

    @Override
    public String docJa() {
        return "ブラウザを終了します（実行の終わりにも自動で閉じます）。後のブラウザ手順は新しいブラウザで始まります。";
    }

    @Override
    public List<String> examples() {
        return List.of("close-browser", "close-browser: {}");
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) {
        browser.quit();
    }
}
