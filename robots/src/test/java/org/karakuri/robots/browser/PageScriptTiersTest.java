package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The page script's field finding on its own, tier by tier: each test asks the script's {@code find}
 * directly (no step around it) and checks which element it chose and by which rule.
 */
class PageScriptTiersTest extends BrowserTest {

    private Map<String, Object> find(String body, String written, Targets.Kind kind) {
        browser().driver().get(server.page("/tiers" + System.nanoTime(),
            "<!DOCTYPE html><html><head><meta charset=\"UTF-8\"><title>tiers</title></head><body>" + body + "</body></html>"));
        return browser().jsWithElements("find", Targets.spec(written, kind));
    }

    private static String idOf(Map<String, Object> r) {
        return ((WebElement) r.get("el")).getDomAttribute("id");
    }

    private void assertFound(String body, String written, Targets.Kind kind, String id, String rule) {
        Map<String, Object> r = find(body, written, kind);
        assertThat(r.get("status")).as(body).isEqualTo("found");
        assertThat(idOf(r)).as(body).isEqualTo(id);
        assertThat(r.get("how")).as(body).isEqualTo(rule);
    }

    @Test
    void eachTierFindsTheFieldItNamesWhenItIsTheOnlyOne() {
        record Tier(String body, String rule) {}
        List<Tier> tiers = List.of(
            new Tier("<label for='x'>氏名</label><input id='x'>", "label"),
            new Tier("<span id='l'>氏名</span><input id='x' aria-labelledby='l'>", "label"),
            new Tier("<table><tr><td>氏名：</td><td><input id='x'></td></tr></table>", "cell"),
            new Tier("<dl><dt>氏名</dt><dd><input id='x'></dd></dl>", "cell"),
            new Tier("<p>氏名 <input id='x'></p>", "before"),
            new Tier("<input id='x' name='氏名'>", "name"),
            new Tier("<input id='氏名'>", "id"),
            new Tier("<input id='x' placeholder='氏名'>", "placeholder"),
            new Tier("<input id='x' title='氏名'>", "title"),
            new Tier("<input id='x' aria-label='氏名'>", "aria"));
        for (Tier t : tiers) {
            String id = t.rule().equals("id") ? "氏名" : "x";
            assertFound(t.body(), "氏名", Targets.Kind.FIELD, id, t.rule());
        }
    }

    @Test
    void aHigherTierWinsOverALowerOne() {
        assertFound("<input id='a' placeholder='氏名'><label for='b'>氏名</label><input id='b'>", "氏名",
            Targets.Kind.FIELD, "b", "label");
        assertFound("<input id='a' title='氏名'><table><tr><th>氏名</th><td><input id='b'></td></tr></table>", "氏名",
            Targets.Kind.FIELD, "b", "cell");
        assertFound("<input id='a' aria-label='氏名'><input id='b' name='氏名'>", "氏名", Targets.Kind.FIELD, "b", "name");
    }

    @Test
    void anExactTextBeatsAPartialOneInTheSameTier() {
        assertFound("<label for='a'>氏名（カナ）</label><input id='a'><label for='b'>氏名</label><input id='b'>", "氏名",
            Targets.Kind.FIELD, "b", "label");
        assertFound("<label for='a'>氏名（カナ）</label><input id='a'>", "氏名", Targets.Kind.FIELD, "a", "label");
    }

    @Test
    void clickTargetsAreButtonsThenLinksByTheirText() {
        assertFound("<button id='b'>登録</button>", "登録", Targets.Kind.CLICK, "b", "button");
        assertFound("<input type='submit' id='s' value='登録'>", "登録", Targets.Kind.CLICK, "s", "button");
        assertFound("<a id='l' href='#'>登録</a>", "登録", Targets.Kind.CLICK, "l", "link");
        assertFound("<span id='o' onclick='1'>登録</span>", "登録", Targets.Kind.CLICK, "o", "other");
    }

    @Test
    void hiddenFieldsDoNotCountButAreReported() {
        Map<String, Object> r = find("<label for='x'>氏名</label><input id='x' style='display:none'>", "氏名", Targets.Kind.FIELD);
        assertThat(r.get("status")).isEqualTo("missing");
        assertThat(((Number) r.get("hidden")).intValue()).isEqualTo(1);
    }

    @Test
    void twoEquallyGoodFieldsAreATieListingBoth() {
        Map<String, Object> r = find("<label for='a'>氏名</label><input id='a'><label for='b'>氏名</label><input id='b'>", "氏名",
            Targets.Kind.FIELD);
        assertThat(r.get("status")).isEqualTo("ambiguous");
        assertThat(Targets.describeAll(r.get("list"))).contains("id=a", "id=b");
    }

    @Test
    void theHelperIsInstalledOnceADocumentAsAHiddenPropertyOfItsVersion() {
        find("<label for='x'>氏名</label><input id='x'>", "氏名", Targets.Kind.FIELD);
        assertThat(js("return typeof window['" + PageScript.PROPERTY + "'].find")).isEqualTo("function");
        assertThat(js("return Object.keys(window).filter(k => k.startsWith('__karakuri_')).length")).isEqualTo(0L);
        js("window['" + PageScript.PROPERTY + "'].marker = 1");
        assertThat(browser().<Map<String, Object>>js("find", Targets.spec("氏名", Targets.Kind.FIELD)).get("status")).isEqualTo("found");
        assertThat(js("return window['" + PageScript.PROPERTY + "'].marker")).as("the same helper, not sent again").isEqualTo(1L);
    }
}
