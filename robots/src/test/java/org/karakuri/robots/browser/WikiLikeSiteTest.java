package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/**
 * A clerk's robot written from the docs alone against a wiki laid out like DokuWiki: a header
 * with a ログイン link (titled ログイン) and a search box with its own button, a login form whose
 * button is also ログイン, and an edit page whose text area no label names (a toolbar of buttons
 * and hidden inputs between it and the line over it) and whose summary box has its name after it.
 * No css:, name: or id: anywhere in the scenario.
 */
class WikiLikeSiteTest extends BrowserTest {
    private static final String HEADER = """
        <header><a href="/wiki/start">市役所 手順書 Wiki</a>
          <form action="/wiki/search"><input name="q" title="検索"><button type="submit">検索</button></form>
          <a href="/wiki/login" class="action login" rel="nofollow" title="ログイン"><span>ログイン</span></a></header>""";

    private String wiki() {
        server.page("/wiki/start", page("申請手順", HEADER + "<h1>申請手順</h1><p>（まだ書かれていません）</p>"));
        server.handle("/wiki/login", ex -> {
            if ("POST".equals(ex.getRequestMethod())) {
                boolean ok = server.requests("/wiki/login").get(server.requests("/wiki/login").size() - 1).text().equals("u=clerk01&p=wiki-pass");
                PageServer.send(ex, 302, "text/html", new byte[0], ok
                    ? Map.of("Location", "/wiki/edit", "Set-Cookie", "DW=clerk01; Path=/")
                    : Map.of("Location", "/wiki/login"));
            } else {
                PageServer.send(ex, 200, "text/html; charset=UTF-8", page("ログイン", HEADER + """
                    <h1>ログイン</h1><p>ログインしていません。ログインしてください。</p>
                    <form method="post" action="/wiki/login"><fieldset><legend>ログイン</legend>
                      <label><span>ユーザー名</span> <input type="text" name="u"></label><br>
                      <label><span>パスワード</span> <input type="password" name="p"></label><br>
                      <button type="submit">ログイン</button>
                    </fieldset></form>""").getBytes(StandardCharsets.UTF_8), Map.of());
            }
        });
        server.handle("/wiki/edit", ex -> {
            String cookie = ex.getRequestHeaders().getFirst("Cookie");
            if (cookie == null || !cookie.contains("DW=clerk01")) {
                PageServer.send(ex, 302, "text/html", new byte[0], Map.of("Location", "/wiki/login"));
                return;
            }
            PageServer.send(ex, 200, "text/html; charset=UTF-8", page("申請手順 [編集]", HEADER + """
                <h1>申請手順 の編集</h1>
                <p>本文を編集して「保存」を押してください。</p>
                <div class="editBox">
                  <div class="toolbar"><button type="button" title="太字"><b>B</b></button><button type="button" title="斜体"><i>I</i></button></div>
                  <form method="post" action="/wiki/save"><div class="no"><input type="hidden" name="id" value="shinsei"><input type="hidden" name="sectok" value="x1"></div>
                    <textarea name="wikitext" rows="10" cols="80"></textarea>
                    <div class="editBar"><input type="text" name="summary" size="50"> 編集の概要
                      <button type="submit" name="do" value="save">保存</button> <button type="submit" name="do" value="preview">プレビュー</button></div>
                  </form>
                </div>""").getBytes(StandardCharsets.UTF_8), Map.of());
        });
        server.handle("/wiki/save", ex -> PageServer.send(ex, 200, "text/html; charset=UTF-8",
            page("申請手順", HEADER + "<h1>申請手順</h1><p class=\"saved\">保存しました</p>").getBytes(StandardCharsets.UTF_8), Map.of()));
        return server.url("/wiki/start");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\"><title>" + title + "</title></head><body>" + body
            + "</body></html>";
    }

    @Test
    void logsInThroughTheFormNotTheHeaderLinkAndEditsTheUnlabelledBoxByTheLineOverIt() throws Exception {
        ScenarioHarness h = new ScenarioHarness(dir).env("KARAKURI_SECRET_WIKI_PASSWORD", "wiki-pass").write("wiki-edit.yaml", """
            scenario: wiki-edit
            vars:
              wiki: %s
            browser:
              timeout: 3s
            steps:
              - open: ${wiki}
              - click: ログイン
              - fill:
                  ユーザー名: clerk01
                  パスワード: ${secret:wiki.password}
              - click: ログイン
              - fill:
                  本文: "====== 申請手順 ======\\n窓口で申請書を受け取ります。"
                  編集の概要: 手順を追加
              - click: 保存
              - expect-text: 保存しました
            """.formatted(wiki()));
        RunResult r = h.run();
        assertThat(r.error()).isNull();
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(server.requests("/wiki/search")).as("the search box's button was never pressed").isEmpty();
        String saved = URLDecoder.decode(server.requests("/wiki/save").get(0).text(), StandardCharsets.UTF_8);
        assertThat(saved).contains("wikitext======= 申請手順 ======\r\n窓口で申請書を受け取ります。", "summary=手順を追加", "do=save");
        assertThat(h.events("touched")).extracting(e -> e.get("action") + " " + e.get("target") + " → " + e.get("tag") + " " + e.get("text"))
            .containsExactly(
                "click ログイン → a ログイン",
                "fill ユーザー名 → input type=text ユーザー名",
                "fill パスワード → input type=password パスワード",
                "click ログイン → button ログイン",
                "fill 本文 → textarea 本文を編集して「保存」を押してください。",
                "fill 編集の概要 → input type=text 編集の概要",
                "click 保存 → button 保存");
        String report = Files.readString(r.folder().resolve("report.html"));
        assertThat(report).contains("&lt;textarea&gt;</code> 本文を編集して「保存」を押してください。").doesNotContain("wiki-pass");
    }
}
