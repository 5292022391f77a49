package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karakuri.i18n.KarakuriException;

/** open, click, expect-text, expect-value, read and wait. */
class PageStepsTest extends BrowserTest {

    private String page(String path, String body) {
        return server.page(path, "<!DOCTYPE html><html><head><meta charset='UTF-8'><title>" + path + "</title></head><body>"
            + body + "</body></html>");
    }

    @Test
    void opensAPageAndAPathRelativeToTheCurrentSite() throws Exception {
        String first = page("/open/first", "<p>最初のページ</p>");
        page("/open/second", "<p>次のページ</p>");
        run("""
            - open: %s
            - expect-text: 最初のページ
            - open: /open/second
            - expect-text: 次のページ""".formatted(first));
        assertThat(browser().safeUrl()).isEqualTo(server.url("/open/second"));
    }

    @Test
    void anAddressWithoutSchemeIsAnErrorThatSaysWhatToWrite() {
        KarakuriException e = failure("- open: jumin.example.lg.jp/login");
        assertThat(e.message(Locale.ENGLISH))
            .isEqualTo("\"jumin.example.lg.jp/login\" is not an address; write http://…, https://…, file:… or /path on the current site.");
    }

    @Test
    void clickWaitsForAButtonThatAppearsLaterAndForTheNextPageToLoad() throws Exception {
        page("/click/next", "<p>登録画面</p>");
        String url = page("/click/start", """
            <div id="menu"></div>
            <script>setTimeout(() => menu.innerHTML = '<a href="/click/next">新規登録</a>', 400);</script>""");
        run("""
            - open: %s
            - click: 新規登録
            - expect-text: 登録画面""".formatted(url));
        assertThat(browser().safeUrl()).endsWith("/click/next");
    }

    @Test
    void clickWaitsWhileAnotherElementCoversTheButton() throws Exception {
        String url = page("/click/covered", """
            <button id="go" onclick="document.title='clicked'">実行</button>
            <div id="cover" style="position:fixed;left:0;top:0;width:100%;height:100%;background:#fff8">処理中…</div>
            <script>setTimeout(() => cover.remove(), 500);</script>""");
        run("""
            - open: %s
            - click: 実行""".formatted(url));
        assertThat(browser().driver().getTitle()).isEqualTo("clicked");
    }

    @Test
    void aButtonCoveredForTheWholeTimeoutIsAnErrorNamingWhatCoversIt() {
        String url = page("/click/always-covered", """
            <button id="go">実行</button>
            <div id="cover" style="position:fixed;left:0;top:0;width:100%;height:100%">処理中…</div>""");
        KarakuriException e = failure("""
            - open: %s
            - click: 実行""".formatted(url));
        assertThat(e.message(Locale.ENGLISH)).startsWith("\"実行\" could not be clicked for 1s: ").contains("cover");
    }

    @Test
    void expectTextWaitsForTheTextIgnoringLineBreaksAndWidth() throws Exception {
        String url = page("/expect/text", """
            <div id="msg"></div>
            <script>setTimeout(() => msg.innerHTML = '<font color=blue>登録</font><br>しました（受付番号：Ｒ－０００１）', 300);</script>""");
        run("""
            - open: %s
            - expect-text: 登録しました
            - expect-text: 受付番号:R-0001""".formatted(url));
    }

    @Test
    void expectTextThatNeverAppearsIsAnErrorShowingWhatThePageSays() {
        String url = page("/expect/absent", "<p>エラー：氏名を入力してください</p><p style='display:none'>登録しました</p>");
        KarakuriException e = failure("""
            - open: %s
            - expect-text: 登録しました""".formatted(url));
        assertThat(e.message(Locale.ENGLISH)).isEqualTo("\"登録しました\" did not appear within 1s. The page shows: エラー：氏名を入力してください");
    }

