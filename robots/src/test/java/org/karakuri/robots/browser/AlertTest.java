package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.karakuri.i18n.KarakuriException;

/** alert: answering alert, confirm and prompt dialogs, and dialogs nobody expected. */
class AlertTest extends BrowserTest {

    private String page() {
        server.page("/alert/done", "<html><head><meta charset='UTF-8'><title>完了</title></head><body><p>登録しました</p></body></html>");
        return server.page("/alert/form", """
            <html><head><meta charset="UTF-8"><title>登録</title></head><body>
            <form action="/alert/done" method="get">
              <input type="submit" value="登録" onclick="return confirm('登録してよろしいですか？')">
            </form>
            <button onclick="document.title = confirm('削除しますか？') ? 'deleted' : 'kept'">削除</button>
            <button onclick="alert('入力に誤りがあります')">確認</button>
            <button onclick="document.title = prompt('理由を入力してください') || 'none'">理由</button>
            </body></html>""");
    }

    @Test
    void acceptsAConfirmAndTheFormGoesOn() throws Exception {
        TestContext ctx = run("""
            - open: %s
            - click: 登録
            - alert:
                expect: 登録してよろしいですか
                then: accept
            - expect-text: 登録しました""".formatted(page()));
        assertThat(ctx.events("alert")).extracting(TestContext.Event::data)
            .containsExactly(Map.of("text", "登録してよろしいですか？", "answer", "accept"));
    }

    @Test
    void dismissesAConfirm() throws Exception {
        run("""
            - open: %s
            - click: 削除
            - alert: dismiss""".formatted(page()));
        assertThat(browser().driver().getTitle()).isEqualTo("kept");
    }

    @Test
    void typesIntoAPrompt() throws Exception {
        run("""
            - open: %s
            - click: 理由
            - alert:
                text: 転居のため
                then: accept""".formatted(page()));
        assertThat(browser().driver().getTitle()).isEqualTo("転居のため");
    }

    @Test
    void aDialogWithAnotherTextIsDismissedAndReported() {
        KarakuriException e = failure("""
            - open: %s
            - click: 削除
            - alert:
                expect: 登録してよろしいですか
                then: accept""".formatted(page()));
        assertThat(e.message(Locale.ENGLISH)).isEqualTo("The dialog says \"削除しますか？\", not \"登録してよろしいですか\"; it was dismissed.");
        assertThat(browser().driver().getTitle()).isEqualTo("kept");
    }

    @Test
    void aDialogThatNeverComesIsAnError() {
        KarakuriException e = failure("""
            - open: %s
            - alert: accept""".formatted(page()));
        assertThat(e.message(Locale.ENGLISH)).isEqualTo("No dialog appeared within 1s.");
    }

    @Test
    @Timeout(30) // hanging would block on the dialog forever; the step's own 1s timeout would give another message
    void anUnexpectedDialogFailsTheNextStepWithItsTextInsteadOfHanging() {
        KarakuriException e = failure("""
            - open: %s
            - click: 確認
            - fill:
                氏名: 山田""".formatted(page()));
        assertThat(e.message(Locale.ENGLISH)).startsWith("The page showed a dialog nobody expected: \"入力に誤りがあります\".");
    }
}
