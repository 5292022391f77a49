package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.karakuri.i18n.KarakuriException;

/**
 * Finding the browser without downloads, on a fake file system: the Windows rules are checked
 * here on Linux (nothing of this was run on a Windows PC; see docs/browser.md).
 */
class BrowserDiscoveryTest {
    private static final Map<String, String> WINDOWS_ENV = Map.of(
        "ProgramFiles", "C:\\Program Files", "ProgramFiles(x86)", "C:\\Program Files (x86)",
        "LOCALAPPDATA", "C:\\Users\\tanaka\\AppData\\Local");
    private static final String EDGE = "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe";
    private static final String CHROME = "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe";
    private static final String USER_CHROME = "C:\\Users\\tanaka\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe";

    private static BrowserDiscovery windows(Map<String, String> env, String... installed) {
        Set<String> files = Set.of(installed);
        return new BrowserDiscovery(env, "Windows 11", p -> files.contains(p.toString()));
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(WINDOWS_ENV);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void onLinuxTheOsChromiumAndChromedriverAreUsed() {
        BrowserDiscovery.Binaries b = new BrowserDiscovery(Map.of(), "Linux", p -> true).find(null, null);
        assertThat(b).isEqualTo(new BrowserDiscovery.Binaries(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver"), false));
    }

    @Test
    void theEnvironmentBeatsTheConfigurationWhichBeatsTheDefault() {
        BrowserDiscovery d = new BrowserDiscovery(Map.of("KARAKURI_CHROMIUM", "/opt/chromium/chrome"), "Linux", p -> true);
        BrowserDiscovery.Binaries b = d.find("/srv/chromium", "/srv/chromedriver");
        assertThat(b.browser()).isEqualTo(Path.of("/opt/chromium/chrome"));
        assertThat(b.driver()).isEqualTo(Path.of("/srv/chromedriver"));
    }

    @Test
    void onWindowsEdgeInstalledOnThePcIsFoundAndItsGivenDriverUsed() {
        BrowserDiscovery.Binaries b = windows(env("KARAKURI_CHROMEDRIVER", "C:\\karakuri\\msedgedriver.exe"), EDGE, CHROME)
            .find(null, null);
        assertThat(b.browser().toString()).isEqualTo(EDGE);
        assertThat(b.driver().toString()).isEqualTo("C:\\karakuri\\msedgedriver.exe");
        assertThat(b.edge()).isTrue();
    }

    @Test
    void onWindowsChromeIsFoundWhenThereIsNoEdgeAlsoInTheUsersOwnFolder() {
        BrowserDiscovery.Binaries machine = windows(WINDOWS_ENV, CHROME).find(null, "C:\\karakuri\\chromedriver.exe");
        assertThat(machine.browser().toString()).isEqualTo(CHROME);
        assertThat(machine.edge()).isFalse();
        BrowserDiscovery.Binaries user = windows(WINDOWS_ENV, USER_CHROME).find(null, "C:\\karakuri\\chromedriver.exe");
        assertThat(user.browser().toString()).isEqualTo(USER_CHROME);
    }

    @Test
    void onWindowsABrowserGivenInTheConfigurationWinsOverTheInstalledOnes() {
        BrowserDiscovery.Binaries b = windows(WINDOWS_ENV, EDGE)
            .find("D:\\portable\\chrome\\chrome.exe", "D:\\portable\\chromedriver.exe");
        assertThat(b.browser().toString()).isEqualTo("D:\\portable\\chrome\\chrome.exe");
        assertThat(b.edge()).isFalse();
    }

    @Test
    void onWindowsAFoundBrowserWithoutItsDriverIsAClearErrorNamingTheDriverToGive() {
        KarakuriException e = catchThrowableOfType(KarakuriException.class, () -> windows(WINDOWS_ENV, EDGE).find(null, null));
        assertThat(e.message(Locale.ENGLISH)).contains(EDGE, "msedgedriver.exe", "KARAKURI_CHROMEDRIVER", "browser.driver");
        assertThat(e.message(Locale.JAPANESE)).contains(EDGE, "msedgedriver.exe", "KARAKURI_CHROMEDRIVER");
    }

    @Test
    void onWindowsNoBrowserAtAllListsWhereItLooked() {
        KarakuriException e = catchThrowableOfType(KarakuriException.class, () -> windows(WINDOWS_ENV).find(null, null));
        assertThat(e.message(Locale.ENGLISH)).contains(EDGE, CHROME, USER_CHROME, "KARAKURI_CHROMIUM");
    }
}
