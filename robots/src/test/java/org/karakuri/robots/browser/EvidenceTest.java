package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * screenshot and screenshotOnFailure: PNG evidence with its hash, secrets and My Numbers blanked
 * out while it is taken (and only there: the rest of the picture is what the page shows).
 */
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
    void aMyNumberInAFieldIsNotInTheSavedPictureWhereTheFieldIs() throws Exception {
        String url = server.page("/ev/my-number", """
            <html><head><meta charset="UTF-8"><style>
              body { margin: 20px; font: 28px monospace; } input { font: 28px monospace; width: 520px; padding: 4px; }
            </style></head><body>
            <h1 id="h">個人番号の確認</h1><input id="f" value="1234 5678 9018"><p id="n">氏名 山田 太郎</p>
            </body></html>""");
        TestContext ctx = run("""
            - open: %s
            - screenshot: 個人番号""".formatted(url));
        BufferedImage saved = ImageIO.read(ctx.evidenceFolder().resolve("個人番号.png").toFile());
        BufferedImage clear = ImageIO.read(new ByteArrayInputStream(((TakesScreenshot) browser().driver()).getScreenshotAs(OutputType.BYTES)));
        assertThat(saved.getWidth()).isEqualTo(clear.getWidth());
        assertThat(saved.getHeight()).isEqualTo(clear.getHeight());

        Rectangle field = region("f");
        assertThat(differing(saved, clear, field)).as("pixels of the field that differ from the unmasked picture")
            .isGreaterThan(field.width * field.height / 50);
        assertThat(differing(saved, clear, region("h"))).as("the heading, which holds nothing to mask").isZero();
        assertThat(differing(saved, clear, region("n"))).as("the name, which holds nothing to mask").isZero();
        assertThat(js("return document.getElementById('f').value")).as("the field after the picture").isEqualTo("1234 5678 9018");
    }

    /** Where element {@code id} is in the screenshot's pixels. */
    private Rectangle region(String id) {
        @SuppressWarnings("unchecked")
        List<Number> r = (List<Number>) js("const r = document.getElementById('" + id + "').getBoundingClientRect(), d = devicePixelRatio;"
            + " return [r.x * d, r.y * d, r.width * d, r.height * d];");
        return new Rectangle((int) Math.floor(r.get(0).doubleValue()), (int) Math.floor(r.get(1).doubleValue()),
            (int) Math.ceil(r.get(2).doubleValue()), (int) Math.ceil(r.get(3).doubleValue()));
    }

    private static int differing(BufferedImage a, BufferedImage b, Rectangle r) {
        int n = 0;
        for (int y = r.y; y < Math.min(r.y + r.height, a.getHeight()); y++) {
            for (int x = r.x; x < Math.min(r.x + r.width, a.getWidth()); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    n++;
                }
            }
        }
        return n;
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
