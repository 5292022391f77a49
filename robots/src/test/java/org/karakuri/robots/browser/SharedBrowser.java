package org.karakuri.robots.browser;

import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.karakuri.model.BrowserSettings;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

/**
 * One headless Chromium for the whole test suite (a browser takes seconds to start, a test
 * milliseconds). Kept in JUnit's root store, so it is closed when the suite ends; between tests
 * {@link #reset} answers open dialogs, closes extra windows and goes back to the top frame.
 */
final class SharedBrowser implements BeforeAllCallback {
    private static BrowserSession session;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(SharedBrowser.class, k -> get(), BrowserSession.class);
    }

    static synchronized BrowserSession get() {
        if (session == null) {
            session = new BrowserSession(BrowserSession.Launch.of(BrowserSettings.DEFAULTS, false));
        }
        return session;
    }

    /** Back to one window, no dialog, top frame. */
    static synchronized void reset() {
        if (session == null || !session.started()) {
            return;
        }
        WebDriver d = session.driver();
        try {
            d.switchTo().alert().dismiss();
        } catch (WebDriverException none) {
            // no dialog open
        }
        try {
            String main = session.context().mainWindow();
            Set<String> open = d.getWindowHandles();
            if (!open.contains(main)) {
                session.quit();
                return;
            }
            for (String h : open) {
                if (!h.equals(main)) {
                    d.switchTo().window(h);
                    d.close();
                }
            }
            session.context().switchToWindow(main);
            session.context().resetToTop();
        } catch (WebDriverException broken) {
            session.quit();
        }
    }
}
