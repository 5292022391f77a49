package org.karakuri.robots.browser;

import java.time.Duration;
import java.util.List;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Doc;
import org.karakuri.model.Key;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;

/** {@code wait: 2s}, {@code wait: {for: 検索結果}}, {@code wait: {for-text: 処理が完了しました}}. */
public final class Wait extends BrowserAction<Wait.Params> {

    @Doc(value = "What to wait for.", ja = "待つもの。")
    public record Params(
        @Shorthand @Doc(value = "A time to let pass, e.g. 2s (prefer for / for-text: they go on as soon as the page is ready).",
            ja = "経過を待つ時間。例: 2s（for / for-text のほうが、画面の準備ができしだい進むので確実です）。")
        Duration duration,
        @Key("for") @Doc(value = "An element to wait for (button, field, cell, css:…), up to the step's timeout.",
            ja = "表示されるまで待つ要素（ボタン・入力欄・セル・css: など）。待つのは手順の timeout まで。")
        Template target,
        @Doc(value = "A text to wait for on the page, up to the step's timeout.", ja = "画面に表示されるまで待つ文字。待つのは手順の timeout まで。")
        Template forText) {

        public Params {
            int given = (duration != null ? 1 : 0) + (target != null ? 1 : 0) + (forText != null ? 1 : 0);
            if (given != 1) {
                throw new KarakuriException("browser.wait.one-of");
            }
        }
    }

    @Override
    public String name() {
        return "wait";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Waits for a time, for an element (for) or for a text (for-text) to show, up to the step's timeout.";
    }

    @Override
    public String docJa() {
        return "一定時間、または要素（for）や文字（for-text）が表示されるまで（手順の timeout まで）待ちます。";
    }

    @Override
    public List<String> examples() {
        return List.of("wait: 2s", """
            wait:
              for: 検索結果""", """
            wait:
              for-text: 処理が完了しました
            timeout: 2m""");
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) {
        if (p.duration() != null) {
            BrowserWait.pause(p.duration());
        } else if (p.target() != null) {
            Targets.find(browser, ctx, ctx.text(p.target()), Targets.Kind.ANY);
        } else {
            ExpectText.awaitText(browser, ctx, ctx.text(p.forText()), null);
        }
    }
}
