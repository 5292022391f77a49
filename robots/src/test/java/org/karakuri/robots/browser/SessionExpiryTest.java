package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.karakuri.i18n.KarakuriException;

/**
 * browser.session: a legacy system that logs the robot out. The expired page is recognised by
 * its text (also right after a click or open) or its address (when a step fails), the login
 * steps run, and the interrupted step runs once more.
 */
class SessionExpiryTest extends BrowserTest {
    private static final String EXPIRED = "セッションの有効期限が切れました。再度ログインしてください。";
    private final AtomicBoolean loggedIn = new AtomicBoolean();
    private final AtomicBoolean timeoutNext = new AtomicBoolean();

    @BeforeEach
    void legacySystem() {
        loggedIn.set(false);
        server.page("/s/login", html("ログイン", """
            <form method="post" action="/s/login"><table>
            <tr><td>利用者ID：</td><td><input name="uid"></td></tr>
            <tr><td>パスワード：</td><td><input type="password" name="pwd"></td></tr>
            </table><input type="submit" value="ログイン"></form>"""));
        server.handle("/s/login-post", ex -> { });
        server.handle("/s/login", ex -> {
            if ("POST".equals(ex.getRequestMethod())) {
                String body = server.requests("/s/login").get(server.requests("/s/login").size() - 1).text();
                loggedIn.set(body.contains("uid=admin") && body.contains("pwd=pass"));
                PageServer.send(ex, 302, "text/html", new byte[0], Map.of("Location", loggedIn.get() ? "/s/menu" : "/s/login"));
            } else {
                send(ex, html("ログイン", """
                    <form method="post" action="/s/login"><table>
                    <tr><td>利用者ID：</td><td><input name="uid"></td></tr>
                    <tr><td>パスワード：</td><td><input type="password" name="pwd"></td></tr>
                    </table><input type="submit" value="ログイン"></form>"""));
            }
        });
        server.handle("/s/menu", ex -> sessionPage(ex, html("メニュー", "<h1>メニュー</h1><a href='/s/form'>新規登録</a>")));
        server.handle("/s/form", ex -> sessionPage(ex, html("新規登録", """
            <form method="post" action="/s/done"><table><tr><td>氏名：</td><td><input name="name"></td></tr></table>
            <input type="submit" value="登録"></form>""")));
        server.handle("/s/done", ex -> sessionPage(ex, html("完了", "<p>登録しました</p>")));
        server.page("/s/timeout", html("タイムアウト", "<p>一定時間操作がなかったため終了しました</p>"));
    }

    private void sessionPage(com.sun.net.httpserver.HttpExchange ex, String page) throws java.io.IOException {
        if (timeoutNext.getAndSet(false)) {
            loggedIn.set(false);
            PageServer.send(ex, 302, "text/html", new byte[0], Map.of("Location", "/s/timeout"));
        } else {
            send(ex, loggedIn.get() ? page : html("セッションエラー", "<table border=1><tr><td><font color=red>" + EXPIRED
                + "</font></td></tr></table><a href='/s/login' target='_top'>ログイン画面へ</a>"));
        }
    }

    private static void send(com.sun.net.httpserver.HttpExchange ex, String page) throws java.io.IOException {
        PageServer.send(ex, 200, "text/html; charset=UTF-8", page.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static String html(String title, String body) {
        return "<html><head><meta charset='UTF-8'><title>" + title + "</title></head><body>" + body + "</body></html>";
    }

    private String head(String sign) {
        return """
            browser:
              timeout: 2s
              session:
                %s
                login:
                  - open: %s
                  - fill:
                      利用者ID: admin
                      パスワード: ${secret:pw}
                  - click: ログイン
                  - expect-text: メニュー
            """.formatted(sign, server.url("/s/login"));
    }

    private int logins() {
        return (int) server.requests("/s/login").stream().filter(r -> r.method().equals("POST")).count();
    }

    @Test
    void aClickThatLandsOnTheExpiredPageLogsInAgainAndClicksOnceMore() throws Exception {
        int before = logins();
        TestContext ctx = runScenario(head("expired-text: セッションの有効期限が切れました"), """
            - open: %s
            - click: 新規登録
            - fill:
                氏名: 山田太郎
            - click: 登録
            - expect-text: 登録しました""".formatted(server.url("/s/menu")), c -> c.secret("pw", "pass"));
        assertThat(logins() - before).isEqualTo(1);
        assertThat(ctx.events("session-expired")).hasSize(1);
        assertThat(ctx.events("session-renewed")).hasSize(1);
        assertThat(ctx.progress).contains("The session expired: logging in again…");
    }

    @Test
    void aStepThatFailsOnThePageAtTheExpiredAddressLogsInAgainAndRunsOnceMore() throws Exception {
        loggedIn.set(true);
        int before = logins();
        runScenario(head("expired-url: /s/timeout"), """
            - open: %s
            - expect-text: 新規登録""".formatted(server.url("/s/menu")), c -> {
                c.secret("pw", "pass");
                timeoutNext.set(true);
            });
        assertThat(logins() - before).isEqualTo(1);
        assertThat(browser().safeUrl()).endsWith("/s/menu");
    }

    @Test
    void withoutBrowserSessionTheExpiredPageIsAnOrdinaryFailure() {
        KarakuriException e = failure("""
            - open: %s
            - click: 新規登録""".formatted(server.url("/s/menu")));
        assertThat(e.key()).isEqualTo("browser.target.missing");
    }

    @Test
    void loginStepsThatFailAreReportedWithTheirPlace() {
        KarakuriException e = catchThrowableOfType(KarakuriException.class, () -> runScenario(head("expired-text: セッションの有効期限"), """
            - open: %s""".formatted(server.url("/s/menu")), c -> c.secret("pw", "wrong")));
        assertThat(e.key()).isEqualTo("browser.session.login-failed");
        assertThat(e.message(Locale.ENGLISH)).startsWith("The session expired and logging in again failed: ")
            .contains("test.yaml:12:9: \"メニュー\" did not appear within 2s.");
        assertThat(e.message(Locale.ENGLISH)).doesNotContain("wrong");
    }

    @Test
    void theSessionCanBeCheckedFromOutside() throws Exception {
        var scenario = load(head("expired-text: セッションの有効期限が切れました"), "- wait: 1ms\n");
        browser().driver().get(server.url("/s/menu"));
        assertThat(browser().sessionExpired(scenario.browser().session())).isTrue();
        loggedIn.set(true);
        browser().driver().get(server.url("/s/menu"));
        assertThat(browser().sessionExpired(scenario.browser().session())).isFalse();
    }
}
