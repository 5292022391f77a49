package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.karakuri.i18n.KarakuriException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Runs on a real Selenium Grid (selenium-grid 4.41.0 as a standalone on loopback, its own process
 * and class path, the OS's chromedriver), with one browser slot: a session waits in the Grid's
 * queue with a message, is refused with a clear error when the queue times out, and a session the
 * Grid loses is a clear error.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GridTest extends BrowserTest {
    private static GridServer grid;

    @BeforeAll
    static void startGrid() throws Exception {
        grid = new GridServer(1, 20);
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    private static BrowserSession onGrid() {
        return new BrowserSession(new BrowserSession.Launch(true, grid.url(), Path.of("/usr/bin/chromium"),
            Path.of("/usr/bin/chromedriver")));
    }

    private String form() {
        return server.page("/grid", """
            <html><head><meta charset='UTF-8'><title>登録</title></head><body>
            <label for='n'>氏名</label><input id='n'>
            <button onclick="document.title = '登録済'">登録</button></body></html>""");
    }

    @Test
    @Order(1)
    void stepsRunOnABrowserOfTheGrid() throws Exception {
        try (BrowserSession session = onGrid()) {
            runScenario("browser:\n  timeout: 5s\n", """
                - open: %s
                - fill:
                    氏名: 山田
                - click: 登録""".formatted(form()), c -> {}, session);
            assertThat(session.driver()).isInstanceOf(RemoteWebDriver.class);
            assertThat(session.devTools()).as("no DevTools socket on a Grid: clicks go through WebDriver").isNull();
            assertThat(((JavascriptExecutor) session.driver()).executeScript("return n.value + ' ' + document.title"))
                .isEqualTo("山田 登録済");
        }
    }

    @Test
    @Order(2)
    void aSessionQueuedOnABusyGridWaitsWithAMessageAndRunsWhenABrowserIsFree() throws Exception {
        try (BrowserSession first = onGrid(); BrowserSession second = onGrid()) {
            first.driver();
            AtomicReference<TestContext> run = new AtomicReference<>();
            String url = form();
            CompletableFuture<Void> queued = CompletableFuture.runAsync(() -> {
                try {
                    runScenario("browser:\n  timeout: 5s\n", "- open: " + url, run::set, second);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String message = BrowserWait.until(Duration.ofSeconds(10), () -> run.get() == null ? null
                    : run.get().progress.stream().filter(m -> m.contains("Selenium Grid")).findFirst().orElse(null),
                () -> new IllegalStateException("no waiting message"));
            assertThat(message).startsWith("Waiting for a free browser on the Selenium Grid at " + grid.url());
            assertThat(second.started()).as("still waiting in the Grid's queue").isFalse();
            first.quit();
            queued.get(30, TimeUnit.SECONDS);
            assertThat(second.driver().getTitle()).isEqualTo("登録");
        }
    }

    @Test
    @Order(3)
    void aSessionTheGridCannotGiveInTimeIsAClearError() throws Exception {
        try (BrowserSession first = onGrid(); BrowserSession second = onGrid()) {
            first.driver();
            KarakuriException e = catchThrowableOfType(KarakuriException.class,
                () -> runScenario("browser:\n  timeout: 5s\n", "- open: " + form(), c -> {}, second));
            assertThat(e.message(Locale.ENGLISH)).startsWith("The Selenium Grid at " + grid.url() + " gave no browser: ");
            assertThat(second.started()).isFalse();
        }
    }

    @Test
    @Order(4)
    void aGridThatIsNotThereIsAClearError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        BrowserSession session = new BrowserSession(new BrowserSession.Launch(true, "http://127.0.0.1:" + port,
            Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver")));
        KarakuriException e = catchThrowableOfType(KarakuriException.class, session::driver);
        assertThat(e.message(Locale.ENGLISH)).startsWith("The Selenium Grid at http://127.0.0.1:" + port + " gave no browser: ");
    }

    @Test
    @Order(5)
    void aSessionTheGridLosesIsAClearErrorOfTheNextStep() throws Exception {
        try (BrowserSession session = onGrid()) {
            runScenario("browser:\n  timeout: 3s\n", "- open: " + form(), c -> {}, session);
            grid.kill();
            KarakuriException e = catchThrowableOfType(KarakuriException.class,
                () -> runScenario("browser:\n  timeout: 3s\n", "- fill:\n    氏名: 山田", c -> {}, session));
            assertThat(e.message(Locale.ENGLISH)).startsWith("The Selenium Grid at " + grid.url() + " lost the browser session");
        }
    }
}
