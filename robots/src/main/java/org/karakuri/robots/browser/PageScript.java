package org.karakuri.robots.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.json.Json;

/**
 * The in-page helper (karakuri.js): one operation a call, in the current window and frame. The
 * helper (34 KB) is installed once in each document, as a hidden property of its window named with
 * the helper's version; a call sends a one-line stub that runs the operation when the helper is
 * there and otherwise says so, and only then the whole helper goes, installing itself and running
 * the operation in the same round trip. A new page, frame or version installs it afresh.
 */
final class PageScript {
    private static final String HELPER = read("karakuri.js");
    /** The window property holding this version of the helper. */
    static final String PROPERTY = "__karakuri_" + version(HELPER);
    private static final String MISSING = "karakuri:install";
    private static final String RUN = "return k[arguments[0]].apply(null, Array.prototype.slice.call(arguments, 1));";
    /** Defines the helper in the document it runs in . */
    static final String INSTALL = HELPER + "\nvar k = window['" + PROPERTY + "'] || K;\n"
        + "if (!window['" + PROPERTY + "']) Object.defineProperty(window, '" + PROPERTY + "', { value: K, configurable: true });\n";
    private static final String INSTALL_AND_RUN = INSTALL + RUN;
    private static final String STUB = "var k = window['" + PROPERTY + "']; if (!k) return '" + MISSING + "'; " + RUN;

    /** The same over DevTools (top frame): results come by value, so elements are left out. */
    private static final String STRIP = "var r = k[op].apply(null, args);"
        + " if (r && typeof r === 'object' && !Array.isArray(r)) { delete r.el; delete r.els; } return r;";
    private static final Json JSON = new Json();

    private PageScript() {}

    /**
     * Runs operation {@code op} in the top frame of {@code window} over DevTools. The answer holds
     * no elements ({@code el}); what needs one asks through WebDriver ({@link #call}).
     */
    static Object evaluate(DevTools devTools, String window, String op, Object[] args, Duration timeout) {
        String call = "var op = " + JSON.toJson(op) + ", args = " + JSON.toJson(Arrays.asList(args)) + ";\n";
        Object r = devTools.evaluate(window, "(function () { " + call + "var k = window['" + PROPERTY + "']; if (!k) return '"
            + MISSING + "'; " + STRIP + " })()", timeout);
        if (MISSING.equals(r)) {
            r = devTools.evaluate(window, "(function () { " + call + INSTALL + STRIP + " })()", timeout);
        }
        return r;
    }

    /** Runs operation {@code op} of the helper with {@code args}. */
    @SuppressWarnings("unchecked")
    static <T> T call(WebDriver driver, String op, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = op;
        System.arraycopy(args, 0, all, 1, args.length);
        JavascriptExecutor js = (JavascriptExecutor) driver;
        Object r = js.executeScript(STUB, all);
        if (MISSING.equals(r)) {
            r = js.executeScript(INSTALL_AND_RUN, all);
        }
        return (T) r;
    }

    private static String version(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String read(String name) {
        try (InputStream in = PageScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + PageScript.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
