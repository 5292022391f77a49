package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** screenshot and screenshotOnFailure: PNG evidence with its hash, secrets blanked out while it is taken. */
class EvidenceTest extends BrowserTest {

    @Test
    void savesAPngInTheEvidenceFolderWithItsHashAndNumbersRepeatedNames() throws Exception {
        String url = server.page("/ev/page", "<html><head><meta charset='UTF-8'></head><body><h1>登録完了</h1></body></html>");
        TestContext ctx = run("""
            - open: %s
            - screenshot: 登録完了
            - screenshot: 登録完了""".formatted(url));
        Path first = ctx.evidenceFolder().resolve("登録完了.png");
        Path second = ctx.evidenceFolder().resolve("登録完了-2.png");
        assertThat(Files.readAllBytes(first)).startsWith(0x89, 'P', 'N', 'G');
        assertThat(ctx.events("screenshot")).extracting(TestContext.Event::data).containsExactly(
            Map.of("name", "登録完了", "file", "登録完了.png", "sha256", Evidence.sha256(Files.readAllBytes(first))),
            Map.of("name", "登録完了", "file", "登録完了-2.png", "sha256", Evidence.sha256(Files.readAllBytes(second))));
    }

    @Test
    void blanksOutSecretsWhileThePictureIsTakenAndPutsThemBackAfter() throws Exception {
        String url = server.page("/ev/secret", """
            <html><head><meta charset="UTF-8"></head><body>
            <p id="p">利用者 s3cr3t でログイン中</p><input id="i" value="s3cr3t">
            <script>
              window.seen = [];
              new MutationObserver(ms => ms.forEach(m => window.seen.push(m.target.data)))
                .observe(document.body, {characterData: true, subtree: true});
            </script></body></html>""");
        run("""
            - open: %s
            - screenshot: evidence""".formatted(url), c -> c.secret("pw", "s3cr3t"));
        assertThat(js("return window.seen.join(' | ')")).isEqualTo("利用者 **** でログイン中 | 利用者 s3cr3t でログイン中");
        assertThat(js("return [p.textContent, i.value, typeof window.__karakuriMask].join()")).isEqualTo("利用者 s3cr3t でログイン中,s3cr3t,undefined");
    }

    @Test
    void screenshotOnFailureDoesNothingWithoutABrowserAndNeverThrows() throws Exception {
        BrowserSession unstarted = new BrowserSession(browser().launch());
        TestContext ctx = runScenario("", "- screenshot: nothing", c -> {}, unstarted);
        unstarted.screenshotOnFailure(ctx, "failure");
        assertThat(ctx.events).isEmpty();
        assertThat(ctx.progress).containsExactly("no browser is open: no screenshot");
        assertThat(unstarted.started()).isFalse();
    }

    @Test
    void screenshotOnFailureSavesWhatTheBrowserShows() throws Exception {
        String url = server.page("/ev/fail", "<html><body><p>エラー</p></body></html>");
        TestContext ctx = run("- open: " + url);
        browser().screenshotOnFailure(ctx, "failure");
        assertThat(ctx.events("screenshot")).singleElement()
            .satisfies(e -> assertThat(e.data()).containsEntry("name", "failure").containsEntry("file", "failure.png"));
    }

    @Test
    void screenshotOnFailureCancelsAnOpenDialogAndKeepsItsText() throws Exception {
        String url = server.page("/ev/alert", "<html><head><meta charset='UTF-8'></head><body>"
            + "<button onclick=\"document.title = confirm('削除しますか？') ? 'deleted' : 'kept'\">削除</button></body></html>");
        TestContext ctx = run("- open: " + url + "\n- click: 削除\n");
        browser().screenshotOnFailure(ctx, "failure");
        assertThat(ctx.events("screenshot")).singleElement()
            .satisfies(e -> assertThat(e.data()).containsEntry("alert", "削除しますか？").containsEntry("file", "failure.png"));
        assertThat(browser().driver().getTitle()).isEqualTo("kept");
    }
}
