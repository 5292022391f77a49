package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karakuri.event.RunEvent;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/** Browser scenarios end to end through the engine: YAML in, a legacy web system driven, evidence out. */
class BrowserScenarioTest extends BrowserTest {
    private static final byte[] CSV = "受付番号,氏名\r\nR-0001,山田　太郎\r\n".getBytes(StandardCharsets.UTF_8);

    private String legacySystem() {
        server.handle("/e2e/login", ex -> {
            if ("POST".equals(ex.getRequestMethod())) {
                PageServer.send(ex, 302, "text/html", new byte[0], Map.of("Location", "/e2e/form"));
            } else {
                PageServer.send(ex, 200, "text/html; charset=UTF-8", page("ログイン", """
                    <form method="post" action="/e2e/login"><table>
                    <tr><td>利用者ID：</td><td><input name="uid"></td></tr>
                    <tr><td>パスワード：</td><td><input type="password" name="pwd"></td></tr>
                    </table><input type="submit" value="ログイン"></form>"""), Map.of());
            }
        });
        server.page("/e2e/form", new String(page("新規登録", """
            <form method="post" action="/e2e/done"><table border="1">
            <tr><td class="label">氏名：</td><td><input name="txtShimei" maxlength="40"></td></tr>
            <tr><td class="label">性別：</td><td><select name="cmbSeibetsu"><option value="">選択してください</option><option value="1">男</option><option value="2">女</option></select></td></tr>
            </table>
            <input type="submit" value="登録" onclick="return confirm('登録してよろしいですか？')"></form>"""), StandardCharsets.UTF_8));
        server.page("/e2e/done", new String(page("登録完了", """
            <p class="message">登録しました（受付番号：R-0001）</p>
            <table id="tblResult" border="1"><tr><th>受付番号</th><th>氏名</th></tr><tr><td>R-0001</td><td>山田　太郎</td></tr></table>
            <a href="/e2e/csv">CSVダウンロード</a>"""), StandardCharsets.UTF_8));
        server.handle("/e2e/csv", ex -> PageServer.send(ex, 200, "text/csv", CSV,
            Map.of("Content-Disposition", "attachment; filename=\"idou.csv\"")));
        return server.url("");
    }

    private static byte[] page(String title, String body) {
        return ("<html><head><meta charset='UTF-8'><title>" + title + "</title></head><body>" + body + "</body></html>")
            .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void registersAResidentReadsTheResultDownloadsTheListAndKeepsEvidence() throws Exception {
        ScenarioHarness h = new ScenarioHarness(dir).env("KARAKURI_SECRET_LEGACY_PASSWORD", "p@ss-Секрет").write("tennyu.yaml", """
            scenario: tennyu-entry
            vars:
              system: %s
            browser:
              timeout: 3s
            steps:
              - open: ${system}/e2e/login
              - fill:
                  利用者ID: clerk01
                  パスワード: ${secret:legacy.password}
              - click: ログイン
              - fill:
                  氏名: 山田　太郎
              - select:
                  性別: 男
              - click: 登録
              - alert:
                  expect: 登録してよろしいですか
                  then: accept
              - expect-text: 登録しました
              - read:
                  受付番号: css:.message
              - read-table:
                  table: 受付番号
                  to: ./work/result.csv
              - download:
                  click: CSVダウンロード
                  to: ./work/inbox/
              - screenshot: 登録完了
              - close-browser
            """.formatted(legacySystem()));
        RunResult r = h.run();
        assertThat(r.error()).isNull();
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(server.requests("/e2e/done").get(0).text()).isEqualTo("txtShimei=%E5%B1%B1%E7%94%B0%E3%80%80%E5%A4%AA%E9%83%8E&cmbSeibetsu=1");
        assertThat(server.requests("/e2e/login").stream().filter(q -> q.method().equals("POST")).findFirst().orElseThrow().text())
            .isEqualTo("uid=clerk01&pwd=p%40ss-%D0%A1%D0%B5%D0%BA%D1%80%D0%B5%D1%82");
        assertThat(Files.readString(dir.resolve("work/result.csv"))).isEqualTo("受付番号,氏名\r\nR-0001,山田　太郎\r\n");
        assertThat(dir.resolve("work/inbox/idou.csv")).as(h.events("file-written").toString()).hasBinaryContent(CSV);
        assertThat(h.events("file-written")).hasSize(2);
        assertThat(h.events("alert")).singleElement().satisfies(e -> assertThat(e.get("answer")).isEqualTo("accept"));
        RunEvent shot = h.events("screenshot").get(0);
        assertThat(h.events("screenshot")).as("pictures of a run where nothing fails: the screenshot step's only").containsExactly(shot);
        try (var pictures = Files.list(r.folder().resolve("evidence"))) {
            assertThat(pictures.filter(f -> f.toString().endsWith(".png"))).singleElement();
        }
        assertThat(r.folder().resolve("evidence").resolve(String.valueOf(shot.get("file")))).exists();
        assertThat(h.homeText()).as("the secret appears nowhere under KARAKURI_HOME").doesNotContain("p@ss-Секрет");
        assertThat(Files.readString(r.folder().resolve("report.html"))).contains("data:image/png;base64,");
    }

    @Test
    void aFailedStepFailsTheRunAtItsPlaceWithAFailureScreenshot() throws Exception {
        ScenarioHarness h = new ScenarioHarness(dir).write("broken.yaml", """
            scenario: broken
            browser:
              timeout: 1s
            steps:
              - open: %s/e2e/form
              - fill:
                  氏名: 山田
                  電話番号: 03-1234-5678
            """.formatted(legacySystem()));
        RunResult r = h.run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("broken.yaml:8:7: No field \"電話番号\" on the page after waiting 1s. On the page: ")
            .contains("input type=text name=txtShimei \"氏名\"");
        RunEvent shot = h.events("screenshot").get(0);
        assertThat(h.events("screenshot")).as("one picture: of the failure, none of the steps that succeeded").containsExactly(shot);
        assertThat(shot.get("name")).isEqualTo("failure-6");
        Path png = r.folder().resolve("evidence").resolve(String.valueOf(shot.get("file")));
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
        assertThat(shot.get("sha256")).isEqualTo(Evidence.sha256(Files.readAllBytes(png)));
    }

    @Test
    void onErrorStepsStillSeeTheBrowserBeforeItCloses() throws Exception {
        ScenarioHarness h = new ScenarioHarness(dir).write("onerror.yaml", """
            scenario: onerror
            browser:
              timeout: 1s
            steps:
              - open: %s/e2e/form
              - click: 存在しないボタン
            on-error:
              - screenshot: on-error
            """.formatted(legacySystem()));
        RunResult r = h.run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(h.events("screenshot")).extracting(e -> e.get("name")).contains("failure-6", "on-error");
    }
}
