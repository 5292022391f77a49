package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karakuri.i18n.KarakuriException;
import org.openqa.selenium.WebElement;

/**
 * Targets as a person reads the page when the page offers more than one: visible text over a
 * title, the form just filled over the rest of the page, a usable button over a greyed-out one,
 * the text right after or above a field that nothing else labels. Each rule on its own Japanese
 * page; what no rule tells apart stays an error listing the candidates.
 */
class ReadAsAPersonTest extends BrowserTest {

    private String page(String body) {
        return server.page("/person" + System.nanoTime(), """
            <!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>申請</title></head><body>
            %s
            <script>
              window.clicked = [];
              document.addEventListener('click', e => {
                const t = e.target.closest('button,a,input,[role=button]');
                if (t) window.clicked.push(t.id);
                if (t && (t.tagName === 'A' || t.type === 'submit')) e.preventDefault();
              }, true);
            </script>
            </body></html>""".formatted(body));
    }

    private Map<String, Object> find(String body, String written, Targets.Kind kind) {
        browser().driver().get(page(body));
        return browser().jsWithElements("find", Targets.spec(written, kind));
    }

    private void assertFound(String body, String written, Targets.Kind kind, String id, String rule) {
        Map<String, Object> r = find(body, written, kind);
        assertThat(r.get("status")).as(body).isEqualTo("found");
        assertThat(((WebElement) r.get("el")).getDomAttribute("id")).as(body).isEqualTo(id);
        assertThat(r.get("how")).as(body).isEqualTo(rule);
    }

    private Object clicked() {
        return js("return window.clicked.join(',')");
    }

    private Object value(String id) {
        return js("return document.getElementById('" + id + "').value");
    }

    @Test
    void aButtonsVisibleTextBeatsALinksTitle() {
        assertFound("<header><a id='head' href='#' title='ログイン'>&#x1F464;</a></header><button id='form'>ログイン</button>",
            "ログイン", Targets.Kind.CLICK, "form", "button");
        assertFound("<header><a id='head' href='#' title='ログイン'><span>ログイン</span></a></header>"
            + "<form><button id='form'>ログイン</button></form>", "ログイン", Targets.Kind.CLICK, "form", "button");
    }

    @Test
    void aTitleAloneStillFindsAnIconButton() {
        assertFound("<button id='search' title='検索'>&#x1F50D;</button>", "検索", Targets.Kind.CLICK, "search", "hint");
    }

    @Test
    void afterAFillTheClickPressesTheButtonOfTheFormJustFilled() throws Exception {
        String url = page("""
            <header><form action="#"><input name="q" aria-label="サイト内検索"><button id="headerLogin">ログイン</button></form></header>
            <form id="login" action="#">
              <label>ユーザー名 <input id="user"></label>
              <label>パスワード <input id="pass" type="password"></label>
              <button id="formLogin">ログイン</button>
            </form>""");
        run("""
            - open: %s
            - fill:
                ユーザー名: yamada
                パスワード: himitsu
            - click: ログイン""".formatted(url));
        assertThat(clicked()).isEqualTo("formLogin");
    }

    @Test
    void aLinkInTheFormInUseBeatsAButtonElsewhere() throws Exception {
        String url = page("""
            <nav><button id="navNext">次へ</button></nav>
            <form action="#">
              <label>受付番号 <input id="no"></label>
              <a id="formNext" href="#next">次へ</a>
            </form>""");
        run("""
            - open: %s
            - fill:
                受付番号: R-0001
            - click: 次へ""".formatted(url));
        assertThat(clicked()).isEqualTo("formNext");
    }

    @Test
    void beforeAnyFillTwoEqualButtonsStayAnErrorListingBoth() {
        String url = page("""
            <header><button id="headerLogin">ログイン</button></header>
            <form action="#"><label>ユーザー名 <input id="user"></label><button id="formLogin">ログイン</button></form>""");
        KarakuriException e = failure("""
            - open: %s
            - click: ログイン""".formatted(url));
        assertThat(e.key()).isEqualTo("browser.target.ambiguous");
        assertThat(e.message(Locale.JAPANESE)).contains("「ログイン」", "id=headerLogin", "id=formLogin");
        assertThat(clicked()).isEqualTo("");
    }

    @Test
    void aUsableButtonBeatsAGreyedOutOne() {
        assertFound("<button id='off' disabled>登録</button><button id='on'>登録</button>", "登録", Targets.Kind.CLICK, "on", "button");
        assertFound("<fieldset disabled><button id='off'>登録</button></fieldset><button id='on'>登録</button>", "登録",
            Targets.Kind.CLICK, "on", "button");
    }

    @Test
    void ofTwoNestedMatchesTheInnerOneIsPressed() {
        assertFound("<div role='button' id='outer'><button id='inner'>登録</button></div>", "登録", Targets.Kind.CLICK, "inner", "button");
    }

