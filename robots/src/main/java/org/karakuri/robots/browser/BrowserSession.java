package org.karakuri.robots.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.karakuri.model.BrowserSettings;
import org.karakuri.model.Durations;
import org.karakuri.i18n.Position;
import org.karakuri.model.Step;
import org.karakuri.spi.BrowserSetup;
import org.karakuri.spi.ItemRecovery;
import org.karakuri.spi.StepContext;
import org.karakuri.i18n.Messages.Text;
import org.karakuri.spi.StepFailureHook;
import org.karakuri.spi.StepRecovery;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's browser: one Chromium for every step of a run, started on first use and closed by
 * the engine when the run ends ({@link StepContext#resource}). A small facade over its parts:
 * {@link BrowserProcess} (launching and ending it), {@link BrowsingContext} (windows and frames),
 * {@link PageSettling} (waiting for pages), {@link SessionRecovery} (logging in again after the
 * legacy system logged the robot out) and {@link PageScript} (the in-page helper).
 *
 * <p>As a run resource it also tells the engine how to recover a step the legacy system logged out
 * ({@link StepRecovery}: {@code browser.session}) and takes the failure screenshot
 * ({@link StepFailureHook}) before anything closes.
 */
public final class BrowserSession implements AutoCloseable, StepRecovery, StepFailureHook, ItemRecovery {
    private static final Logger log = LoggerFactory.getLogger(BrowserSession.class);
    /** Keeps Selenium's complaint about missing DevTools bindings for new Chromium versions out of the log. */
    private static final java.util.logging.Logger CDP_LOG = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);

    private final Launch launch;
    private final BrowsingContext context = new BrowsingContext(this);
    private final PageSettling page = new PageSettling(this);
    private final SessionRecovery recovery = new SessionRecovery(this);
    private volatile BrowserProcess process;
    /** The step running now, to tell its run that the browser is waiting for a Grid. */
    private volatile StepContext current;
    /** What the run's last click pressed and where that click is written: told when a later step finds nothing. */
    private volatile Text pressed;
    /** Where, in the item running now, a button that may send something to the system was clicked; null: none yet. */
    private volatile Step submittedAt;
    /** An item of a loop is running (its steps' submits are watched). */
    private volatile boolean inItem;

    /**
     * How to start the browser.
     *
     * @param headless     without a window
     * @param grid         Selenium Grid URL, or null for the local Chromium
     * @param chromium     the browser binary (local only)
     * @param chromedriver the driver binary (local only; msedgedriver for Microsoft Edge)
     * @param home         KARAKURI_HOME, whose {@code browsers/} folder holds the browser's profile
     *                     (null: a folder in the temp folder)
     */
    public record Launch(boolean headless, String grid, Path chromium, Path chromedriver, Path home) {
        public Launch(boolean headless, String grid, Path chromium, Path chromedriver) {
            this(headless, grid, chromium, chromedriver, null);
        }

        /** From {@code browser:} and {@code --headed}, with the binaries {@link BrowserDiscovery} finds. */
        public static Launch of(BrowserSettings settings, boolean headed) {
            return of(settings, headed, null, BrowserSetup.NONE);
        }

        /**
         * The same, keeping profiles under {@code home}; the binaries and the Grid come from the
         * engine configuration ({@code browser:} of {@code home/engine.yaml}, or {@code KARAKURI_…}).
         */
        public static Launch of(BrowserSettings settings, boolean headed, Path home, BrowserSetup engine) {
            BrowserSettings s = settings == null ? BrowserSettings.DEFAULTS : settings;
            Map<String, String> env = System.getenv();
            String grid = blankToNull(s.grid());
            if (grid == null) {
                grid = blankToNull(engine.grid());
            }
            BrowserDiscovery.Binaries b = new BrowserDiscovery(env, System.getProperty("os.name"), java.nio.file.Files::isExecutable)
                .find(engine.browser() == null ? null : engine.browser().toString(),
                    engine.driver() == null ? null : engine.driver().toString());
            return new Launch(s.headless() && !headed, grid, b.browser(), b.driver(), home);
        }
    }

    public BrowserSession(Launch launch) {
        this.launch = launch;
    }

    /** The run's session, created (not yet started) on first use. */
    public static BrowserSession of(StepContext ctx) {
        return ctx.resource(BrowserSession.class,
            () -> new BrowserSession(Launch.of(ctx.scenario() == null ? null : ctx.scenario().browser(),
                ctx.run() != null && ctx.run().headed(), ctx.run() == null ? null : ctx.run().home(), ctx.browserSetup())));
    }

    /** The driver, starting the browser if it is not running. */
    public synchronized WebDriver driver() {
        if (process == null) {
            StepContext step = current;
            process = BrowserProcess.start(launch, text -> {
                if (step != null) {
                    step.progress(text);
                }
            });
            context.started(process.driver.getWindowHandle());
        }
        return process.driver;
    }

    /** True while a browser is running (never waits for one that is starting). */
    public boolean started() {
        return process != null;
    }

    public Launch launch() {
        return launch;
    }

    /** Where the browser saves downloads (local runs). */
    Path downloads() {
        driver();
        return process.downloads;
    }

    /**
     * Clicks at {@code point} (found by the page script's {@code aim}) with DevTools input events
     * where the browser allows it; false when the click must go through WebDriver instead.
     */
    boolean click(Object point, Duration timeout) {
        DevTools input = devTools();
        if (input != null && point instanceof List<?> xy && xy.size() == 2) {
            try {
                input.click(context.currentWindow(), ((Number) xy.get(0)).doubleValue(), ((Number) xy.get(1)).doubleValue(),
                    timeout);
                return true;
            } catch (org.openqa.selenium.TimeoutException e) {
                throw e;
            } catch (WebDriverException e) {
                log.debug("DevTools click failed, clicking through WebDriver: {}", firstLine(e.getMessage()));
            }
        }
        return false;
    }

    /** The DevTools socket beside WebDriver, or null (a Grid, not Chromium). */
    DevTools devTools() {
        driver();
        return process.devTools();
    }

    /** Windows and frames. */
    BrowsingContext context() {
        return context;
    }

    /** Waiting for pages. */
    PageSettling page() {
        return page;
    }

    /**
     * Runs one operation of the in-page helper (karakuri.js) in the current window and frame:
     * over DevTools when the steps are in a tab's top frame and no dialog shows (the answer then
     * holds no elements), through WebDriver otherwise.
     */
    @SuppressWarnings("unchecked")
    <T> T js(String op, Object... args) {
        DevTools devTools = topFrameDevTools();
        if (devTools != null) {
            try {
                return (T) PageScript.evaluate(devTools, context.currentWindow(), op, args, SCRIPT_TIMEOUT);
            } catch (JavascriptException e) {
                throw e;
            } catch (WebDriverException e) {
                log.debug("page script over DevTools failed, through WebDriver: {}", firstLine(e.getMessage()));
            }
        }
        return jsWithElements(op, args);
    }

    /** DevTools, when the steps are in a tab's top frame and no dialog shows; otherwise null. */
    DevTools topFrameDevTools() {
        DevTools devTools = devTools();
        return devTools != null && context.framePath().isEmpty() && !devTools.dialogShowing() ? devTools : null;
    }

    /** The same through WebDriver, for answers that must hold the elements found. */
    <T> T jsWithElements(String op, Object... args) {
        return PageScript.call(driver(), op, args);
    }

    /** After something that may load a page: see {@link PageSettling#settle}. */
    void settle(Duration timeout) {
        page.settle(timeout);
    }

    // ---- running steps -------------------------------------------------------------------

    /** A browser step's work. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** Runs a browser step: see {@link SessionRecovery#perform}. */
    void perform(StepContext ctx, Work work, boolean navigates) throws Exception {
        current = ctx;
        recovery.perform(ctx, work, navigates);
    }

    /** Notes what a click pressed ({@code described} by the page script), for a later step's message; null forgets it (an open). */
    void pressed(StepContext ctx, String written, Object described) {
        pressed = described == null ? null : new Text("browser.target.after-click", ctx.step() == null ? 0 : ctx.step().position().line(),
            ctx.mask(written), Touched.inWords(ctx, described));
    }

    /** What the last click pressed ("the click at line 12 ("ログイン") pressed a "ログイン" (412, 12)"), or null before any click. */
    Text lastPressed() {
        return pressed;
    }

    /** After a click or an open: see {@link SessionRecovery#checkNotExpired}. */
    void checkNotExpired(StepContext ctx) {
        recovery.checkNotExpired(ctx);
    }

    @Override
    public List<Step> recoverySteps(StepContext ctx, Exception error) {
        return recovery.recoverySteps(ctx, error);
    }

    /**
     * The engine tells every failure before anything closes: the picture of the browser goes to
     * the evidence folder ({@code failure-<line>.png}), and a recovery that failed is over.
     */
    @Override
    public void onStepFailure(StepContext ctx, Exception error) {
        recovery.failed();
        Step step = ctx.step();
        screenshotOnFailure(ctx, step == null ? "failure" : "failure-" + step.position().line());
    }

    /** A click that may send something to the system (a submit button) is about to happen in the current item. */
    void submitting(StepContext ctx) {
        if (inItem && submittedAt == null) {
            submittedAt = ctx.step();
        }
    }

    /** A button that submits was clicked in the item running now: a logout seen from here on is the item's, not a step's. */
    boolean submittedInItem() {
        return inItem && submittedAt != null;
    }

    @Override
    public void itemStarting(StepContext ctx) {
        submittedAt = null;
        inItem = true;
    }

    @Override
    public void itemEnded(StepContext ctx) {
        submittedAt = null;
        inItem = false;
    }

    /**
     * After a step of an item failed: when the browser itself is gone (crashed, killed, lost by
     * the Grid), it is ended here so the next step starts a new one, logged in by
     * {@code browser.session.login}; the item is entered again when no submitting button was
     * clicked in it, and held for review when one was (the system may have taken the entry).
     */
    @Override
    public Answer afterItemFailed(StepContext ctx, Exception error) {
        if (!started()) {
            return Answer.NONE;
        }
        if (alive()) {
            return submittedInItem() ? recovery.loggedOutOnSubmit(ctx, error, submittedAt) : Answer.NONE;
        }
        ctx.emit("browser-lost", Map.of("error", ctx.mask(firstLine(String.valueOf(error.getMessage())))));
        try {
            quit();
        } catch (RuntimeException e) {
            log.debug("the lost browser did not quit cleanly: {}", firstLine(e.getMessage()));
        }
        List<Step> login = ctx.scenario() == null || ctx.scenario().browser().session() == null ? List.of()
            : ctx.scenario().browser().session().login();
        Step submitted = submittedAt;
        submittedAt = null;
        if (submitted == null) {
            return new Answer(Verdict.REDO, login, org.karakuri.i18n.Messages.get().format("browser.lost.redo"));
        }
        return new Answer(Verdict.HOLD, login, org.karakuri.i18n.Messages.get().format("browser.lost.hold", submitted.position().line()));
    }

    /** Whether the browser still answers (a dialog showing counts as an answer). */
    private boolean alive() {
        BrowserProcess p = process;
        if (p == null) {
            return false;
        }
        try {
            p.driver.getWindowHandles();
            return true;
        } catch (UnhandledAlertException dialog) {
            return true;
        } catch (WebDriverException gone) {
            return false;
        }
    }

    /** Is the page the one {@code session} describes as "logged out"? (one script, current window) */
    public boolean sessionExpired(BrowserSettings.Session session) {
        return started() && recovery.expired(session, null);
    }

    String safeUrl() {
        BrowserProcess p = process;
        if (p == null) {
            return "";
        }
        try {
            return p.driver.getCurrentUrl();
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
                recovery.dismissAlert(false);
                Evidence.screenshot(this, ctx, name, Map.of("alert", text));
            }
        } catch (Exception e) {
            log.warn("no failure screenshot: {}", ctx.mask(firstLine(String.valueOf(e.getMessage()))));
        }
    }

    // ---- closing -------------------------------------------------------------------------

    /** Quits the browser ({@code close-browser}); the next browser step starts a new one. */
    public synchronized void quit() {
        if (process == null) {
            return;
        }
        try {
            process.quit();
        } finally {
            process = null;
            context.forget();
            page.forget();
            recovery.forget();
        }
    }

    /** Ends the run's browser and deletes its profile and download folder. */
    @Override
    public void close() {
        quit();
    }

    // ---- helpers -------------------------------------------------------------------------

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(Level.SEVERE);
        return l;
    }
}
