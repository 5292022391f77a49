package org.karakuri.robots.browser;

import java.text.Normalizer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Durations;
import org.karakuri.model.Doc;
import org.karakuri.model.Key;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;

/**
 * {@code alert: accept} — answers the page's alert, confirm or prompt dialog, waiting for it up
 * to the step's timeout (a dialog that never comes is an error). {@code expect} checks its text
 * first: another text is an error, and the dialog is dismissed rather than accepted.
 */
public final class Alert extends BrowserAction<Alert.Params> {

    /** How to answer. */
    public enum Answer {
        /** OK (default). */
        ACCEPT,
        /** Cancel. */
        DISMISS
    }

    @Doc(value = "How to answer the dialog.", ja = "ダイアログへの答え方。")
    public record Params(
        @Shorthand @Key("then") @Doc(value = "accept (OK, default) or dismiss (Cancel).", ja = "accept（OK、既定）または dismiss（キャンセル）。")
        Answer then,
        @Doc(value = "Text the dialog must show (part of it is enough).", ja = "ダイアログに表示されているはずの文字（一部で構いません）。")
        Template expect,
        @Doc(value = "Text to type into a prompt() before answering.", ja = "入力ダイアログ（prompt）に入れる文字。")
        Template text) {

        public Params {
            then = then == null ? Answer.ACCEPT : then;
        }
    }

    @Override
    public String name() {
        return "alert";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Waits for the page's dialog (alert, confirm, prompt) and accepts or dismisses it, after checking its text with expect.";
    }

    @Override
    public String docJa() {
        return "画面のダイアログ（alert・confirm・prompt）を待ち、OK（accept）またはキャンセル（dismiss）します。expect で文言を確かめられます。";
    }

    @Override
    public List<String> examples() {
        return List.of("alert: accept", "alert: dismiss", """
            alert:
              expect: 登録してよろしいですか
              then: accept""");
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) {
        WebDriver d = browser.driver();
        Duration timeout = ctx.timeout();
        org.openqa.selenium.Alert dialog = BrowserWait.until(timeout, () -> {
            try {
                return d.switchTo().alert();
            } catch (NoAlertPresentException none) {
                return null;
            }
        }, () -> new KarakuriException("browser.alert.none", Durations.format(timeout)));
        String shown = String.valueOf(dialog.getText());
        if (p.expect() != null) {
            String expected = ctx.text(p.expect());
            if (!squeeze(shown).contains(squeeze(expected))) {
                dialog.dismiss();
                throw new KarakuriException("browser.alert.other-text", ctx.mask(expected), ctx.mask(shown));
            }
        }
        if (p.text() != null) {
            dialog.sendKeys(ctx.text(p.text()));
        }
        if (p.then() == Answer.DISMISS) {
            dialog.dismiss();
        } else {
            dialog.accept();
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("text", ctx.mask(shown));
        event.put("answer", p.then().name().toLowerCase(Locale.ROOT));
        ctx.emit("alert", event);
        browser.settle(timeout);
    }

    private static String squeeze(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("\\s+", "");
    }
}
