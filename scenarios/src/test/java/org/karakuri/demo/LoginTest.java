package org.karakuri.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import java.net.http.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginTest {

    private LegacySystem legacy;
    private LegacyClient clerk;

    @BeforeEach
    void start() {
        legacy = LegacySystem.start();
        clerk = new LegacyClient(legacy.baseUri());
    }

    @AfterEach
    void stop() {
        legacy.close();
    }

    @Test
    void bindsTheLoopbackAddress() {
        assertThat(legacy.baseUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
    }

    @Test
    void rootRedirectsToTheLoginPage() {
        LegacyClient.Response page = clerk.get("");

        assertThat(page.uri().getPath()).isEqualTo("/login");
    }

    @Test
    void loginPageLabelsItsInputsWithTableCells() {
        String html = clerk.get("login").text();

        assertThat(html)
                .contains("<td align=\"right\">利用者ID：</td><td><input type=\"text\" name=\"uid\"")
                .contains("<td align=\"right\">パスワード：</td><td><input type=\"password\" name=\"pwd\"")
                .contains("<input type=\"submit\" name=\"btnLogin\" value=\"ログイン\">")
                .contains("<form name=\"frmLogin\" method=\"post\" action=\"/login\">");
    }

    @Test
    void rejectsWrongPasswordWithRedMessageAndKeepsTheUserId() {
        LegacyClient.Response page = clerk.login("clerk01", "wrong");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/login");
        assertThat(page.text())
                .contains("<font color=\"#FF0000\">利用者IDまたはパスワードが正しくありません</font>")
                .contains("name=\"uid\" id=\"txtUid\" size=\"20\" maxlength=\"20\" style=\"ime-mode:disabled\" value=\"clerk01\"");
        assertThat(clerk.cookies().getCookieStore().getCookies()).isEmpty();
    }

    @Test
    void rejectsUnknownUser() {
        assertThat(clerk.login("clerk02", "madoguchi-2026").text()).contains(Pages.LOGIN_FAILED);
    }

    @Test
    void successfulLoginSetsSessionCookieAndRedirectsToTheFrameset() {
        LegacyClient noRedirects = new LegacyClient(legacy.baseUri(), HttpClient.Redirect.NEVER);

        LegacyClient.Response answer = noRedirects.login();

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).endsWith("/main");
        assertThat(noRedirects.cookies().getCookieStore().getCookies())
                .extracting(HttpCookie::getName).containsExactly("JSESSIONID");
    }

    @Test
    void framesetHasMenuAndMainFrames() {
        LegacyClient.Response frameset = clerk.login();

        assertThat(frameset.uri().getPath()).isEqualTo("/main");
        assertThat(frameset.text())
                .startsWith("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Frameset//EN\"")
                .contains("<frameset cols=\"180,*\">")
                .contains("<frame name=\"menu\" src=\"/menu\"")
                .contains("<frame name=\"main\" src=\"/home\"")
                .doesNotContain("<body>\r\n");
    }

    @Test
    void menuLinksOpenInTheMainFrameAndLogoutLeavesTheFrameset() {
        clerk.login();

        String menu = clerk.get("menu").text();

        assertThat(menu)
                .contains("<a href=\"/resident/new\" target=\"main\">新規登録</a>")
                .contains("<a href=\"/resident/search\" target=\"main\">住民検索</a>")
                .contains("<a href=\"/download\" target=\"main\">異動一覧ダウンロード</a>")
                .contains("<a href=\"/upload\" target=\"main\">ファイル取込</a>")
                .contains("<a href=\"/logout\" target=\"_top\">ログアウト</a>");
    }

    @Test
    void homeWelcomesTheClerk() {
        clerk.login();

        assertThat(clerk.get("home").text()).contains("メニュー").contains("ようこそ clerk01 さん");
    }

    @Test
    void acceptsTheCredentialsGivenInOptions() {
        legacy.close();
        legacy = LegacySystem.start(LegacySystem.Options.defaults().withCredentials("髙橋01", "ひみつ①"));
        clerk = new LegacyClient(legacy.baseUri());

        assertThat(clerk.login("髙橋01", "ひみつ①").text()).contains("<frameset");
        assertThat(clerk.get("home").text()).contains("ようこそ 髙橋01 さん");
    }

    @Test
    void logoutEndsTheSessionAndShowsTheLoginPage() {
        clerk.login();

        LegacyClient.Response page = clerk.get("logout");

        assertThat(page.uri().getPath()).isEqualTo("/login");
        assertThat(page.text()).contains("name=\"uid\"");
        assertThat(clerk.get("home").text()).contains(Pages.SESSION_EXPIRED);
    }

    @Test
    void unknownPageAnswersNotFoundInShiftJis() {
        LegacyClient.Response page = clerk.get("no/such/page");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=Shift_JIS");
        assertThat(page.text()).contains("指定されたページは存在しません。");
    }
}
