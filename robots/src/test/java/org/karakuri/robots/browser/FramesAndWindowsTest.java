package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.karakuri.i18n.KarakuriException;

/** within-frame and switch-window: legacy framesets, nested frames, pop-up windows. */
class FramesAndWindowsTest extends BrowserTest {

    private String frameset() {
        server.page("/fw/menu", "<html><head><meta charset='UTF-8'><title>メニュー</title></head><body>"
            + "<a href='/fw/form' target='main'>新規登録</a> <a href='/fw/logout' target='_top'>ログアウト</a></body></html>");
        server.page("/fw/logout", "<html><head><meta charset='UTF-8'><title>ログアウト</title></head><body><p>ログアウトしました</p></body></html>");
        server.page("/fw/home", "<html><head><meta charset='UTF-8'><title>ホーム</title></head><body><p>ようこそ</p>"
            + "<iframe name='detail' title='詳細' src='/fw/detail'></iframe></body></html>");
        server.page("/fw/detail", "<html><head><meta charset='UTF-8'></head><body><label for='memo'>メモ</label><input id='memo'></body></html>");
        server.page("/fw/form", "<html><head><meta charset='UTF-8'><title>登録</title></head><body>"
            + "<table><tr><td>氏名：</td><td><input id='name'></td></tr></table></body></html>");
        return server.page("/fw/main", """
            <!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Frameset//EN"><html><head><meta charset="UTF-8"><title>住民記録システム</title></head>
            <frameset cols="180,*"><frame name="menu" src="/fw/menu"><frame name="main" src="/fw/home"></frameset></html>""");
    }

    @Test
    void runsStepsInsideFramesOfAFramesetAndComesBackToTheTop() throws Exception {
        String url = frameset();
        run("""
            - open: %s
            - within-frame:
                frame: menu
                steps:
                  - click: 新規登録
            - within-frame:
                frame: main
                steps:
                  - fill:
                      氏名: 山田太郎
                  - expect-value:
                      氏名: 山田太郎""".formatted(url));
        assertThat(browser().context().framePath()).isEmpty();
        assertThat(js("return document.title")).isEqualTo("住民記録システム");
    }

    @Test
    void entersNestedFramesByPathNameTitleOrNumber() throws Exception {
        String url = frameset();
        run("""
            - open: %s
            - within-frame:
                frame: main > detail
                steps:
                  - fill:
                      メモ: 一
            - within-frame:
                frame: 2 > 詳細
                steps:
                  - expect-value:
                      メモ: 一
            - within-frame:
                frame: main
                steps:
                  - within-frame:
                      frame: detail
                      steps:
                        - fill:
                            メモ: 二
                  - expect-text: ようこそ""".formatted(url));
        assertThat(browser().context().framePath()).isEmpty();
    }

    @Test
    void aFailureInsideAFrameStillLeavesTheNextStepsAtTheTop() throws Exception {
        String url = frameset();
        KarakuriException e = failure("""
            - open: %s
            - within-frame:
                frame: main
                steps:
                  - click: ない""".formatted(url));
        assertThat(e.key()).isEqualTo("browser.target.missing");
        assertThat(browser().context().framePath()).isEmpty();
        assertThat(js("return document.title")).isEqualTo("住民記録システム");
    }

    @Test
    void aClickThatReplacesTheWholeFramesetContinuesAtTheTopOfTheWindow() throws Exception {
        String url = frameset();
        run("""
            - open: %s
            - within-frame:
                frame: menu
                steps:
                  - click: ログアウト
                  - expect-text: ログアウトしました
            - expect-text: ログアウトしました""".formatted(url));
        assertThat(browser().context().framePath()).isEmpty();
    }

    @Test
    void aMissingFrameIsAnErrorListingTheFramesThere() {
        String url = frameset();
        KarakuriException e = failure("""
            - open: %s
            - within-frame:
                frame: body
                steps:
                  - click: x""".formatted(url));
        assertThat(e.message(Locale.ENGLISH)).isEqualTo("No frame \"body\" after waiting 1s. The frames here: menu, main");
    }

    private String opener() {
        server.page("/win/print", "<html><head><meta charset='UTF-8'><title>印刷プレビュー</title></head><body>"
            + "<p>住民異動届（控）</p><input type='button' value='閉じる' onclick='window.close()'></body></html>");
        server.page("/win/help", "<html><head><meta charset='UTF-8'><title>ヘルプ 操作説明</title></head><body><p>説明</p></body></html>");
        return server.page("/win/main", "<html><head><meta charset='UTF-8'><title>登録完了</title></head><body>"
            + "<a href='/win/print' target='_blank'>印刷プレビュー</a> <a href='/win/help' target='help'>ヘルプ</a>"
            + "<p id='state'>main</p></body></html>");
    }

    @Test
    void switchesToTheNewWindowAndBackToTheMainOne() throws Exception {
        String url = opener();
        run("""
            - open: %s
            - click: 印刷プレビュー
            - switch-window: new
            - expect-text: 住民異動届（控）
            - switch-window: main
            - expect-text: main""".formatted(url));
        assertThat(browser().driver().getTitle()).isEqualTo("登録完了");
    }

    @Test
    void switchesByTitleExactThenPartial() throws Exception {
        String url = opener();
        run("""
            - open: %s
            - click: 印刷プレビュー
            - click: ヘルプ
            - switch-window: 印刷プレビュー
            - expect-text: 住民異動届
            - switch-window: ヘルプ
            - expect-text: 説明""".formatted(url));
        assertThat(browser().driver().getTitle()).isEqualTo("ヘルプ 操作説明");
    }

    @Test
    void aWindowThatClosedItselfSendsTheNextStepBackToThePreviousWindow() throws Exception {
        String url = opener();
        run("""
            - open: %s
            - click: 印刷プレビュー
            - switch-window: new
            - click: 閉じる
            - expect-text: main""".formatted(url));
        assertThat(browser().driver().getTitle()).isEqualTo("登録完了");
    }

    @Test
    void noNewWindowIsAnErrorAfterTheTimeout() {
        String url = opener();
        KarakuriException e = failure("""
            - open: %s
            - switch-window: new""".formatted(url));
        assertThat(e.message(Locale.ENGLISH)).isEqualTo("No new window opened within 1s.");
        KarakuriException byTitle = catchThrowableOfType(KarakuriException.class, () -> runScenario("browser:\n  timeout: 500ms\n",
            "- switch-window: 存在しない", c -> {}));
        assertThat(byTitle.message(Locale.ENGLISH)).isEqualTo("No window titled \"存在しない\" after waiting 500ms. Open windows: 登録完了");
    }
}
