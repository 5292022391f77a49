package org.karakuri.robots.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumOptions;
import org.openqa.selenium.edge.EdgeDriver;
import org.openqa.selenium.edge.EdgeDriverService;
import org.openqa.selenium.edge.EdgeOptions;
import org.openqa.selenium.remote.service.DriverService;
import org.openqa.selenium.remote.LocalFileDetector;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launching: one started browser, local (the OS's Chromium through its chromedriver, never a
 * downloaded one, with a fresh profile and download folder) or a session on a Selenium Grid.
 * {@link #quit} ends it and deletes its folders; a JVM shutdown hook does the same if the run
 * never got to it.
 */
final class BrowserProcess {
    private static final Logger log = LoggerFactory.getLogger(BrowserProcess.class);
    private static final List<String> ARGUMENTS = List.of(
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
        "--password-store=basic", "--window-size=1366,900", "--lang=ja");

    final WebDriver driver;
    final Path downloads;
    private Path temp;
    private Process watchdog;
    private Thread shutdownHook;
    private DevTools input;
    private boolean inputTried;

    private BrowserProcess(WebDriver driver, Path temp, Path downloads) {
        this.driver = driver;
        this.temp = temp;
        this.downloads = downloads;
    }

    /** Starts the browser {@code launch} describes; a clear error when it cannot. */
    static BrowserProcess start(BrowserSession.Launch launch, java.util.function.Consumer<String> progress) {
        long t0 = System.nanoTime();
        Path temp = BrowserReaper.newFolder(BrowserReaper.root(launch.home()));
        Path downloads;
        try {
            downloads = Files.createDirectories(temp.resolve("downloads"));
        } catch (IOException e) {
            delete(temp);
            throw new UncheckedIOException("cannot create the browser's download folder", e);
        }
        ChromiumOptions<?> options = options(launch, downloads);
        WebDriver driver;
        ProcessHandle driverProcess = null;
        try {
            if (launch.grid() != null) {
                options.setEnableDownloads(true);
                driver = fromGrid(launch.grid(), options, progress);
            } else {
                requireExecutable(launch.chromium(), "KARAKURI_CHROMIUM");
                requireExecutable(launch.chromedriver(), "KARAKURI_CHROMEDRIVER");
                options.setBinary(launch.chromium().toFile());
                options.addArguments("--user-data-dir=" + temp.resolve("profile"));
                DriverService service;
                if (BrowserDiscovery.isEdge(launch.chromium())) {
                    service = new EdgeDriverService.Builder()
                        .usingDriverExecutable(new File(launch.chromedriver().toString())).usingAnyFreePort().build();
                    driver = new EdgeDriver((EdgeDriverService) service, (EdgeOptions) options);
                } else {
                    service = new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(launch.chromedriver().toString())).usingAnyFreePort().build();
                    driver = new ChromeDriver((ChromeDriverService) service, (ChromeOptions) options);
                }
                driverProcess = driverProcess(service);
            }
        } catch (WebDriverException e) {
            delete(temp);
            if (launch.grid() != null) {
                throw new KarakuriException((Position) null, e, "browser.grid.refused", launch.grid(),
                    BrowserSession.firstLine(e.getRawMessage()));
            }
            throw new KarakuriException((Position) null, e, "browser.start-failed",
                launch.grid() != null ? launch.grid() : launch.chromium(), BrowserSession.firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            delete(temp);
            throw e;
        }
        BrowserProcess started = new BrowserProcess(driver, temp, downloads);
        if (driverProcess != null) {
            BrowserReaper.recorded(temp, driverProcess);
            started.watchdog = BrowserReaper.watch(temp);
        }
        started.devTools();
        started.shutdownHook = new Thread(started::quitQuietly, "karakuri-browser-shutdown");
        Runtime.getRuntime().addShutdownHook(started.shutdownHook);
        log.info("browser started in {} ms ({})", (System.nanoTime() - t0) / 1_000_000,
            launch.grid() != null ? "grid " + launch.grid() : launch.headless() ? "headless" : "headed");
        return started;
    }

    private static ChromiumOptions<?> options(BrowserSession.Launch launch, Path downloads) {
        ChromiumOptions<?> options = launch.grid() == null && BrowserDiscovery.isEdge(launch.chromium())
            ? new EdgeOptions() : new ChromeOptions();
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

    /**
     * A session from the Grid. The Grid queues a request while all its browsers are busy; after a
     * few seconds of waiting the run says so ({@code progress}), and again every half minute, until
     * the Grid gives a browser or refuses (its session-request timeout).
     */
    private static WebDriver fromGrid(String grid, ChromiumOptions<?> options, java.util.function.Consumer<String> progress) {
        URL url = gridUrl(grid);
        long t0 = System.nanoTime();
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "karakuri-grid-wait");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            String waiting = org.karakuri.i18n.Messages.get().format("browser.grid.queued", grid,
                (System.nanoTime() - t0) / 1_000_000_000L);
            log.info("{}", waiting);
            progress.accept(waiting);
        }, 3, 30, java.util.concurrent.TimeUnit.SECONDS);
        try {
            RemoteWebDriver remote = new RemoteWebDriver(url, options);
            remote.setFileDetector(new LocalFileDetector());
            return remote;
        } finally {
            timer.shutdownNow();
        }
    }

    /** The driver process a service started: the engine's child listening on the service's port. */
    private static ProcessHandle driverProcess(DriverService service) {
        String port = "--port=" + service.getUrl().getPort();
        return ProcessHandle.current().children()
            .filter(p -> BrowserReaper.commandLine(p).contains(port))
            .findFirst().orElse(null);
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

    /** The DevTools socket beside WebDriver; null where everything goes through WebDriver. */
    synchronized DevTools devTools() {
        if (!inputTried) {
            inputTried = true;
            input = DevTools.connect(driver);
        }
        return input;
    }

    /** Ends the browser and deletes its profile and download folder. */
    void quit() {
        if (input != null) {
            input.close();
        }
        try {
            driver.quit();
        } catch (WebDriverException e) {
            log.warn("browser did not quit cleanly: {}", BrowserSession.firstLine(e.getMessage()));
        } finally {
            if (watchdog != null) {
                watchdog.destroy();
            }
            delete(temp);
            temp = null;
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already on its way out; the hook is what is calling us
                }
                shutdownHook = null;
            }
        }
    }

    private void quitQuietly() {
        try {
            driver.quit();
        } catch (RuntimeException ignored) {
            // the JVM is exiting; nothing left to tell
        }
        delete(temp);
    }

    private static void delete(Path folder) {
        BrowserReaper.delete(folder);
    }
}
