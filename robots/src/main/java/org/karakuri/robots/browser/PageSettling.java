package org.karakuri.robots.browser;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Durations;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchFrameException;
import org.openqa.selenium.NoSuchWindowException;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriverException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Page settling: after something that may load a page (open, click, alert, switch), waiting until
 * the document of the current context (and, as far as the timeout allows, the other frames of the
 * tab) has loaded.
 */
final class PageSettling {
    private static final Logger log = LoggerFactory.getLogger(PageSettling.class);

    /**
     * [readyState of the current document, whether every frame of the tab has arrived and loaded].
     * A window that just submitted a form or followed a link (noted by the page script's watch)
     * counts as loading for up to a second until it starts leaving its page.
     */
    private static final String SETTLED = """
        var top, all = true;
        try { top = window.top; top.document; } catch (e) { top = window; }
        (function walk(w, depth) {
          try {
            if (w.document.readyState !== 'complete' || w.__karakuriLeaving) all = false;
            if (w.__karakuriExpecting && w.performance.now() - w.__karakuriExpecting < 1000) all = false;
            if (depth < 5) for (var i = 0; i < w.frames.length; i++) walk(w.frames[i], depth + 1);
          } catch (e) { /* another origin */ }
        })(top, 0);
        return [document.readyState, all];""";

    private final BrowserSession browser;
    private Duration pageLoadTimeout;

    PageSettling(BrowserSession browser) {
        this.browser = browser;
    }

    /** The browser closed: its timeouts are gone with it. */
    void forget() {
        pageLoadTimeout = null;
    }

    /** Waits until the current document has loaded. */
    void awaitReady(Duration timeout) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        BrowserWait.until(timeout, () -> "complete".equals(js.executeScript("return document.readyState")),
            () -> new KarakuriException("browser.page-not-ready", Durations.format(timeout)));
    }

    /**
     * Waits for the document of the current context. An alert the step opened is left for the
     * next step to answer; a frame the page replaced sends us to the top of the window, a window
     * that closed back to the one used before it.
     */
    void settle(Duration timeout) {
        try {
            awaitSettled(timeout);
        } catch (UnhandledAlertException alertOpened) {
            // answered by the next step (alert:); any other step reports it with its text
        } catch (NoSuchWindowException closed) {
            if (browser.context().backToPreviousWindow()) {
                settle(timeout);
            }
        } catch (NoSuchFrameException frameGone) {
            browser.context().frameGone();
            awaitReady(timeout);
        }
    }

    /**
     * The current document must be complete within {@code timeout}; the other frames of the tab
     * (same origin) are waited for as well, as long as the timeout allows, but a frame that never
     * finishes (a ticker, a chat) does not fail the step.
     */
    private void awaitSettled(Duration timeout) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        AtomicReference<Boolean> current = new AtomicReference<>(false);
        try {
            BrowserWait.until(timeout, () -> {
                List<?> r;
                try {
                    r = state(js);
                } catch (JavascriptException betweenPages) {
                    return null; // the document was being replaced under the script: look again
                }
                if (r == null) { // a window closing under the script answers nothing
                    if (!browser.driver().getWindowHandles().contains(browser.context().currentWindow())) {
                        throw new NoSuchWindowException("the window closed");
                    }
                    return null;
                }
                current.set("complete".equals(r.get(0)));
                return current.get() && Boolean.TRUE.equals(r.get(1)) ? Boolean.TRUE : null;
            }, () -> new KarakuriException("browser.page-not-ready", Durations.format(timeout)));
        } catch (KarakuriException notSettled) {
            if (!current.get()) {
                throw notSettled;
            }
            log.debug("other frames still loading after {}", timeout);
        }
    }

    /** The answer of {@link #SETTLED}: over DevTools in a tab's top frame, through WebDriver elsewhere. */
    private List<?> state(JavascriptExecutor js) {
        DevTools devTools = browser.topFrameDevTools();
        if (devTools != null) {
            try {
                return (List<?>) devTools.evaluate(browser.context().currentWindow(), "(function () {" + SETTLED + "})()",
                    BrowserSession.SCRIPT_TIMEOUT);
            } catch (JavascriptException e) {
                throw e;
            } catch (WebDriverException e) {
                log.debug("settling over DevTools failed, through WebDriver: {}", BrowserSession.firstLine(e.getMessage()));
            }
        }
        return (List<?>) js.executeScript(SETTLED);
    }

    /** Page loads may take as long as a step may wait, and never less than 30 s. */
    void pageLoadTimeout(Duration stepTimeout) {
        Duration wanted = stepTimeout.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : stepTimeout;
        if (!wanted.equals(pageLoadTimeout)) {
            browser.driver().manage().timeouts().pageLoadTimeout(wanted);
            pageLoadTimeout = wanted;
        }
    }
}
