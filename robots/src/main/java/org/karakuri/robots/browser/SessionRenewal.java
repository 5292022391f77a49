package org.karakuri.robots.browser;

import java.text.Normalizer;
import java.util.Map;
import org.karakuri.model.BrowserSettings;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriverException;

/**
 * {@code browser.session}: recognising the page (or dialog) a legacy system shows after it
 * logged the robot out. The engine runs the {@code login} steps and tries the step again.
 */
final class SessionRenewal {
    private SessionRenewal() {}

    /**
     * True when the current window shows the expired-session sign: an alert whose text contains
     * {@code expired-text}, or a page (any same-origin frame) whose text contains it or whose
     * address contains {@code expired-url}.
     */
    static boolean expired(BrowserSession browser, BrowserSettings.Session session, Exception failure) {
        if (failure instanceof UnhandledAlertException alert) {
            String text = BrowserErrors.alertText(browser, alert);
            return session.expiredText() != null && text != null && squeeze(text).contains(squeeze(session.expiredText()));
        }
        try {
            Map<String, Object> r = browser.js("expired", session.expiredText(), session.expiredUrl());
            return Boolean.TRUE.equals(r.get("expired"));
        } catch (UnhandledAlertException alert) {
            return expired(browser, session, alert);
        } catch (WebDriverException e) {
            return false;
        }
    }

    /** Closes a dialog left open, if any: accepted ("セッションが切れました" → OK) or cancelled. */
    static void dismissAlert(BrowserSession browser, boolean accept) {
        try {
            org.openqa.selenium.Alert dialog = browser.driver().switchTo().alert();
            if (accept) {
                dialog.accept();
            } else {
                dialog.dismiss();
            }
        } catch (WebDriverException none) {
            // no alert: nothing to clear
        }
    }

    /** The exception Selenium threw under the author's message (an open dialog shows only there). */
    static Exception rootCause(Exception error) {
        Throwable t = error;
        while (t != null) {
            if (t instanceof UnhandledAlertException alert) {
                return alert;
            }
            t = t.getCause();
        }
        return error;
    }

    private static String squeeze(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("\\s+", "");
    }
}
