package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.karakuri.i18n.KarakuriException;

/** fill, select, check and uncheck: every kind of field, the events pages rely on, and the read-back. */
class FillTest extends BrowserTest {

    private static final String RECORDER = """
        <script>
          window.events = [];
          window.model = {};
          document.querySelectorAll('input,select,textarea').forEach(el => {
            ['focus', 'input', 'change', 'blur'].forEach(t => el.addEventListener(t, () => window.events.push((el.id || el.name) + ':' + t)));
            el.addEventListener('input', () => window.model[el.id || el.name] = el.type === 'checkbox' ? el.checked : el.value);
          });
        </script>""";

    private String page(String body) {
        return server.page("/f" + System.nanoTime(), "<!DOCTYPE html><html><head><meta charset='UTF-8'><title>f</title></head><body>"
            + body + RECORDER + "</body></html>");
    }

    private Object value(String id) {
        return js("return document.getElementById('" + id + "').value");
    }

    @Test
    void firesFocusInputChangeAndBlurOnEveryFieldSoPageScriptsSeeTheValues() throws Exception {
        String url = page("""
            <label for="name">氏名</label><input id="name">
            <label for="memo">備考</label><textarea id="memo"></textarea>
            <label for="sex">性別</label><select id="sex"><option value="">選択</option><option value="1">男</option><option value="2">女</option></select>""");
        run("""
            - open: %s
            - fill:
                氏名: 山田太郎
                備考: |-
                  一行目
                  二行目
                性別: 女""".formatted(url));
        assertThat(js("return window.events.join(' ')")).isEqualTo(
            "name:focus name:input name:change name:blur memo:focus memo:input memo:change memo:blur "
                + "sex:focus sex:input sex:change sex:blur");
        assertThat(js("return JSON.stringify(window.model)")).isEqualTo("{\"name\":\"山田太郎\",\"memo\":\"一行目\\n二行目\",\"sex\":\"2\"}");
    }

    @Test
    void choosesOptionsByTheirVisibleTextThenByTheirValue() throws Exception {
        String url = page("""
            <table>
              <tr><td>性別：</td><td><select name="cmbSeibetsu" id="s1"><option value="">選択してください</option><option value="1">男</option><option value="2">女</option></select></td></tr>
              <tr><td>続柄：</td><td><select name="cmbZokugara" id="s2"><option value="01">世帯主</option><option value="02">妻</option></select></td></tr>
            </table>""");
        run("""
            - open: %s
            - select:
                性別: 男
                続柄: "02"
            """.formatted(url));
        assertThat(value("s1")).isEqualTo("1");
        assertThat(value("s2")).isEqualTo("02");
    }

    @Test
    void anOptionThatNeverComesIsAnErrorListingTheChoices() {
        String url = page("<label for='s'>性別</label><select id='s'><option>男</option><option>女</option></select>");
        KarakuriException e = failure("""
            - open: %s
            - select:
                性別: 不明""".formatted(url));
        assertThat(e.message(Locale.ENGLISH)).isEqualTo("性別: no choice \"不明\" after waiting 1s. The choices are: 男, 女");
    }

    @Test
    void waitsForOptionsAndFieldsThatThePageAddsLater() throws Exception {
        String url = page("""
            <label for="pref">都道府県</label>
            <select id="pref"><option value="">-</option><option>東京都</option></select>
            <label for="city">市区町村</label><select id="city"><option value="">-</option></select>
            <div id="later"></div>
            <script>
              document.getElementById('pref').addEventListener('change', () => setTimeout(() => {
                document.getElementById('city').innerHTML = '<option>千代田区</option><option>港区</option>';
              }, 300));
              setTimeout(() => document.getElementById('later').innerHTML = '<label for="x">番地</label><input id="x">', 400);
            </script>""");
        run("""
            - open: %s
            - fill:
                都道府県: 東京都
                市区町村: 港区
                番地: 1-1""".formatted(url));
        assertThat(value("city")).isEqualTo("港区");
        assertThat(value("x")).isEqualTo("1-1");
    }

    @Test
    void ticksCheckboxesAndChoosesRadioButtonsByTheLabelOfTheirGroup() throws Exception {
        String url = page("""
            <label><input type="checkbox" id="agree"> 同意する</label>
            <label><input type="checkbox" id="mail" checked> メールで通知</label>
            <table><tr><td>区分：</td><td><input type="radio" name="kubun" value="in">転入 <input type="radio" name="kubun" value="out">転出</td></tr></table>""");
        run("""
            - open: %s
            - fill:
                同意する: "true"
                メールで通知: いいえ
                区分: 転出""".formatted(url));
        assertThat(js("return [agree.checked, mail.checked, document.querySelector('[value=out]').checked].join()"))
            .isEqualTo("true,false,true");
        assertThat(js("return window.events.filter(e => e.endsWith(':change')).join(' ')")).isEqualTo("agree:change mail:change kubun:change");
    }

    @Test
    void checkAndUncheckTickAndClearOneBox() throws Exception {
        String url = page("""
            <label for="a">転出届を同時に出力</label><input type="checkbox" id="a">
            <label for="b">メールで通知する</label><input type="checkbox" id="b" checked>""");
        run("""
            - open: %s
            - check: 転出届を同時に出力
            - uncheck: メールで通知する
            - check: 転出届を同時に出力""".formatted(url));
        assertThat(js("return [a.checked, b.checked].join()")).isEqualTo("true,false");
    }