    @Test
    void theTextRightAfterAnUnlabelledFieldIsItsLabel() throws Exception {
        String url = page("<form><input id='summary' name='summary' size='40'> 編集の概要 <button id='save'>保存</button></form>");
        run("""
            - open: %s
            - fill:
                編集の概要: 誤字を修正""".formatted(url));
        assertThat(value("summary")).isEqualTo("誤字を修正");
        assertFound("<form><input id='summary' name='summary'> 編集の概要</form>", "編集の概要", Targets.Kind.FIELD, "summary", "after");
    }

    @Test
    void theLineAboveABoxAloneIsItsLabelPastAToolbarOfButtons() {
        assertFound("""
            <form>
              <h3>本文</h3>
              <div class="toolbar"><button type="button" title="太字"><b>B</b></button><button type="button" title="斜体"><i>I</i></button></div>
              <div class="editBox"><textarea id="body" name="wikitext"></textarea></div>
            </form>""", "本文", Targets.Kind.FIELD, "body", "above");
    }

    @Test
    void theLineAboveDoesNotReachPastAnotherField() {
        Map<String, Object> r = find("""
            <p>連絡先</p><div><input id="tel" name="tel"><div><input id="x" name="x"></div></div>""", "連絡先", Targets.Kind.FIELD);
        assertThat(r.get("status")).as("連絡先 names neither field alone").isEqualTo("missing");
    }

    @Test
    void aLabelStillBeatsTheTextAfterAField() {
        assertFound("<label for='a'>氏名</label><input id='a'> <input id='b'> 氏名", "氏名", Targets.Kind.FIELD, "a", "label");
    }

    @Test
    void aCheckBoxIsNamedByTheTextAfterItNotByTheOneBefore() throws Exception {
        String url = page("""
            <p>性別: <input type="checkbox" id="m"> 男 <input type="checkbox" id="f"> 女</p>""");
        run("""
            - open: %s
            - check: 女""".formatted(url));
        assertThat(js("return [document.getElementById('m').checked, document.getElementById('f').checked].join()"))
            .isEqualTo("false,true");
    }

    @Test
    void whatAStepTouchedIsInTheTrailWithThePasswordHidden() throws Exception {
        String url = page("""
            <form action="#">
              <label>ユーザー名 <input id="user"></label>
              <label>パスワード <input id="pass" type="password"></label>
              <button id="go">ログイン</button>
            </form>""");
        TestContext ctx = run("""
            - open: %s
            - fill:
                ユーザー名: yamada
                パスワード: himitsu
            - click: ログイン""".formatted(url));
        List<TestContext.Event> touched = ctx.events("touched");
        assertThat(touched).hasSize(3);
        assertThat(touched.get(0).data()).containsEntry("action", "fill").containsEntry("target", "ユーザー名")
            .containsEntry("tag", "input type=text").containsEntry("text", "ユーザー名").containsEntry("value", "yamada");
        assertThat(touched.get(1).data()).containsEntry("tag", "input type=password").containsEntry("value", Touched.HIDDEN);
        assertThat(touched.get(2).data()).containsEntry("action", "click").containsEntry("tag", "button")
            .containsEntry("text", "ログイン").doesNotContainKey("value");
        assertThat(touched.get(2).data().get("x")).isInstanceOf(Number.class);
        assertThat(touched.toString()).doesNotContain("himitsu");
    }

    @Test
    void aTargetMissingAfterAClickSaysWhatThatClickPressed() {
        String login = server.page("/person-login", """
            <!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>ログイン</title></head><body>
            <p>ログインしてください</p></body></html>""");
        String url = server.page("/person-top", """
            <!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>トップ</title></head><body>
            <header><a id="head" href="%s" title="ログインページへ">ログイン</a></header></body></html>""".formatted(login));
        KarakuriException e = failure("""
            - open: %s
            - click: ログイン
            - fill:
                ユーザー名: yamada""".formatted(url));
        assertThat(e.key()).isEqualTo("browser.target.missing");
        assertThat(e.message(Locale.ENGLISH)).contains("The click at line 6 (\"ログイン\") pressed a id=head \"ログイン\" (");
        assertThat(e.message(Locale.JAPANESE)).contains("6 行目のクリック（「ログイン」）が押したのは a id=head \"ログイン\" (");
    }

    @Test
    void aTextMissingAfterAClickSaysWhatThatClickPressed() {
        String done = server.page("/person-help", """
            <!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>ヘルプ</title></head><body><p>ヘルプ</p></body></html>""");
        String url = server.page("/person-form", """
            <!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>申請</title></head><body>
            <header><a id="help" href="%s">登録</a></header></body></html>""".formatted(done));
        KarakuriException e = failure("""
            - open: %s
            - click: 登録
            - expect-text: 登録しました""".formatted(url));
        assertThat(e.key()).isEqualTo("browser.expect-text.absent");
        assertThat(e.message(Locale.ENGLISH)).contains("The page shows: ヘルプ")
            .contains("The click at line 6 (\"登録\") pressed a id=help \"登録\" (");
    }
}
