package org.karakuri.robots.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.karakuri.i18n.KarakuriException;

/**
 * Which browser and driver a local run uses, found without downloading anything. Given ones win:
 * {@code KARAKURI_CHROMIUM} / {@code KARAKURI_CHROMEDRIVER}, then {@code browser.chromium} /
 * {@code browser.driver} of the engine configuration. Otherwise, on Linux and macOS, the OS's
 * Chromium and chromedriver ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}); on Windows,
 * Microsoft Edge or Google Chrome as installed on the PC (Edge first: every Windows 10/11 has it),
 * with the driver that matches its version given by the administrator (msedgedriver.exe or
 * chromedriver.exe; a driver of another version cannot drive it, so none is guessed).
 */
final class BrowserDiscovery {

    /** The binaries found; {@code edge} when the browser is Microsoft Edge (driven through msedgedriver). */
    record Binaries(Path browser, Path driver, boolean edge) {}

    private final Map<String, String> env;
    private final boolean windows;
    private final Predicate<Path> executable;

    /**
     * @param env        the environment (KARAKURI_CHROMIUM, KARAKURI_CHROMEDRIVER, ProgramFiles, LOCALAPPDATA…)
     * @param osName     {@code os.name}
     * @param executable whether a file exists and may be run (the real file system, or a test's)
     */
    BrowserDiscovery(Map<String, String> env, String osName, Predicate<Path> executable) {
        this.env = env;
        this.windows = osName.toLowerCase(Locale.ROOT).startsWith("windows");
        this.executable = executable;
    }

    /**
     * The browser and driver to use. {@code configuredBrowser} / {@code configuredDriver} are the
     * engine configuration's {@code browser.chromium} / {@code browser.driver} (null when not set).
     */
    Binaries find(String configuredBrowser, String configuredDriver) {
        String givenBrowser = given("KARAKURI_CHROMIUM", configuredBrowser);
        String givenDriver = given("KARAKURI_CHROMEDRIVER", configuredDriver);
        if (!windows) {
            Path browser = Path.of(givenBrowser != null ? givenBrowser : "/usr/bin/chromium");
            Path driver = Path.of(givenDriver != null ? givenDriver : "/usr/bin/chromedriver");
            return new Binaries(browser, driver, isEdge(browser));
        }
        Path browser = givenBrowser != null ? Path.of(givenBrowser) : installed();
        if (browser == null) {
            throw new KarakuriException("browser.windows.none", String.join(", ", candidates().stream().map(Path::toString).toList()));
        }
        if (givenDriver == null) {
            throw new KarakuriException("browser.windows.no-driver", browser, isEdge(browser) ? "msedgedriver.exe" : "chromedriver.exe");
        }
        return new Binaries(browser, Path.of(givenDriver), isEdge(browser));
    }

    private String given(String variable, String configured) {
        String v = env.get(variable);
        if (v != null && !v.isBlank()) {
            return v.strip();
        }
        return configured == null || configured.isBlank() ? null : configured.strip();
    }

    /** The first installed Edge or Chrome, or null. */
    private Path installed() {
        for (Path p : candidates()) {
            if (executable.test(p)) {
                return p;
            }
        }
        return null;
    }

    /** Where Windows installs Edge and Chrome, in the order they are looked for. */
    List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        List<String> programs = new ArrayList<>();
        for (String v : List.of("ProgramFiles(x86)", "ProgramFiles", "ProgramW6432")) {
            String dir = env.get(v);
            if (dir != null && !dir.isBlank() && !programs.contains(dir)) {
                programs.add(dir);
            }
        }
        for (String dir : programs) {
            out.add(windowsPath(dir, "Microsoft\\Edge\\Application\\msedge.exe"));
        }
        for (String dir : programs) {
            out.add(windowsPath(dir, "Google\\Chrome\\Application\\chrome.exe"));
        }
        String local = env.get("LOCALAPPDATA");
        if (local != null && !local.isBlank()) {
            out.add(windowsPath(local, "Google\\Chrome\\Application\\chrome.exe"));
        }
        return out;
    }

    private static Path windowsPath(String dir, String rest) {
        return Path.of(dir.endsWith("\\") ? dir + rest : dir + "\\" + rest);
    }

    /** Whether the browser is Microsoft Edge, from its file name (either separator). */
    static boolean isEdge(Path browser) {
        String s = browser.toString();
        String name = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
        return name.toLowerCase(Locale.ROOT).startsWith("msedge");
    }
}
