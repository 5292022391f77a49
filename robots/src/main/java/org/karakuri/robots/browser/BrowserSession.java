package org.karakuri.robots.browser;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.model.BrowserSettings;
import org.karakuri.model.Durations;
import org.karakuri.model.Position;
import org.karakuri.model.Step;
import org.karakuri.spi.StepContext;
import org.karakuri.spi.StepFailureHook;
import org.karakuri.spi.StepRecovery;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchFrameException;
import org.openqa.selenium.NoSuchWindowException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.LocalFileDetector;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's browser: one Chromium for every step of a run, started on first use and closed by
 * the engine when the run ends ({@link StepContext#resource}). Local runs drive
 * {@code /usr/bin/chromium} through {@code /usr/bin/chromedriver} (never a downloaded driver) with a
 * fresh profile and download folder that are deleted at close; {@code browser.grid} drives a
 * Selenium Grid with the same options.
 *
 * <p>As a run resource it also tells the engine how to recover a step the legacy system logged out
 * ({@link StepRecovery}: {@code browser.session}) and takes the failure screenshot
 * ({@link StepFailureHook}) before anything closes.
 */
public final class BrowserSession implements AutoCloseable, StepRecovery, StepFailureHook {
    private static final Logger log = LoggerFactory.getLogger(BrowserSession.class);
    static final String SCRIPT = script("karakuri.js");
    private static final List<String> ARGUMENTS = List.of(
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
        "--password-store=basic", "--window-size=1366,900", "--lang=ja");
    /** Keeps Selenium's complaint about missing DevTools bindings for new Chromium versions out of the log. */
    private static final java.util.logging.Logger CDP_LOG = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private final Launch launch;
    private Path temp;
    private Path downloads;
    private WebDriver driver;
    private Thread shutdownHook;

    private String mainWindow;
    private final LinkedHashSet<String> windowsSeen = new LinkedHashSet<>();
    private final Set<String> windowsVisited = new HashSet<>();
    private final Deque<String> windowHistory = new ArrayDeque<>();
    private List<String> framePath = List.of();
    private final Deque<List<String>> frameStack = new ArrayDeque<>();
    private Duration pageLoadTimeout;

    /**
     * How to start the browser.
     *
     * @param headless     without a window
     * @param grid         Selenium Grid URL, or null for the local Chromium
     * @param chromium     the browser binary (local only)
     * @param chromedriver the driver binary (local only)
     */
    public record Launch(boolean headless, String grid, Path chromium, Path chromedriver) {
        /** From {@code browser:} and {@code --headed}; {@code KARAKURI_CHROMIUM} / {@code KARAKURI_CHROMEDRIVER} override the binaries. */
        public static Launch of(BrowserSettings settings, boolean headed) {
            BrowserSettings s = settings == null ? BrowserSettings.DEFAULTS : settings;
            return new Launch(s.headless() && !headed, blankToNull(s.grid()),
                Path.of(env("KARAKURI_CHROMIUM", "/usr/bin/chromium")),
                Path.of(env("KARAKURI_CHROMEDRIVER", "/usr/bin/chromedriver")));
        }
    }

    public BrowserSession(Launch launch) {
        this.launch = launch;
    }

    /** The run's session, created (not yet started) on first use. */
    public static BrowserSession of(StepContext ctx) {
        return ctx.resource(BrowserSession.class,
            () -> new BrowserSession(Launch.of(ctx.scenario() == null ? null : ctx.scenario().browser(),
                ctx.run() != null && ctx.run().headed())));
    }

    /** The driver, starting the browser if it is not running. */
    public synchronized WebDriver driver() {
        if (driver == null) {
            start();
        }
        return driver;
    }

    /** True while a browser is running. */
    public synchronized boolean started() {
        return driver != null;
    }

    public Launch launch() {
        return launch;
    }

    /** Where the browser saves downloads (local runs). */
    Path downloads() {
        driver();
        return downloads;
    }

    private void start() {
        long t0 = System.nanoTime();
        try {
            temp = Files.createTempDirectory("karakuri-browser-");
            downloads = Files.createDirectories(temp.resolve("downloads"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the browser's temporary folder", e);
        }
        ChromeOptions options = options();
        try {
            if (launch.grid() != null) {
                options.setEnableDownloads(true);
                RemoteWebDriver remote = new RemoteWebDriver(gridUrl(launch.grid()), options);
                remote.setFileDetector(new LocalFileDetector());
                driver = remote;
            } else {
                requireExecutable(launch.chromium(), "KARAKURI_CHROMIUM");
                requireExecutable(launch.chromedriver(), "KARAKURI_CHROMEDRIVER");
                options.setBinary(launch.chromium().toFile());
                options.addArguments("--user-data-dir=" + temp.resolve("profile"));
                ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(launch.chromedriver().toString()))
                    .usingAnyFreePort()
                    .build();
                driver = new ChromeDriver(service, options);
            }
        } catch (WebDriverException e) {
            deleteTemp();
            throw new KarakuriException((Position) null, e, "browser.start-failed",
                launch.grid() != null ? launch.grid() : launch.chromium(), firstLine(e.getMessage()));
        }
        mainWindow = driver.getWindowHandle();
        windowsSeen.add(mainWindow);
        windowsVisited.add(mainWindow);
        windowHistory.push(mainWindow);
        shutdownHook = new Thread(this::quietQuit, "karakuri-browser-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        log.info("browser started in {} ms ({})", (System.nanoTime() - t0) / 1_000_000,
            launch.grid() != null ? "grid " + launch.grid() : launch.headless() ? "headless" : "headed");
    }

    private ChromeOptions options() {
        ChromeOptions options = new ChromeOptions();
        if (launch.headless()) {
            options.addArguments("--headless=new");
        }
        options.addArguments(ARGUMENTS);
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        Map<String, Object> prefs = new HashMap<>();
        if (launch.grid() == null) {
            // on a Grid node the Grid chooses the folder (se:downloadsEnabled) and hands files back
            prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
        }
        prefs.put("download.prompt_for_download", false);
        prefs.put("download.directory_upgrade", true);
        prefs.put("safebrowsing.enabled", false);
        prefs.put("credentials_enable_service", false);
        prefs.put("profile.password_manager_enabled", false);
        prefs.put("intl.accept_languages", "ja,en-US,en");
        options.setExperimentalOption("prefs", prefs);
        return options;
    }

    private static URL gridUrl(String grid) {
        try {
            return new URL(grid);
        } catch (MalformedURLException e) {
            throw new KarakuriException("browser.grid-url", grid);
        }
    }

    private static void requireExecutable(Path file, String variable) {
        if (!Files.isExecutable(file)) {
            throw new KarakuriException("browser.binary-missing", file, variable);
        }
    }

    /** Runs one operation of the in-page helper (karakuri.js) in the current window and frame. */
    @SuppressWarnings("unchecked")
    <T> T js(String op, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = op;
        System.arraycopy(args, 0, all, 1, args.length);
        return (T) ((JavascriptExecutor) driver()).executeScript(SCRIPT, all);
    }

    /** Waits until the current document has loaded. */
    void awaitReady(Duration timeout) {
        JavascriptExecutor js = (JavascriptExecutor) driver();
        BrowserWait.until(timeout, () -> "complete".equals(js.executeScript("return document.readyState")),
            () -> new KarakuriException("browser.page-not-ready", Durations.format(timeout)));
    }

    /**
     * After something that may load a page (open, click, alert, switch): waits for the document
     * of the current context. An alert the click opened is left for the next step to answer; a
     * frame the page replaced sends us to the top of the window, a window that closed back to
     * the one used before it.
     */
    void settle(Duration timeout) {
        try {
            awaitSettled(timeout);
        } catch (UnhandledAlertException alertOpened) {
            // answered by the next step (alert:); any other step reports it with its text
        } catch (NoSuchWindowException closed) {
            if (backToPreviousWindow()) {
                settle(timeout);
            }
        } catch (NoSuchFrameException frameGone) {
            driver().switchTo().defaultContent();
            framePath = List.of();
            awaitReady(timeout);
        }
    }

    /**
     * The current document must be complete within {@code timeout}; the other frames of the tab
     * (same origin) are waited for as well, as long as the timeout allows, but a frame that never
     * finishes (a ticker, a chat) does not fail the step.
     */
    private void awaitSettled(Duration timeout) {
        JavascriptExecutor js = (JavascriptExecutor) driver();
        AtomicReference<Boolean> current = new AtomicReference<>(false);
        try {
            BrowserWait.until(timeout, () -> {
                List<?> r;
                try {
                    r = (List<?>) js.executeScript(SETTLED);
                } catch (JavascriptException betweenPages) {
                    return null; // the document was being replaced under the script: look again
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

    /** [readyState of the current document, whether every frame of the tab has arrived and loaded]. */
    private static final String SETTLED = """
        var top, all = true;
        try { top = window.top; top.document; } catch (e) { top = window; }
        (function walk(w, depth) {
          try {
            if (w.document.readyState !== 'complete' || w.__karakuriLeaving) all = false;
            if (depth < 5) for (var i = 0; i < w.frames.length; i++) walk(w.frames[i], depth + 1);
          } catch (e) { /* another origin */ }
        })(top, 0);
        return [document.readyState, all];""";

    /** Page loads may take as long as a step may wait, and never less than 30 s. */
    void pageLoadTimeout(Duration stepTimeout) {
        Duration wanted = stepTimeout.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : stepTimeout;
        if (!wanted.equals(pageLoadTimeout)) {
            driver().manage().timeouts().pageLoadTimeout(wanted);
            pageLoadTimeout = wanted;
        }
    }

    // ---- windows -------------------------------------------------------------------------

    String mainWindow() {
        driver();
        return mainWindow;
    }

    /** The open windows, in the order they were first seen. */
    List<String> windows() {
        Set<String> now = driver().getWindowHandles();
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
        driver().switchTo().window(handle);
        windowsVisited.add(handle);
        windowHistory.remove(handle);
        windowHistory.push(handle);
        framePath = List.of();
        frameStack.clear();
    }

    /** After the current window closed: back to the window used before it. */
    private boolean backToPreviousWindow() {
        Set<String> open;
        try {
            open = driver.getWindowHandles();
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

    // ---- frames --------------------------------------------------------------------------

    List<String> framePath() {
        return framePath;
    }

    /**
     * Enters the first of {@code candidates} (frame paths from the top of the window) that exists,
     * waiting for them up to {@code timeout}.
     */
    void enterFrames(List<List<String>> candidates, Duration timeout, String written) {
        WebDriver d = driver();
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
        awaitReady(timeout);
    }

    private boolean walk(WebDriver d, List<String> path, AtomicReference<Map<String, Object>> last) {
        for (String segment : path) {
            Map<String, Object> r = js("frame", segment);
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
            driver().switchTo().defaultContent();
        } catch (WebDriverException e) {
            log.debug("cannot go to the top of the window: {}", firstLine(e.getMessage()));
        }
    }

    /** Back to where we were before the block ({@code within-frame} closing). */
    void popFrames(Duration timeout) {
        List<String> before = frameStack.isEmpty() ? List.of() : frameStack.pop();
        restoreFrames(before, timeout);
    }

    private void restoreFrames(List<String> path, Duration timeout) {
        driver().switchTo().defaultContent();
        framePath = List.of();
        if (!path.isEmpty()) {
            enterFrames(List.of(path), timeout, String.join(" > ", path));
        }
    }

    // ---- running steps -------------------------------------------------------------------

    /** A browser step's work. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
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
    void perform(StepContext ctx, Work work, boolean navigates) throws Exception {
        Recovery r = recovery;
        if (r != null && ctx.step() != null && ctx.step() == r.step()) {
            recovery = null;
            Navigation replay = r.navigates() ? null : lastNavigation;
            Map<String, Object> renewed = new LinkedHashMap<>();
            if (replay != null) {
                backTo(replay.window(), replay.frames(), ctx.timeout());
                run(ctx, replay.work());
                renewed.put("repeated", replay.step().position().toString());
            }
            backTo(r.window(), r.frames(), ctx.timeout());
            ctx.emit("session-renewed", renewed);
        }
        String window = windowHistory.peek();
        List<String> frames = framePath;
        lastFailureNavigates = navigates;
        try {
            work.run();
        } catch (Exception first) {
            if (!(first instanceof NoSuchWindowException) || !started() || !backToPreviousWindow()) {
                throw BrowserErrors.translate(this, ctx, first);
            }
            run(ctx, work);
        }
        if (navigates && ctx.step() != null && recovery == null) {
            lastNavigation = new Navigation(ctx.step(), work, window, frames);
        }
    }

    private void run(StepContext ctx, Work work) throws Exception {
        try {
            work.run();
        } catch (Exception e) {
            throw BrowserErrors.translate(this, ctx, e);
        }
    }

    /** A step being recovered: where it failed, to go back there when it is tried again. */
    private record Recovery(Step step, String window, List<String> frames, boolean navigates) {}

    /** The last click or open that went well, and where it ran. */
    private record Navigation(Step step, Work work, String window, List<String> frames) {}

    private volatile Recovery recovery;
    private volatile Navigation lastNavigation;
    private volatile boolean lastFailureNavigates;

    /**
     * The engine asks after a step failed: when {@code browser.session} recognises the page (or
     * an open dialog) as "logged out", the answer is its {@code login} steps, to be run from the
     * first window's top frame before the step is tried again; otherwise nothing. Never answers
     * while a recovery is already going on (a login step that fails is not recovered by logging in).
     */
    @Override
    public List<Step> recoverySteps(StepContext ctx, Exception error) {
        BrowserSettings.Session session = ctx.scenario() == null ? null : ctx.scenario().browser().session();
        if (session == null || !started() || recovery != null) {
            return List.of();
        }
        if (!SessionRenewal.expired(this, session, SessionRenewal.rootCause(error))) {
            return List.of();
        }
        recovery = new Recovery(ctx.step(), windowHistory.peek(), framePath, lastFailureNavigates);
        ctx.progress(Messages.get().format("browser.session.renewing"));
        ctx.emit("session-expired", Map.of("url", ctx.mask(safeUrl())));
        SessionRenewal.dismissAlert(this, true);
        List<String> open = windows();
        toWindowKeepingBlocks(open.contains(mainWindow) ? mainWindow : open.get(0));
        driver().switchTo().defaultContent();
        framePath = List.of();
        return session.login();
    }

    /**
     * The engine tells every failure before anything closes: the picture of the browser goes to
     * the evidence folder ({@code failure-<line>.png}), and a recovery that failed is over.
     */
    @Override
    public void onStepFailure(StepContext ctx, Exception error) {
        recovery = null;
        Step step = ctx.step();
        screenshotOnFailure(ctx, step == null ? "failure" : "failure-" + step.position().line());
    }

    /** Back in {@code window} (when still open) at frame path {@code frames}, keeping the frame blocks open around. */
    private void backTo(String window, List<String> frames, Duration timeout) {
        if (window != null && !window.equals(windowHistory.peek()) && windows().contains(window)) {
            toWindowKeepingBlocks(window);
        }
        restoreFrames(frames, timeout);
    }

    /** Another window, with the enclosing {@code within-frame} blocks still to be closed where they opened. */
    private void toWindowKeepingBlocks(String window) {
        Deque<List<String>> blocks = new ArrayDeque<>(frameStack);
        switchToWindow(window);
        blocks.descendingIterator().forEachRemaining(frameStack::push);
    }

    /**
     * After a click or an open that went well: a page showing {@code browser.session.expired-text}
     * means the step landed on "session expired" instead of where it was going, so it fails with
     * {@code browser.session.expired} and the engine recovers it like any other. Only the text is
     * checked here: a system's login page (expired-url) is often opened on purpose.
     */
    void checkNotExpired(StepContext ctx) {
        BrowserSettings.Session session = ctx.scenario() == null ? null : ctx.scenario().browser().session();
        if (session == null || session.expiredText() == null || recovery != null) {
            return;
        }
        Map<String, Object> r;
        try {
            r = js("expired", session.expiredText(), null);
        } catch (UnhandledAlertException alertOpen) {
            return; // the next step answers it, or fails on it and its text is checked then
        }
        if (Boolean.TRUE.equals(r.get("expired"))) {
            throw new KarakuriException("browser.session.expired", ctx.mask(String.valueOf(r.get("url"))));
        }
    }

    /** Is the page the one {@code session} describes as "logged out"? (one script, current window) */
    public boolean sessionExpired(BrowserSettings.Session session) {
        return started() && SessionRenewal.expired(this, session, null);
    }

    String safeUrl() {
        try {
            return driver.getCurrentUrl();
        } catch (WebDriverException e) {
            return "";
        }
    }

    // ---- evidence ------------------------------------------------------------------------

    /**
     * Saves what the browser shows as {@code <name>.png} in the run's evidence folder and emits a
     * {@code screenshot} event {name, file, sha256}. For the engine, on every failure, before the
     * browser closes; does nothing when no browser was started and never throws. A dialog left open
     * is cancelled first and its text added to the event as {@code alert}.
     */
    public void screenshotOnFailure(StepContext ctx, String name) {
        if (!started()) {
            return;
        }
        try {
            try {
                Evidence.screenshot(this, ctx, name);
            } catch (UnhandledAlertException dialog) {
                // a dialog hides the page from the driver: keep its text, cancel it, picture the page
                String text = ctx.mask(BrowserErrors.alertText(this, dialog));
                SessionRenewal.dismissAlert(this, false);
                Evidence.screenshot(this, ctx, name, Map.of("alert", text));
            }
        } catch (Exception e) {
            log.warn("no failure screenshot: {}", ctx.mask(firstLine(String.valueOf(e.getMessage()))));
        }
    }

    // ---- closing -------------------------------------------------------------------------

    /** Quits the browser ({@code close-browser}); the next browser step starts a new one. */
    public synchronized void quit() {
        if (driver == null) {
            return;
        }
        try {
            driver.quit();
        } catch (WebDriverException e) {
            log.warn("browser did not quit cleanly: {}", firstLine(e.getMessage()));
        } finally {
            driver = null;
            deleteTemp();
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already on its way out; the hook is what is calling us
                }
                shutdownHook = null;
            }
            windowsSeen.clear();
            windowsVisited.clear();
            windowHistory.clear();
            frameStack.clear();
            framePath = List.of();
            pageLoadTimeout = null;
            recovery = null;
            lastNavigation = null;
        }
    }

    private void quietQuit() {
        WebDriver d = driver;
        if (d != null) {
            try {
                d.quit();
            } catch (RuntimeException ignored) {
                // the JVM is exiting; nothing left to tell
            }
            deleteTemp();
        }
    }

    /** Ends the run's browser and deletes its profile and download folder. */
    @Override
    public void close() {
        quit();
    }

    private void deleteTemp() {
        if (temp == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(temp)) {
            List<Path> paths = new ArrayList<>(all.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not delete the browser's temporary folder {}: {}", temp, e.getMessage());
        }
        temp = null;
    }

    // ---- helpers -------------------------------------------------------------------------

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(Level.SEVERE);
        return l;
    }

    private static String script(String name) {
        try (InputStream in = BrowserSession.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + BrowserSession.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