    @Test
    void ticksCheckboxesDrawnWithAriaRoles() throws Exception {
        String url = page("""
            <span id="c" role="checkbox" aria-checked="false" aria-label="至急" tabindex="0"
                  onclick="this.setAttribute('aria-checked', this.getAttribute('aria-checked') === 'true' ? 'false' : 'true')">☐ 至急</span>""");
        run("""
            - open: %s
            - check: 至急
            - check: 至急""".formatted(url));
        assertThat(js("return c.getAttribute('aria-checked')")).isEqualTo("true");
    }

    @Test
    void aValueThePageRewritesIsAnErrorNamingTheFieldWhatWasWantedAndWhatItShows() {
        String url = page("""
            <label for="zip">郵便番号</label><input id="zip">
            <script>zip.addEventListener('change', () => zip.value = zip.value.replace('-', ''));</script>""");
        KarakuriException e = failure("""
            - open: %s
            - fill:
                郵便番号: 100-0001""".formatted(url));
        assertThat(e.message(Locale.ENGLISH))
            .isEqualTo("A field does not hold what was filled in: 郵便番号 should be \"100-0001\" but shows \"1000001\"");
        assertThat(e.message(Locale.JAPANESE))
            .isEqualTo("入力した値と入力欄の値が違います: 郵便番号 は「100-0001」のはずが「1000001」になっています");
    }

    @Test
    void aMismatchOnASecretFieldNamesTheFieldWithoutEitherValue() {
        // the page upper-cases and cuts what was typed: neither the secret nor what the page made of it may show
        String url = page("""
            <label for="pw">パスワード</label><input id="pw">
            <script>pw.addEventListener('change', () => pw.value = pw.value.toUpperCase().slice(0, 8));</script>""");
        KarakuriException e = failure("""
            - open: %s
            - fill:
                パスワード: ${secret:pw}""".formatted(url), c -> c.secret("pw", "s3cr3t-value"));
        assertThat(e.message(Locale.ENGLISH))
            .isEqualTo("A field does not hold what was filled in: パスワード does not hold the secret value filled in "
                + "(the page changed it; neither value is shown)")
            .doesNotContainIgnoringCase("s3cr3t");
        assertThat(e.message(Locale.JAPANESE)).contains("パスワード の値が入力したシークレットと違います").doesNotContainIgnoringCase("s3cr3t");
    }

    @Test
    void aValueLongerThanTheFieldAllowsIsAnErrorInsteadOfBeingCut() {
        String url = page("<label for='n'>受付番号</label><input id='n' maxlength='6'>");
        KarakuriException e = failure("""
            - open: %s
            - fill:
                受付番号: R-000001""".formatted(url));
        assertThat(e.message(Locale.ENGLISH)).isEqualTo("受付番号: the value is longer than the field allows (6 characters at most).");
    }

    @Test
    void aFieldThatStaysReadOnlyIsAnErrorAfterTheTimeout() {
        String url = page("<label for='n'>受付番号</label><input id='n' readonly value='R-1'>");
        KarakuriException e = failure("""
            - open: %s
            - fill:
                受付番号: R-2""".formatted(url));
        assertThat(e.message(Locale.ENGLISH)).isEqualTo("受付番号 stayed read-only for 1s.");
    }

    @Test
    void selectRefusesAFieldThatIsNotAList() {
        String url = page("<label for='n'>氏名</label><input id='n'>");
        KarakuriException e = failure("""
            - open: %s
            - select:
                氏名: 山田""".formatted(url));
        assertThat(e.key()).isEqualTo("browser.fill.not-a-list");
    }

    @Test
    void typingKeysPressesRealKeysAndStillChecksTheValues() throws Exception {
        String url = page("""
            <label for="q">検索キーワード</label><input id="q">
            <label for="s">種別</label><select id="s"><option>個人</option><option>法人</option></select>
            <script>window.keys = 0; q.addEventListener('keydown', () => window.keys++);</script>""");
        run("""
            - open: %s
            - fill:
                検索キーワード: abc
                種別: 法人
              typing: keys""".formatted(url));
        assertThat(value("q")).isEqualTo("abc");
        assertThat(value("s")).isEqualTo("法人");
        assertThat(js("return window.keys")).isEqualTo(4L);
        assertThat(js("return window.events.filter(e => e.startsWith('q:')).slice(-2).join(' ')")).isEqualTo("q:change q:blur");
    }

    @Test
    void fillsInOrderSoAFieldThatDependsOnAnotherComesOut() throws Exception {
        String url = page("""
            <label for="a">種別</label><select id="a"><option value="">-</option><option>法人</option></select>
            <div id="more" style="display:none"><label for="b">法人番号</label><input id="b"></div>
            <script>a.addEventListener('change', () => more.style.display = a.value === '法人' ? 'block' : 'none');</script>""");
        run("""
            - open: %s
            - fill:
                種別: 法人
                法人番号: "1234567890123"
            """.formatted(url));
        assertThat(value("b")).isEqualTo("1234567890123");
        assertThat(List.of(js("return window.events.indexOf('a:change') < window.events.indexOf('b:input')"))).containsExactly(true);
    }
}
