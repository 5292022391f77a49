package org.karakuri.model;

import java.time.Duration;
import java.util.List;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;

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
    String grid,
    @Doc(value = "How to recognise that the system logged the robot out, and how to log in again.",
        ja = "システムからログアウトされたことの見分け方と、ログインし直す手順。")
    Session session) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final BrowserSettings DEFAULTS = new BrowserSettings(null, null, null, null);

    public BrowserSettings {
        headless = headless == null ? Boolean.TRUE : headless;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public BrowserSettings(Boolean headless, Duration timeout, String grid) {
        this(headless, timeout, grid, null);
    }

    /**
     * {@code browser.session}: when a browser step fails and the page shows {@code expired-text}
     * or its address contains {@code expired-url}, the {@code login} steps run and the failed step
     * is tried once more.
     */
    @Doc(value = "Session expiry: when a browser step fails on a page that shows expired-text or whose address contains "
        + "expired-url, the login steps run and the step is tried once more.",
        ja = "セッション切れ: ブラウザの手順が失敗したとき、画面に expired-text が表示されているか、アドレスに expired-url が"
            + "含まれていれば、login の手順でログインし直し、その手順をもう一度だけ実行します。")
    public record Session(
        @Doc(value = "Text on the page (or in an alert) that means the session expired, e.g. セッションの有効期限が切れました.",
            ja = "セッション切れを示す画面（またはダイアログ）の文言。例: セッションの有効期限が切れました")
        String expiredText,
        @Doc(value = "Part of the address of the page the system shows after a logout, e.g. /login or /timeout.",
            ja = "ログアウト後に表示されるページのアドレスの一部。例: /login、/timeout")
        String expiredUrl,
        @Required @Doc(value = "The steps that log in again (open, fill, click, expect-text…), from the top window.",
            ja = "ログインし直す手順（open、fill、click、expect-text など）。最初のウィンドウから実行します。")
        List<Step> login,
        @Doc(value = "One account per browser of a for-each-row with browsers: N, for systems that refuse a second login of the same "
            + "account: browser n logs in with the n-th, as ${account.NAME} (e.g. {user: clerk02, password: ${secret:legacy.clerk02}}).",
            ja = "for-each-row の browsers: N で、ブラウザごとに使う利用者（同じ利用者の二重ログインを拒むシステム向け）。"
                + "ブラウザ n は n 番目の利用者で ${account.名前} としてログインします（例: {user: clerk02, password: ${secret:legacy.clerk02}}）。")
        List<Entries<org.karakuri.expr.Template>> accounts,
        Position position) {

        public Session {
            expiredText = expiredText == null || expiredText.isBlank() ? null : expiredText.strip();
            expiredUrl = expiredUrl == null || expiredUrl.isBlank() ? null : expiredUrl.strip();
            if (expiredText == null && expiredUrl == null) {
                throw new KarakuriException("browser.session.no-sign");
            }
            login = login == null ? List.of() : List.copyOf(login);
            accounts = accounts == null ? List.of() : List.copyOf(accounts);
            if (login.isEmpty()) {
                throw new KarakuriException("browser.session.no-login");
            }
        }
    }
}
