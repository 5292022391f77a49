package org.karakuri.robots.browser;

import java.util.Map;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;
import org.karakuri.spi.StepContext;
import org.openqa.selenium.NoSuchFrameException;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.NoSuchWindowException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.remote.UnreachableBrowserException;

/** Turns what Selenium throws into messages an author can act on, with secrets masked. */
final class BrowserErrors {
    private BrowserErrors() {}

    static Exception translate(BrowserSession session, StepContext ctx, Exception e) {
        if (e instanceof KarakuriException || !(e instanceof WebDriverException w)) {
            return e;
        }
        if (w instanceof UnhandledAlertException alert) {
            return new KarakuriException((Position) null, e, "browser.unexpected-alert", ctx.mask(alertText(session, alert)));
        }
        if (w instanceof NoSuchWindowException) {
            return new KarakuriException((Position) null, e, "browser.window-closed");
        }
        if (w instanceof NoSuchFrameException) {
            return new KarakuriException((Position) null, e, "browser.frame-gone");
        }
        if (w instanceof TimeoutException) {
            return new KarakuriException((Position) null, e, "browser.page-load-timeout", ctx.mask(session.safeUrl()));
        }
        String grid = session.launch().grid();
        if (grid != null && (w instanceof NoSuchSessionException || w instanceof UnreachableBrowserException
            || w.getCause() instanceof java.io.IOException)) {
            return new KarakuriException((Position) null, e, "browser.grid.lost", grid,
                ctx.mask(BrowserSession.firstLine(w.getRawMessage())));
        }
        if (w instanceof NoSuchSessionException || String.valueOf(w.getMessage()).contains("disconnected")) {
            return new KarakuriException((Position) null, e, "browser.crashed", ctx.mask(BrowserSession.firstLine(w.getMessage())));
        }
        return new KarakuriException((Position) null, e, "browser.webdriver", ctx.mask(BrowserSession.firstLine(w.getRawMessage())));
    }

    /** The text of the alert that got in the way, from the exception or the alert itself. */
    static String alertText(BrowserSession session, UnhandledAlertException e) {
        String text = e.getAlertText();
        if (text == null) {
            Map<String, String> alert = e.getAlert();
            text = alert == null ? null : alert.get("text");
        }
        if (text == null) {
            try {
                text = session.driver().switchTo().alert().getText();
            } catch (WebDriverException gone) {
                text = "";
            }
        }
        return text;
    }
}
