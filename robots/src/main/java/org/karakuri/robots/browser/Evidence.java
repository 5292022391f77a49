package org.karakuri.robots.browser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.karakuri.spi.StepContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;

/** Screenshots as evidence (secrets blanked out first) and the hashes that make files evidence. */
final class Evidence {
    private Evidence() {}

    /**
     * Saves the browser's viewport as {@code <name>.png} (then {@code <name>-2.png}…) in the
     * evidence folder and emits {@code screenshot} {name, file (relative to the evidence folder), sha256}. Text and field values that
     * hold a secret or a My Number are replaced by their masked form while the picture is taken.
     */
    static Path screenshot(BrowserSession browser, StepContext ctx, String name) throws IOException {
        return screenshot(browser, ctx, name, Map.of());
    }

    /** The same, with more facts for the event (the text of a dialog that was open). */
    static Path screenshot(BrowserSession browser, StepContext ctx, String name, Map<String, Object> facts) throws IOException {
        byte[] png = masked(browser, ctx);
        Path folder = Files.createDirectories(ctx.evidenceFolder());
        Path file = unique(folder, fileName(name), ".png");
        Files.write(file, png);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("file", folder.relativize(file).toString());
        data.put("sha256", sha256(png));
        data.putAll(facts);
        ctx.emit("screenshot", data);
        return file;
    }

    private static byte[] masked(BrowserSession browser, StepContext ctx) {
        List<Object> changes = new ArrayList<>();
        try {
            List<Object> texts = browser.js("maskCollect");
            for (int i = 0; i < texts.size(); i++) {
                String t = String.valueOf(texts.get(i));
                String m = ctx.mask(t);
                if (!m.equals(t)) {
                    changes.add(List.of(i, m));
                }
            }
            if (!changes.isEmpty()) {
                browser.js("maskApply", changes);
            }
        } catch (WebDriverException e) {
            // an alert or a closed frame: take the picture as it is rather than none
            changes.clear();
        }
        try {
            return ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES);
        } finally {
            if (!changes.isEmpty()) {
                browser.js("maskRestore");
            }
        }
    }

    /** A file name from an author's name: path separators and characters Windows refuses become '_'. */
    static String fileName(String name) {
        String n = name == null ? "" : name.strip().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        return n.isEmpty() || n.equals(".") || n.equals("..") ? "screenshot" : n;
    }

    static Path unique(Path folder, String base, String extension) {
        Path file = folder.resolve(base + extension);
        for (int i = 2; Files.exists(file); i++) {
            file = folder.resolve(base + "-" + i + extension);
        }
        return file;
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
