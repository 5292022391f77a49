package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.karakuri.event.RunEvent;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/**
 * browser.session, end to end through the engine: a legacy system that logs the robot out. The
 * expired page is recognised by its text (also right after a click or open) or its address (when
 * a step fails); the engine runs the login steps and tries the step once more.
 */
class SessionExpiryTest extends BrowserTest {
    private static final String EXPIRED = "セッションの有効期限が切れました。再度ログインしてください。";
    private final AtomicBoolean loggedIn = new AtomicBoolean();
    private final AtomicBoolean timeoutNext = new AtomicBoolean();
    private final AtomicBoolean expireOnForm = new AtomicBoolean();
    private final AtomicBoolean timeoutOnForm = new AtomicBoolean();
    /** Names whose POST the system answers with its expired page, once each, without taking them. */
    private final java.util.Set<String> expireOnSubmitOf = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.List<String> registered = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void legacySystem() {
        loggedIn.set(false);
        server.handle("/s/login", ex -> {
            if ("POST".equals(ex.getRequestMethod())) {
                String body = server.requests("/s/login").get(server.requests("/s/login").size() - 1).text();
                loggedIn.set(body.contains("uid=admin") && body.contains("pwd=pass"));
                PageServer.send(ex, 302, "text/html", new byte[0], Map.of("Location", loggedIn.get() ? "/s/main" : "/s/login"));
            } else {
                send(ex, html("ログイン", """
                    <form method="post" action="/s/login"><table>
                    <tr><td>利用者ID：</td><td><input name="uid"></td></tr>
                    <tr><td>パスワード：</td><td><input type="password" name="pwd"></td></tr>
                    </table><input type="submit" value="ログイン"></form>"""));
            }
        });
        server.handle("/s/main", ex -> sessionPage(ex, "<html><head><meta charset='UTF-8'><title>住民記録システム</title></head>"
            + "<frameset cols='180,*'><frame name='menu' src='/s/menu'><frame name='main' src='/s/home'></frameset></html>"));
        server.handle("/s/menu", ex -> sessionPage(ex, html("メニュー", "<a href='/s/form' target='main'>新規登録</a>")));
        server.handle("/s/home", ex -> sessionPage(ex, html("ホーム", "<p>メニューから業務を選択してください</p>")));
        server.handle("/s/form", ex -> {
            if (expireOnForm.getAndSet(false)) {
                loggedIn.set(false);
            }
            timeoutNext.set(timeoutOnForm.getAndSet(false));
            sessionPage(ex, html("新規登録", """
                <form method="post" action="/s/done"><table><tr><td>氏名：</td><td><input name="name"></td></tr></table>
                <input type="submit" value="登録"></form>"""));
        });
        server.handle("/s/done", ex -> {
            String name = java.net.URLDecoder.decode(PageServer.body(ex).replace("name=", ""), StandardCharsets.UTF_8);
            if (expireOnSubmitOf.remove(name)) {
                loggedIn.set(false); // the session ended before the entry was taken
            }
            if (loggedIn.get()) {
                registered.add(name);
            }
            sessionPage(ex, html("完了", "<p>登録しました</p>"));
        });
        server.page("/s/timeout", html("タイムアウト", "<p>一定時間操作がなかったため終了しました</p>"));
    }

    private void sessionPage(HttpExchange ex, String page) throws IOException {
        if (timeoutNext.getAndSet(false)) {
            loggedIn.set(false);
            PageServer.send(ex, 302, "text/html", new byte[0], Map.of("Location", "/s/timeout"));
        } else {
            send(ex, loggedIn.get() ? page : html("セッションエラー", "<table border=1><tr><td><font color=red>" + EXPIRED
                + "</font></td></tr></table><a href='/s/login' target='_top'>ログイン画面へ</a>"));
        }
    }

