package org.karakuri.robots.browser;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the steps are: the browser's windows (the first one, the ones already visited, the order
 * they were used in) and the frame path inside the current window, with the stack of
 * {@code within-frame} blocks still open.
 */
final class BrowsingContext {
    private static final Logger log = LoggerFactory.getLogger(BrowsingContext.class);

    private final BrowserSession browser;
    private String mainWindow;
    private final LinkedHashSet<String> windowsSeen = new LinkedHashSet<>();
    private final Set<String> windowsVisited = new HashSet<>();
    private final Deque<String> windowHistory = new ArrayDeque<>();
    private List<String> framePath = List.of();
    private final Deque<List<String>> frameStack = new ArrayDeque<>();

    BrowsingContext(BrowserSession browser) {
        this.browser = browser;
    }

    /** A browser just started in {@code window}. */
    void started(String window) {
        forget();
        mainWindow = window;
        windowsSeen.add(window);
        windowsVisited.add(window);
        windowHistory.push(window);
    }

    /** The browser closed: nothing is known any more. */
    void forget() {
        mainWindow = null;
        windowsSeen.clear();
        windowsVisited.clear();
        windowHistory.clear();
        frameStack.clear();
        framePath = List.of();
    }

    // ---- windows -------------------------------------------------------------------------

    String mainWindow() {
        browser.driver();
        return mainWindow;
    }

    /** The window the steps are in (the one used last). */
    String currentWindow() {
        return windowHistory.peek();
    }

    /** The open windows, in the order they were first seen. */
    List<String> windows() {
        Set<String> now = browser.driver().getWindowHandles();
        windowsSeen.retainAll(now);
        windowsSeen.addAll(now);
        return List.copyOf(windowsSeen);
    }

    /** The most recently opened window this run has not been in yet, or null. */
    String newestUnvisited() {
        List<String> all = windows();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (!windowsVisited.contains(all.get(i))) {
                return all.get(i);
            }
        }
        return null;
    }

    void switchToWindow(String handle) {
        browser.driver().switchTo().window(handle);
        windowsVisited.add(handle);
        windowHistory.remove(handle);
        windowHistory.push(handle);
        framePath = List.of();
        frameStack.clear();
    }

    /** After the current window closed: back to the window used before it. */
    boolean backToPreviousWindow() {
        Set<String> open;
        try {
            open = browser.driver().getWindowHandles();
        } catch (WebDriverException e) {
            return false;
        }
        while (!windowHistory.isEmpty()) {
            String h = windowHistory.peek();
            if (open.contains(h)) {
                switchToWindow(h);
                log.info("the window was closed; back in the previous window");
                return true;
            }
            windowHistory.pop();
        }
        return false;
    }

    /** Another window, with the enclosing {@code within-frame} blocks still to be closed where they opened. */
    void toWindowKeepingBlocks(String window) {
        Deque<List<String>> blocks = new ArrayDeque<>(frameStack);
        switchToWindow(window);
        blocks.descendingIterator().forEachRemaining(frameStack::push);
    }

    /** The first window's top frame (where a login starts), keeping the frame blocks open around. */
    void toFirstWindowTop() {
        List<String> open = windows();
        toWindowKeepingBlocks(open.contains(mainWindow) ? mainWindow : open.get(0));
        browser.driver().switchTo().defaultContent();
        framePath = List.of();
    }

    /** Back in {@code window} (when still open) at frame path {@code frames}, keeping the frame blocks open around. */
    void backTo(String window, List<String> frames, Duration timeout) {
        if (window != null && !window.equals(windowHistory.peek()) && windows().contains(window)) {
            toWindowKeepingBlocks(window);
        }
        restoreFrames(frames, timeout);
    }

    // ---- frames --------------------------------------------------------------------------

    List<String> framePath() {
        return framePath;
    }

    /** The frame the steps were in is gone: the top of the window. */
    void frameGone() {
        browser.driver().switchTo().defaultContent();
        framePath = List.of();
    }

    /**
     * Enters the first of {@code candidates} (frame paths from the top of the window) that exists,
     * waiting for them up to {@code timeout}.
     */
    void enterFrames(List<List<String>> candidates, Duration timeout, String written) {
        WebDriver d = browser.driver();
        AtomicReference<Map<String, Object>> last = new AtomicReference<>();
        List<String> entered;
        try {
            entered = BrowserWait.until(timeout, () -> {
                for (List<String> path : candidates) {
                    d.switchTo().defaultContent();
                    if (walk(d, path, last)) {
                        return path;
                    }
                }
                d.switchTo().defaultContent();
                return null;
            }, () -> Frames.missing(written, timeout, last.get()));
        } catch (RuntimeException e) {
            framePath = List.of();
            throw e;
        }
        framePath = List.copyOf(entered);
        browser.page().awaitReady(timeout);
    }

    private boolean walk(WebDriver d, List<String> path, AtomicReference<Map<String, Object>> last) {
        for (String segment : path) {
            Map<String, Object> r = browser.jsWithElements("frame", segment);
            String status = (String) r.get("status");
            if ("ambiguous".equals(status)) {
                throw Frames.ambiguous(segment, r);
            }
            if (!"found".equals(status)) {
                last.set(r);
                return false;
            }
            d.switchTo().frame((WebElement) r.get("el"));
        }
        return true;
    }

    /** Remembers where a {@code within-frame} block started, to go back there when it closes. */
    void pushFrames(List<String> outer) {
        frameStack.push(List.copyOf(outer));
    }

    /** The top of the current window, forgetting every frame block (when going back is impossible). */
    void resetToTop() {
        frameStack.clear();
        framePath = List.of();
        try {
            browser.driver().switchTo().defaultContent();
        } catch (WebDriverException e) {
            log.debug("cannot go to the top of the window: {}", BrowserSession.firstLine(e.getMessage()));
        }
    }

    /** Back to where we were before the block ({@code within-frame} closing). */
    void popFrames(Duration timeout) {
        List<String> before = frameStack.isEmpty() ? List.of() : frameStack.pop();
        restoreFrames(before, timeout);
    }

    private void restoreFrames(List<String> path, Duration timeout) {
        browser.driver().switchTo().defaultContent();
        framePath = List.of();
        if (!path.isEmpty()) {
            enterFrames(List.of(path), timeout, String.join(" > ", path));
        }
    }
}
