package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How {@code click} clicks: as a person's mouse, and the next step starts on the page the click led to. */
class ClickTest extends BrowserTest {

    @Test
    void aClickIsTrustedWithUserActivationSoAPopUpOpens() throws Exception {
        String url = server.page("/click/popup", """
            <html><head><meta charset="UTF-8"><title>main</title></head><body>
            <button onclick="window.seen = [event.isTrusted, navigator.userActivation.isActive];
                             window.popup = !!window.open('about:blank', 'preview')">印刷プレビュー</button>
            </body></html>""");
        run("""
            - open: %s
            - click: 印刷プレビュー""".formatted(url));
        assertThat(js("return window.seen")).isEqualTo(java.util.List.of(true, true));
        assertThat(js("return window.popup")).isEqualTo(true);
        assertThat(browser().driver().getWindowHandles()).hasSize(2);
    }

    @Test
    void theStepAfterASubmitRunsOnTheNextPageEvenWhenTheServerIsSlow() throws Exception {
        CountDownLatch posted = new CountDownLatch(1);
        String next = """
            <html><head><meta charset="UTF-8"><title>確認</title></head><body>
            <form><label for="n">氏名</label><input id="n" name="second"></form></body></html>""";
        server.handle("/click/slow", ex -> {
            posted.countDown();
            try {
                Thread.sleep(600); // the legacy system takes its time to answer the POST
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            PageServer.send(ex, 200, "text/html; charset=UTF-8", next.getBytes(StandardCharsets.UTF_8), Map.of());
        });
        String url = server.page("/click/form", """
            <html><head><meta charset="UTF-8"><title>入力</title></head><body>
            <form action="/click/slow" method="post"><label for="n">氏名</label><input id="n" name="first">
            <input type="submit" value="次へ"></form></body></html>""");
        run("""
            - open: %s
            - click: 次へ
            - fill:
                氏名: 山田""".formatted(url));
        assertThat(posted.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(browser().driver().getTitle()).isEqualTo("確認");
        assertThat(js("return document.getElementById('n').name + '=' + document.getElementById('n').value"))
            .isEqualTo("second=山田");
    }

    @Test
    void aCoveredButtonIsClickedOnceTheCoverGoes() throws Exception {
        String url = server.page("/click/covered", """
            <html><head><meta charset="UTF-8"><title>main</title></head><body>
            <button onclick="document.title='clicked'">登録</button>
            <div id="cover" style="position:fixed;inset:0;background:#fff8">処理中…</div>
            <script>setTimeout(() => document.getElementById('cover').remove(), 400)</script>
            </body></html>""");
        run("""
            - open: %s
            - click: 登録""".formatted(url));
        assertThat(browser().driver().getTitle()).isEqualTo("clicked");
    }
}