    private static void send(HttpExchange ex, String page) throws IOException {
        PageServer.send(ex, 200, "text/html; charset=UTF-8", page.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static String html(String title, String body) {
        return "<html><head><meta charset='UTF-8'><title>" + title + "</title></head><body>" + body + "</body></html>";
    }

    private ScenarioHarness scenario(String sign, String steps) {
        return new ScenarioHarness(dir).env("KARAKURI_SECRET_LEGACY_PASSWORD", "pass").write("entry.yaml", """
            scenario: entry
            vars:
              system: %s
            browser:
              timeout: 2s
              session:
                %s
                login:
                  - open: ${system}/s/login
                  - fill:
                      利用者ID: admin
                      パスワード: ${secret:legacy.password}
                  - click: ログイン
                  - within-frame:
                      frame: menu
                      steps:
                        - expect-text: 新規登録
            steps:
            %s""".formatted(server.url(""), sign, steps.stripIndent().indent(2)));
    }

    private int logins() {
        return (int) server.requests("/s/login").stream().filter(r -> r.method().equals("POST")).count();
    }

    @Test
    void aClickThatLandsOnTheExpiredPageInAnotherFrameLogsInAgainAndClicksOnceMoreInItsFrame() {
        ScenarioHarness h = scenario("expired-text: セッションの有効期限が切れました", """
            - open: ${system}/s/login
            - fill:
                利用者ID: admin
                パスワード: ${secret:legacy.password}
            - click: ログイン
            - within-frame:
                frame: menu
                steps:
                  - click: 新規登録
            - within-frame:
                frame: main
                steps:
                  - fill:
                      氏名: 山田太郎
                  - click: 登録
                  - expect-text: 登録しました
            """);
        int before = logins();
        expireOnForm.set(true);
        RunResult r = h.run();
        assertThat(r.error()).isNull();
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(logins() - before).as("the scenario's login and one more").isEqualTo(2);
        assertThat(h.events("step-recovering")).singleElement()
            .satisfies(e -> assertThat(e.position().line()).as("the click that landed on the expired page").isEqualTo(27));
        assertThat(h.events("session-expired")).hasSize(1);
        assertThat(h.events("session-renewed")).hasSize(1);
        assertThat(h.progress()).anyMatch(p -> p.contains("logging in again") || p.contains("ログインし直しています"));
        assertThat(h.homeText()).doesNotContain("pwd=pass");
    }

    @Test
    void aRowWhoseSubmitMeetsAnExpiredSessionIsEnteredAgainFromItsFirstStepAfterLoggingIn() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("rows.csv"), "氏名\n山田太郎\n佐藤花子\n鈴木一郎\n");
        ScenarioHarness h = scenario("expired-text: セッションの有効期限が切れました", """
            - open: ${system}/s/login
            - fill:
                利用者ID: admin
                パスワード: ${secret:legacy.password}
            - click: ログイン
            - for-each-row:
                file: rows.csv
                steps:
                  - within-frame:
                      frame: menu
                      steps:
                        - click: 新規登録
                  - within-frame:
                      frame: main
                      steps:
                        - fill:
                            氏名: ${row.氏名}
                        - click: 登録
                        - expect-text: 登録しました
            """);
        expireOnSubmitOf.add("佐藤花子");
        int before = logins();
        RunResult r = h.run();
        assertThat(r.status()).as(r.error() + " " + h.progress()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(registered).as("each row once; the second one after logging in again").containsExactly("山田太郎", "佐藤花子", "鈴木一郎");
        assertThat(logins() - before).isEqualTo(2);
        assertThat(h.events("item-recovering")).singleElement().satisfies(e -> {
            assertThat(e.get("then")).isEqualTo("redo");
            assertThat(e.get("reason").toString()).contains("logged the robot out when the row was sent (line 36)");
        });
        assertThat(h.events("step-recovering")).as("not the click repeated on an empty form").isEmpty();
        assertThat(h.events("item-ended")).extracting(e -> e.get("outcome")).containsExactly("ok", "ok", "ok");
    }

    @Test
    void anOpenThatLandsOnTheExpiredPageLogsInAgainAndOpensOnceMore() {
        ScenarioHarness h = scenario("expired-text: セッションの有効期限が切れました", """
            - open: ${system}/s/login
            - fill:
                利用者ID: admin
                パスワード: ${secret:legacy.password}
            - click: ログイン
            - within-frame:
                frame: main
                steps:
                  - open: ${system}/s/form
                  - fill:
                      氏名: 山田太郎
                  - click: 登録
                  - expect-text: 登録しました
            """);
        expireOnForm.set(true);
        RunResult r = h.run();
        assertThat(r.error()).isNull();
        assertThat(h.events("step-recovering")).singleElement()
            .satisfies(e -> assertThat(e.get("reason").toString()).contains("session expired"));
    }

    @Test
    void aFailureOnThePageAtTheExpiredAddressLogsInAgainRepeatsTheLastClickAndRunsTheStepOnceMore() {
        ScenarioHarness h = scenario("expired-url: /s/timeout", """
            - open: ${system}/s/login
            - fill:
                利用者ID: admin
                パスワード: ${secret:legacy.password}
            - click: ログイン
            - within-frame:
                frame: menu
                steps:
                  - click: 新規登録
            - within-frame:
                frame: main
                steps:
                  - fill:
                      氏名: 山田太郎
                  - click: 登録
                  - expect-text: 登録しました
            """);
        int before = logins();
        timeoutOnForm.set(true);
        RunResult r = h.run();
        assertThat(r.error()).isNull();
        assertThat(logins() - before).isEqualTo(2);
        assertThat(h.events("step-recovering")).singleElement()
            .satisfies(e -> assertThat(e.position().line()).as("the fill on the time-out page").isEqualTo(31));
        assertThat(h.events("session-renewed")).singleElement()
            .satisfies(e -> assertThat(e.get("repeated").toString()).as("the click on 新規登録").endsWith("entry.yaml:27:11"));
    }

    @Test
    void whenLoggingInAgainFailsTheRunFailsWithTheLoginStepsErrorAndAScreenshot() {
        ScenarioHarness h = scenario("expired-text: セッションの有効期限が切れました", """
            - open: ${system}/s/main
            """);
        h.env("KARAKURI_SECRET_LEGACY_PASSWORD", "wrong");
        RunResult r = h.run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).as("the login step that failed").contains("entry.yaml:14:9: No frame \"menu\"").doesNotContain("wrong");
        assertThat(h.events("screenshot")).extracting(RunEvent::data).anySatisfy(d -> assertThat(d.get("name")).isEqualTo("failure-19"));
        assertThat(h.events("step-recovering")).hasSize(1);
    }

    @Test
    void withoutBrowserSessionTheExpiredPageIsAnOrdinaryFailure() {
        ScenarioHarness h = new ScenarioHarness(dir).write("plain.yaml", """
            scenario: plain
            browser:
              timeout: 1s
            steps:
              - open: %s
              - click: 新規登録
            """.formatted(server.url("/s/menu")));
        RunResult r = h.run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("plain.yaml:6:").contains("新規登録");
        assertThat(h.events("step-recovering")).isEmpty();
        assertThat(h.events("screenshot")).singleElement().satisfies(e -> assertThat(e.get("file")).isEqualTo("failure-6.png"));
    }

    @Test
    void theSessionCanBeCheckedFromOutside() throws Exception {
        var scenario = load("""
            browser:
              session:
                expired-text: セッションの有効期限が切れました
                login:
                  - open: http://localhost/login
            """, "- wait: 1ms\n");
        browser().driver().get(server.url("/s/menu"));
        assertThat(browser().sessionExpired(scenario.browser().session())).isTrue();
        loggedIn.set(true);
        browser().driver().get(server.url("/s/menu"));
        assertThat(browser().sessionExpired(scenario.browser().session())).isFalse();
    }
}
