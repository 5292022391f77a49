package org.karakuri.robots.browser;

import java.util.List;
import java.util.Map;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Position;
import org.karakuri.model.BrowserSettings;
import org.karakuri.model.Step;
import org.karakuri.spi.Action;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.spi.BlockAction;
import org.karakuri.spi.LoopAction;
import org.karakuri.spi.StepContext;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriverException;

/**
 * {@code browser.session}: recognising the page a legacy system shows after it logged the robot
 * out, and logging in again with the scenario's {@code login} steps.
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

    /** Runs the login steps in order, each with its own timeout and retry. */
    static void login(BrowserSettings.Session session, StepContext ctx) throws Exception {
        run(session.login(), ctx, ActionRegistry.installed());
    }

    static void run(List<Step> steps, StepContext ctx, ActionRegistry registry) throws Exception {
        for (Step step : steps) {
            Action<?> action = registry.get(step.action())
                .orElseThrow(() -> new KarakuriException(step.position(), null, "browser.session.login-step-unsupported", step.action()));
            StepScope scope = new StepScope(ctx, step);
            try {
                runOne(action, step, scope, registry);
            } catch (KarakuriException e) {
                throw new KarakuriException((Position) null, e.at(step.position()), "browser.session.login-failed",
                    e.at(step.position()).getMessage());
            }
        }
    }

    private static <P extends Record> void runOne(Action<P> action, Step step, StepContext scope, ActionRegistry registry)
        throws Exception {
        P params = action.paramsType().cast(step.params());
        if (action instanceof LoopAction<?>) {
            throw new KarakuriException(step.position(), null, "browser.session.login-step-unsupported", step.action());
        }
        int tries = step.retry() == null ? 1 : step.retry().times() + 1;
        for (int i = 1; ; i++) {
            try {
                if (action instanceof BlockAction<P> block) {
                    try (AutoCloseable inside = block.enter(params, scope)) {
                        run(block.body(params), scope, registry);
                    }
                } else {
                    action.run(params, scope);
                }
                return;
            } catch (Exception e) {
                if (i >= tries) {
                    throw e;
                }
                BrowserWait.pause(step.retry().pause());
            }
        }
    }

    private static String squeeze(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKC).replaceAll("\\s+", "");
    }
}
