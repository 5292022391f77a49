package org.karakuri.model;

import java.time.Duration;
import org.karakuri.spi.Doc;

/** {@code browser:} how the run's browser is started and how long steps wait for targets. */
@Doc(value = "How the browser is started.", ja = "ブラウザの起動のしかた。")
public record BrowserSettings(
    @Doc(value = "Run without a window (default true); ./karakuri run --headed shows it.",
        ja = "画面を出さずに実行します（既定 true）。--headed で画面を表示します。")
    Boolean headless,
    @Doc(value = "How long each step waits for its target (default 10s).",
        ja = "各手順が対象を待つ時間（既定 10s）。")
    Duration timeout,
    @Doc(value = "Selenium Grid URL; without it the local Chromium is used.",
        ja = "Selenium Grid の URL。省略するとこのマシンの Chromium を使います。")
    String grid) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final BrowserSettings DEFAULTS = new BrowserSettings(null, null, null);

    public BrowserSettings {
        headless = headless == null ? Boolean.TRUE : headless;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }
}
