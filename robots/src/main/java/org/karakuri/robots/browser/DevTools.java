package org.karakuri.robots.browser;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.Connection;
import org.openqa.selenium.devtools.Event;
import org.openqa.selenium.devtools.SeleniumCdpConnection;
import org.openqa.selenium.devtools.idealized.target.model.SessionID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local Chromium's DevTools socket, beside WebDriver, for what WebDriver makes slow: clicks as a
 * person's mouse makes them (trusted events with user activation, so pop-ups open as after a real
 * click) and the page script in a tab's top frame, each without WebDriver's round trips.
 *
 * <p>A click whose handler opens {@code alert}/{@code confirm} does not finish until the dialog is
 * answered, so {@link #click} waits for the click to finish or a dialog to open, and leaves the
 * dialog for the next step; while a dialog shows, nothing goes through here ({@link #dialogShowing})
 * and WebDriver reports the dialog as before. Only for a local Chromium or Edge ({@link ChromiumDriver}); a Grid, or a
 * failure to connect, leaves everything to WebDriver.
 */
final class DevTools implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DevTools.class);
    private static final Duration ANSWER = Duration.ofSeconds(10);

    private final Connection connection;
    private final Map<String, SessionID> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger dialogsOpened = new AtomicInteger();
    private final AtomicInteger dialogsShowing = new AtomicInteger();

    private DevTools(Connection connection) {
        this.connection = connection;
        connection.addListener(new Event<>("Page.javascriptDialogOpening", DevTools::ignore), (seq, x) -> {
            dialogsOpened.incrementAndGet();
            dialogsShowing.incrementAndGet();
        });
        connection.addListener(new Event<>("Page.javascriptDialogClosed", DevTools::ignore),
            (seq, x) -> dialogsShowing.updateAndGet(n -> Math.max(0, n - 1)));
    }

    private static Boolean ignore(org.openqa.selenium.json.JsonInput in) {
        in.skipValue();
        return Boolean.TRUE;
    }

    /** A connection to {@code driver}'s browser, or null where everything goes through WebDriver. */
    static DevTools connect(WebDriver driver) {
        if (!(driver instanceof ChromiumDriver)) {
            return null;
        }
        try {
            return SeleniumCdpConnection.create(driver).map(DevTools::new).orElse(null);
        } catch (RuntimeException e) {
            log.debug("no DevTools connection, everything goes through WebDriver: {}", BrowserSession.firstLine(e.getMessage()));
            return null;
        }
    }

    /** True while a dialog (alert, confirm, prompt) of any window is showing. */
    boolean dialogShowing() {
        return dialogsShowing.get() > 0;
    }

    /**
     * Clicks with the left button at ({@code x}, {@code y}) of {@code window}'s viewport (CSS
     * pixels). Returns when the page has handled the click, or as soon as a dialog the click opened
     * is showing.
     */
    void click(String window, double x, double y, Duration timeout) {
        SessionID session = session(window);
        int before = dialogsOpened.get();
        connection.send(session, mouse("mousePressed", x, y, 1));
        CompletableFuture<Map<String, Object>> released = connection.send(session, mouse("mouseReleased", x, y, 0));
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                released.get(2, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException stillClicking) {
                if (dialogsOpened.get() != before) {
                    return; // the handler shows a dialog: the click ends when it is answered
                }
                if (System.nanoTime() > end) {
                    throw new org.openqa.selenium.TimeoutException("the click did not finish within " + timeout);
                }
            } catch (ExecutionException e) {
                sessions.remove(window);
                throw new WebDriverException("DevTools click failed: " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WebDriverException("interrupted while clicking", e);
            }
        }
    }

    /**
     * The value of {@code expression} in the top frame of {@code window} (JSON-like: maps, lists,
     * strings, numbers, booleans, null). A script error is a {@link JavascriptException}.
     */
    Object evaluate(String window, String expression, Duration timeout) {
        SessionID session = session(window);
        Map<String, Object> r;
        try {
            r = connection.sendAndWait(session, command("Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true, "awaitPromise", false)), timeout);
        } catch (RuntimeException e) {
            sessions.remove(window);
            throw e;
        }
        if (r.get("exceptionDetails") instanceof Map<?, ?> details) {
            Object ex = details.get("exception") instanceof Map<?, ?> m ? m.get("description") : details.get("text");
            throw new JavascriptException(String.valueOf(ex));
        }
        return r.get("result") instanceof Map<?, ?> result ? result.get("value") : null;
    }

    /** The DevTools session of a window (its handle is its target id), attached on first use. */
    private SessionID session(String window) {
        return sessions.computeIfAbsent(window, handle -> {
            Map<String, Object> r = connection.sendAndWait(null,
                command("Target.attachToTarget", Map.of("targetId", handle, "flatten", true)), ANSWER);
            SessionID id = new SessionID(String.valueOf(r.get("sessionId")));
            connection.sendAndWait(id, command("Page.enable", Map.of()), ANSWER);
            return id;
        });
    }

    private static Command<Map<String, Object>> mouse(String type, double x, double y, int buttons) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", type);
        p.put("x", x);
        p.put("y", y);
        p.put("button", "left");
        p.put("buttons", buttons);
        p.put("clickCount", 1);
        return command("Input.dispatchMouseEvent", p);
    }

    private static Command<Map<String, Object>> command(String method, Map<String, Object> params) {
        return new Command<>(method, params, (java.lang.reflect.Type) Map.class);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (RuntimeException e) {
            log.debug("DevTools connection did not close cleanly: {}", BrowserSession.firstLine(e.getMessage()));
        }
    }
}
