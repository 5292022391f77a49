package org.karakuri.robots.browser;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.model.BrowserSettings;
import org.karakuri.model.Step;
import org.karakuri.spi.StepContext;
import org.openqa.selenium.NoSuchWindowException;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriverException;

/**
 * Session recovery: {@code browser.session} recognises the page (or dialog) a legacy system shows
 * after it logged the robot out; the engine then runs the {@code login} steps and tries the step
 * again, which first goes back to where it failed. Also the one-time retry of a step whose
 * window closed under it.
 */
final class SessionRecovery {
    private final BrowserSession browser;

    /** A step being recovered: where it failed, to go back there when it is tried again. */
    private record Recovery(Step step, String window, List<String> frames, boolean navigates) {}

    /** The last click or open that went well, and where it ran. */
    private record Navigation(Step step, BrowserSession.Work work, String window, List<String> frames) {}

    private volatile Recovery recovery;
    private volatile Navigation lastNavigation;
    private volatile boolean lastFailureNavigates;

    SessionRecovery(BrowserSession browser) {
        this.browser = browser;
    }

    /** The browser closed: nothing to go back to. */
    void forget() {
        recovery = null;
        lastNavigation = null;
    }

    /** A step failed for good: a recovery that was going on is over. */
    void failed() {
        recovery = null;
    }

    /**
     * Runs a browser step and turns a failure into a message for the author. A window that closed
     * under the step (a pop-up that closed itself) sends it back to the window used before, once.
     *
     * <p>When the step is the one the engine tries again after {@link #recoverySteps} logged in,
     * it first goes back to the window and frame it failed in; and when it is not itself a click
     * or an open, the last click or open before it is repeated first (in its own window and frame),
     * since logging in lands on the system's first page, not where that click had led.
     */
    void perform(StepContext ctx, BrowserSession.Work work, boolean navigates) throws Exception {
        BrowsingContext where = browser.context();
        Recovery r = recovery;
        if (r != null && ctx.step() != null && ctx.step() == r.step()) {
            recovery = null;
            Navigation replay = r.navigates() ? null : lastNavigation;
            Map<String, Object> renewed = new LinkedHashMap<>();
            if (replay != null) {
                where.backTo(replay.window(), replay.frames(), ctx.timeout());
                run(ctx, replay.work());
                renewed.put("repeated", replay.step().position().toString());
            }
            where.backTo(r.window(), r.frames(), ctx.timeout());
            ctx.emit("session-renewed", renewed);
        }
        String window = where.currentWindow();
        List<String> frames = where.framePath();
        lastFailureNavigates = navigates;
        try {
            work.run();
        } catch (Exception first) {
            if (!(first instanceof NoSuchWindowException) || !browser.started() || !where.backToPreviousWindow()) {
                throw BrowserErrors.translate(browser, ctx, first);
            }
            run(ctx, work);
        }
        if (navigates && ctx.step() != null && recovery == null) {
            lastNavigation = new Navigation(ctx.step(), work, window, frames);
        }
    }

    private void run(StepContext ctx, BrowserSession.Work work) throws Exception {
        try {
            work.run();
        } catch (Exception e) {
            throw BrowserErrors.translate(browser, ctx, e);
        }
    }

    /**
     * After a step failed: when {@code browser.session} recognises the page (or an open dialog)
     * as "logged out", its {@code login} steps, to be run from the first window's top frame
     * before the step is tried again; otherwise nothing. Never answers while a recovery is already
     * going on (a login step that fails is not recovered by logging in).
     */
    List<Step> recoverySteps(StepContext ctx, Exception error) {
        BrowserSettings.Session session = session(ctx);
        if (session == null || !browser.started() || recovery != null || browser.submittedInItem()) {
            return List.of(); // after a submit in a row, the row is entered again, not the step: see loggedOutOnSubmit
        }
        if (!expired(session, rootCause(error))) {
            return List.of();
        }
        BrowsingContext where = browser.context();
        recovery = new Recovery(ctx.step(), where.currentWindow(), where.framePath(), lastFailureNavigates);
        ctx.progress(Messages.get().format("browser.session.renewing"));
        ctx.emit("session-expired", Map.of("url", ctx.mask(browser.safeUrl())));
        dismissAlert(true);
        where.toFirstWindowTop();
        return session.login();
    }

    /**
     * A step of a row failed after the row's submitting button was clicked, and the system shows
     * its "logged out" sign: it refused what was sent, so logging in and repeating the one step
     * cannot work (the form is gone). The row is entered again from its first step after the
     * {@code login} steps, from the first window's top frame; any other failure is the step's own.
     */
    org.karakuri.spi.ItemRecovery.Answer loggedOutOnSubmit(StepContext ctx, Exception error, Step submitted) {
        BrowserSettings.Session session = session(ctx);
        if (session == null || !expired(session, rootCause(error))) {
            return org.karakuri.spi.ItemRecovery.Answer.NONE;
        }
        ctx.emit("session-expired", Map.of("url", ctx.mask(browser.safeUrl())));
        dismissAlert(true);
        browser.context().toFirstWindowTop();
        lastNavigation = null;
        return new org.karakuri.spi.ItemRecovery.Answer(org.karakuri.spi.ItemRecovery.Verdict.REDO, session.login(),
            Messages.get().format("browser.session.expired-on-submit", submitted.position().line()));
    }

    /**
     * After a click or an open that went well: a page showing {@code browser.session.expired-text}
     * means the step landed on "session expired" instead of where it was going, so it fails with
     * {@code browser.session.expired} and the engine recovers it like any other. Only the text is
     * checked here: a system's login page (expired-url) is often opened on purpose.
     */
    void checkNotExpired(StepContext ctx) {
        BrowserSettings.Session session = session(ctx);
        if (session == null || session.expiredText() == null || recovery != null) {
            return;
        }
        Map<String, Object> r;
        try {
            r = browser.js("expired", session.expiredText(), null);
        } catch (UnhandledAlertException alertOpen) {
            return; // the next step answers it, or fails on it and its text is checked then
        }
        if (Boolean.TRUE.equals(r.get("expired"))) {
            throw new KarakuriException("browser.session.expired", ctx.mask(String.valueOf(r.get("url"))));
        }
    }

    private static BrowserSettings.Session session(StepContext ctx) {
        return ctx.scenario() == null ? null : ctx.scenario().browser().session();
    }

    /**
     * True when the current window shows the expired-session sign: an alert whose text contains
     * {@code expired-text}, or a page (any same-origin frame) whose text contains it or whose
     * address contains {@code expired-url}.
     */
    boolean expired(BrowserSettings.Session session, Exception failure) {
        if (failure instanceof UnhandledAlertException alert) {
            String text = BrowserErrors.alertText(browser, alert);
            return session.expiredText() != null && text != null && squeeze(text).contains(squeeze(session.expiredText()));
        }
        try {
            Map<String, Object> r = browser.js("expired", session.expiredText(), session.expiredUrl());
            return Boolean.TRUE.equals(r.get("expired"));
        } catch (UnhandledAlertException alert) {
            return expired(session, alert);
        } catch (WebDriverException e) {
            return false;
        }
    }

    /** Closes a dialog left open, if any: accepted ("セッションが切れました" → OK) or cancelled. */
    void dismissAlert(boolean accept) {
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
