package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.BrowserSettings;
import org.openqa.selenium.JavascriptExecutor;

/** Starting and ending the run's browser: local Chromium, headless or headed, nothing left behind (the Grid: GridTest). */
class BrowserSessionTest extends BrowserTest {

    @Test
    void headlessUnlessTheScenarioOrHeadedSaysOtherwise() {
        assertThat(BrowserSession.Launch.of(BrowserSettings.DEFAULTS, false).headless()).isTrue();
        assertThat(BrowserSession.Launch.of(BrowserSettings.DEFAULTS, true).headless()).isFalse();
        assertThat(BrowserSession.Launch.of(new BrowserSettings(false, null, null), false).headless()).isFalse();
        BrowserSession.Launch grid = BrowserSession.Launch.of(new BrowserSettings(null, Duration.ofSeconds(5), " http://grid:4444 "), false);
        assertThat(grid.grid()).isEqualTo("http://grid:4444");
        assertThat(grid.chromium()).isEqualTo(Path.of(System.getenv().getOrDefault("KARAKURI_CHROMIUM", "/usr/bin/chromium")));
    }

    @Test
    void aMissingBrowserBinaryIsAnErrorNamingTheVariableToSet() {
        BrowserSession session = new BrowserSession(new BrowserSession.Launch(true, null, Path.of("/nowhere/chromium"),
            Path.of("/usr/bin/chromedriver")));
        KarakuriException e = catchThrowableOfType(KarakuriException.class, session::driver);
        assertThat(e.message(Locale.ENGLISH))
            .isEqualTo("/nowhere/chromium is missing or not executable; install Chromium and chromedriver or point KARAKURI_CHROMIUM to them.");
        assertThat(session.started()).isFalse();
    }

    @Test
    void startsHeadlessWithAFreshProfileAndCloseBrowserLeavesNothingBehind() throws Exception {
        BrowserSession session = new BrowserSession(BrowserSession.Launch.of(BrowserSettings.DEFAULTS, false));
        try {
            Path downloads = session.downloads();
            Path temp = downloads.getParent();
            assertThat(temp.resolve("profile")).isDirectory();
            Object agent = ((JavascriptExecutor) session.driver()).executeScript("return navigator.userAgent");
            assertThat(String.valueOf(agent)).contains("HeadlessChrome");
            runScenario("", "- close-browser", c -> {}, session);
            assertThat(session.started()).isFalse();
            assertThat(Files.exists(temp)).as("profile and downloads deleted").isFalse();
        } finally {
            session.close();
        }
    }
}