    @Test
    void expectTextInLooksOnlyInsideOneElement() throws Exception {
        String url = page("/expect/in", """
            <table><tr><td>受付番号：</td><td>R-0001</td></tr><tr><td>備考：</td><td>R-0002</td></tr></table>""");
        run("""
            - open: %s
            - expect-text:
                in: 受付番号
                text: R-0001""".formatted(url));
        KarakuriException e = failure("""
            - open: %s
            - expect-text:
                in: 受付番号
                text: R-0002""".formatted(url));
        assertThat(e.message(Locale.ENGLISH)).isEqualTo("\"R-0002\" did not appear in 受付番号 within 1s. It shows: R-0001");
    }

    @Test
    void expectValueComparesFieldsListsBoxesAndValueCells() throws Exception {
        String url = page("/expect/value", """
            <label for="n">氏名</label><input id="n" value="山田太郎">
            <label for="s">性別</label><select id="s"><option value="1">男</option><option value="2" selected>女</option></select>
            <label for="c">同意</label><input type="checkbox" id="c" checked>
            <table><tr><td>受付番号：</td><td> R-0001 </td></tr></table>""");
        run("""
            - open: %s
            - expect-value:
                氏名: 山田太郎
                性別: 女
                同意: "true"
                受付番号: R-0001""".formatted(url));
        KarakuriException e = failure("""
            - open: %s
            - expect-value:
                氏名: 山田花子
                性別: 女""".formatted(url));
        assertThat(e.message(Locale.ENGLISH)).isEqualTo("After waiting 1s: 氏名 should be \"山田花子\" but is \"山田太郎\"");
    }

    @Test
    void readSetsVariablesFromFieldsListsAndTheCellBesideALabel() throws Exception {
        String url = page("/read", """
            <label for="n">氏名</label><input id="n" value="山田太郎">
            <label for="s">性別</label><select id="s"><option value="1">男</option><option value="2" selected>女</option></select>
            <table><tr><td class="label">受付番号：</td><td><b>R-0001</b></td></tr></table>
            <span id="count">3 件</span>""");
        TestContext ctx = run("""
            - open: %s
            - read:
                name: 氏名
                sex: 性別
                no: 受付番号
                count: css:#count""".formatted(url));
        assertThat(Map.of("name", ctx.variable("name"), "sex", ctx.variable("sex"), "no", ctx.variable("no"), "count", ctx.variable("count")))
            .isEqualTo(Map.of("name", "山田太郎", "sex", "女", "no", "R-0001", "count", "3 件"));
    }

    @Test
    void waitWaitsForATimeAnElementOrAText() throws Exception {
        String url = page("/wait", """
            <div id="slot"></div>
            <script>
              setTimeout(() => slot.innerHTML = '<table id="result"><tr><td>結果</td></tr></table>', 300);
              setTimeout(() => slot.insertAdjacentHTML('beforeend', '<p>処理が完了しました</p>'), 500);
            </script>""");
        long t0 = System.nanoTime();
        run("""
            - open: %s
            - wait: 200ms
            - wait:
                for: result
            - wait:
                for-text: 処理が完了しました""".formatted(url));
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(500);
    }

    @Test
    void aPureWaitNeedsNoBrowser() throws Exception {
        BrowserSession unstarted = new BrowserSession(browser().launch());
        long t0 = System.nanoTime();
        runScenario("", "- wait: 300ms", c -> {}, unstarted);
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(300L, 2000L);
        assertThat(unstarted.started()).isFalse();
    }

    @Test
    void waitNeedsExactlyOneOfDurationForAndForText() {
        var r = new org.karakuri.load.ScenarioLoader(org.karakuri.spi.ActionRegistry.installed()).checkText("""
            scenario: t
            steps:
              - wait:
                  for: 結果
                  for-text: 完了
            """, dir.resolve("t.yaml"));
        assertThat(r.problems()).hasSize(1);
        assertThat(List.of(r.problems().get(0).toString())).allMatch(p -> p.contains("t.yaml:4:7"));
    }
}
