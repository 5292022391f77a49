package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.karakuri.i18n.KarakuriException;

/** How a step's target text finds an element: the order a person reads a page in. */
class TargetsTest extends BrowserTest {

    private String form(String body) {
        return server.page("/t" + System.nanoTime(), """
            <!DOCTYPE html><html><head><meta charset="UTF-8"><title>form</title></head><body>
            %s
            <script>
              window.clicked = [];
              document.addEventListener('click', e => {
                const t = e.target.closest('button,a,input');
                if (t) window.clicked.push(t.id || t.name || t.textContent);
                if (t && t.tagName === 'A') e.preventDefault();
              });
            </script>
            </body></html>""".formatted(body));
    }

    private Object value(String id) {
        return js("return document.getElementById('" + id + "').value");
    }

    private Object clicked() {
        return js("return window.clicked.join(',')");
    }

    @Test
    void findsFieldsByLabelForAndByWrappingLabel() throws Exception {
        String url = form("""
            <label for="a">氏名</label><input id="a">
            <label>住所 <input id="b"></label>""");
        run("""
            - open: %s
            - fill:
                氏名: 山田太郎
                住所: 東京都千代田区""".formatted(url));
        assertThat(value("a")).isEqualTo("山田太郎");
        assertThat(value("b")).isEqualTo("東京都千代田区");
    }

    @Test
    void findsFieldsByTheTableCellBesideThemWithAFullWidthColon() throws Exception {
        String url = form("""
            <table>
              <tr><td class="label">氏名：</td><td><input type="text" name="txtShimei" id="TextBox1"></td></tr>
              <tr><th>フリガナ</th><td><input type="text" name="txtKana" id="TextBox2"></td></tr>
              <tr><td>生年月日:</td><td>&nbsp;</td><td><input type="text" name="txtBirth" id="TextBox3"></td></tr>
            </table>
            <p>郵便番号：<input id="zip"></p>
            <dl><dt>電話番号</dt><dd><input id="tel"></dd></dl>""");
        run("""
            - open: %s
            - fill:
                氏名: 山田　太郎
                フリガナ: ヤマダ　タロウ
                生年月日: 昭和55年4月1日
                郵便番号: 100-0001
                電話番号: 03-1234-5678""".formatted(url));
        assertThat(value("TextBox1")).isEqualTo("山田　太郎");
        assertThat(value("TextBox2")).isEqualTo("ヤマダ　タロウ");
        assertThat(value("TextBox3")).isEqualTo("昭和55年4月1日");
        assertThat(value("zip")).isEqualTo("100-0001");
        assertThat(value("tel")).isEqualTo("03-1234-5678");
    }

    @Test
    void comparesTextsNormalisedSoFullWidthAndHalfWidthMeetTheSameField() throws Exception {
        String url = form("<label for=\"u\">利用者ＩＤ：</label><input id=\"u\">");
        run("""
            - open: %s
            - fill:
                利用者ID: admin""".formatted(url));
        assertThat(value("u")).isEqualTo("admin");
    }

    @Test
    void aLabelBeatsANameAndANameBeatsAPlaceholder() throws Exception {
        String url = form("""
            <input id="byName" name="code">
            <label for="byLabel">code</label><input id="byLabel">
            <input id="byPlaceholder" placeholder="kw">
            <input id="byName2" name="kw">""");
        run("""
            - open: %s
            - fill:
                code: A
                kw: B""".formatted(url));
        assertThat(value("byLabel")).isEqualTo("A");
        assertThat(value("byName")).isEqualTo("");
        assertThat(value("byName2")).isEqualTo("B");
        assertThat(value("byPlaceholder")).isEqualTo("");
    }

    @Test
    void findsFieldsByIdPlaceholderTitleAndAriaLabel() throws Exception {
        String url = form("""
            <input id="txtMail">
            <input id="p" placeholder="検索キーワード">
            <input id="t" title="電話番号">
            <input id="a" aria-label="メモ">""");
        run("""
            - open: %s
            - fill:
                txtMail: a@example.jp
                検索キーワード: 山田
                電話番号: 03
                メモ: ok""".formatted(url));
        assertThat(value("txtMail")).isEqualTo("a@example.jp");
        assertThat(value("p")).isEqualTo("山田");
        assertThat(value("t")).isEqualTo("03");
        assertThat(value("a")).isEqualTo("ok");
    }

    @Test
    void clicksButtonsByTextOrValueAndLinksByText() throws Exception {
        String url = form("""
            <button id="b1">検索</button>
            <input type="submit" id="b2" value="登録">
            <a href="#x" id="l1">新規登録画面へ</a>""");
        run("""
            - open: %s
            - click: 検索
            - click: 登録
            - click: 新規登録画面へ""".formatted(url));
        assertThat(clicked()).isEqualTo("b1,b2,l1");
    }

