package org.karakuri.config;

import java.nio.file.Path;
import org.karakuri.model.Doc;

/**
 * {@code browser:} which browser local runs drive, or the Selenium Grid they take browsers from.
 * Without settings, Linux and macOS use the OS's Chromium and chromedriver; Windows finds Edge or
 * Chrome installed on the PC and needs only the matching driver here.
 */
@Doc(value = "The browser local runs drive, or the Selenium Grid that gives browsers.",
    ja = "ローカル実行で使うブラウザー、またはブラウザーを借りる Selenium Grid。")
public record BrowserConfig(
    @Setting(env = "KARAKURI_CHROMIUM", defaultDoc = "/usr/bin/chromium; on Windows the installed Edge, else Chrome")
    @Doc(value = "The browser binary (Chromium, Chrome or Edge).",
        ja = "ブラウザーの実行ファイル（Chromium、Chrome、Edge）。")
    Path chromium,
    @Setting(env = "KARAKURI_CHROMEDRIVER", defaultDoc = "/usr/bin/chromedriver; none on Windows")
    @Doc(value = "The driver of that browser, of the same version (chromedriver, or msedgedriver for Edge).",
        ja = "そのブラウザーと同じバージョンのドライバー（chromedriver、Edge なら msedgedriver）。")
    Path driver,
    @Setting(env = "KARAKURI_GRID")
    @Doc(value = "A Selenium Grid URL browsers come from; a scenario's browser.grid wins.",
        ja = "ブラウザーを借りる Selenium Grid の URL。シナリオの browser.grid が優先します。")
    String grid,
    @Setting(env = "KARAKURI_MAX_BROWSERS", byDefault = "1")
    @Doc(value = "Browsers one serve node drives at once, over all its runs; a run that needs more waits in the queue.",
        ja = "1 つの serve ノードが同時に動かすブラウザーの数（すべての実行の合計）。足りない実行は待ち行列で待ちます。")
    Integer maxPerNode) {

    public BrowserConfig {
        if (maxPerNode != null && maxPerNode <= 0) {
            throw new org.karakuri.i18n.KarakuriException("config.not-positive", String.valueOf(maxPerNode));
        }
    }
}