    @Test
    void anExactMatchBeatsAPartialOne() throws Exception {
        String url = form("""
            <button id="runSelected">Run Selected</button>
            <button id="run">Run</button>
            <button id="stop">Stop all</button>""");
        run("""
            - open: %s
            - click: Run
            - click: Stop""".formatted(url));
        assertThat(clicked()).isEqualTo("run,stop");
    }

    @Test
    void severalEquallyGoodMatchesAreAnErrorListingThem() {
        String url = form("""
            <table>
              <tr><td>住所：</td><td><input name="jusho1"></td></tr>
              <tr><td>住所：</td><td><input name="jusho2"></td></tr>
            </table>""");
        KarakuriException e = failure("""
            - open: %s
            - fill:
                住所: 東京都""".formatted(url));
        assertThat(e.key()).isEqualTo("browser.target.ambiguous");
        assertThat(e.message(java.util.Locale.ENGLISH))
            .startsWith("\"住所\" matches 2 fields equally well: ")
            .contains("input type=text name=jusho1 \"住所\" (", "input type=text name=jusho2 \"住所\" (")
            .endsWith("Make the target precise, e.g. with name:, id: or css:.");
        assertThat(e.position()).isNotNull();
        assertThat(e.position().line()).as("the line of 住所 in the YAML").isEqualTo(7);
    }

    @Test
    void aMissingTargetIsAnErrorAfterTheTimeoutListingWhatThePageShows() {
        String url = form("""
            <table><tr><td>氏名：</td><td><input name="txtShimei"></td></tr></table>
            <input type="submit" value="登録">""");
        long t0 = System.nanoTime();
        KarakuriException e = failure("""
            - open: %s
            - click: 電話番号""".formatted(url));
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertThat(e.key()).isEqualTo("browser.target.missing");
        assertThat(e.message(java.util.Locale.ENGLISH))
            .startsWith("No button, link or field \"電話番号\" on the page after waiting 1s. On the page: ")
            .contains("input type=text name=txtShimei \"氏名\"", "input type=submit \"登録\"");
        assertThat(waited).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void missingTargetMessagesAreInJapaneseForJapaneseUsers() {
        String url = form("<input name=\"a\">");
        KarakuriException e = failure("""
            - open: %s
            - fill:
                電話番号: 1""".formatted(url));
        assertThat(e.message(java.util.Locale.JAPANESE)).startsWith("入力欄「電話番号」が 1s 待っても見つかりません。画面にあるもの: input type=text name=a (8, 8)。");
    }

    @Test
    void hiddenElementsDoNotCountAndTheErrorSaysTheyAreThere() throws Exception {
        String url = form("""
            <label for="h">氏名</label><input id="h" style="display:none">
            <div style="visibility:hidden"><label for="h2">氏名</label><input id="h2"></div>
            <label for="v">氏名</label><input id="v">
            <button style="display:none">送信</button>""");
        run("""
            - open: %s
            - fill:
                氏名: 見える欄""".formatted(url));
        assertThat(value("v")).isEqualTo("見える欄");
        assertThat(value("h")).isEqualTo("");
        KarakuriException e = failure("""
            - open: %s
            - click: 送信""".formatted(url));
        assertThat(e.getMessage()).contains("1 matching element(s) are hidden.");
    }

    @Test
    void explicitPrefixesSayExactlyHowToFind() throws Exception {
        String url = form("""
            <input id="c1" class="x" name="n1">
            <input id="c2" name="n2">
            <input id="c3">
            <div><span>メモ欄</span></div><input id="c4" aria-label="memo">
            <label for="c5">備考</label><input id="c5" name="備考">
            <input id="c6" name="xp">
            <a href="#" id="link">詳細を見る</a>""");
        run("""
            - open: %s
            - fill:
                css:input.x: a
                name:n2: b
                id:c3: c
                label:備考: d
                xpath://input[@name='xp']: e
            - click: text:詳細""".formatted(url));
        assertThat(value("c1")).isEqualTo("a");
        assertThat(value("c2")).isEqualTo("b");
        assertThat(value("c3")).isEqualTo("c");
        assertThat(value("c5")).isEqualTo("d");
        assertThat(value("c6")).isEqualTo("e");
        assertThat(clicked()).isEqualTo("link");
    }

    @Test
    void aBadSelectorIsAnErrorAtOnce() {
        String url = form("<input id=\"a\">");
        KarakuriException e = failure("""
            - open: %s
            - click: css:input[[""".formatted(url));
        assertThat(e.key()).isEqualTo("browser.target.bad-selector");
        assertThat(e.getMessage()).startsWith("\"css:input[[\" is not a valid selector: ");
    }

    @Test
    void aTargetInsideAFrameIsNotFoundFromOutsideButTheErrorNamesTheFrames() {
        String inner = server.page("/frame-inner", "<input id='x' name='inside'>");
        String url = form("<iframe name=\"main\" src=\"" + inner + "\"></iframe>");
        KarakuriException e = failure("""
            - open: %s
            - fill:
                inside: 1""".formatted(url));
        assertThat(e.getMessage()).contains("The page has frames (main): put the step inside within-frame.");
    }
}
