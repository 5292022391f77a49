package org.karakuri.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DownloadTest {

    private final TestClock clock = TestClock.tokyoMorning();
    private LegacySystem legacy;
    private LegacyClient clerk;

    @BeforeEach
    void start() {
        legacy = LegacySystem.start(LegacySystem.Options.defaults(), clock);
        clerk = new LegacyClient(legacy.baseUri());
        clerk.login();
    }

    @AfterEach
    void stop() {
        legacy.close();
    }

    @Test
    void downloadPageLinksToTheCsvAndCountsTodaysMovements() {
        clerk.post("resident/new", RegistrationTest.validForm("R-0001"));

        String html = clerk.get("download").text();

        assertThat(html)
                .contains("<a href=\"/download/csv\">CSVダウンロード</a>")
                .contains("<td class=\"label\">対象日：</td><td>2024/05/01</td>")
                .contains("<td class=\"label\">件数：</td><td>1 件</td>");
    }

    @Test
    void servesTheMovementListAsAShiftJisAttachmentNamedForToday() {
        LegacyClient.Response csv = clerk.get("download/csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).isEqualTo("text/csv; charset=Shift_JIS");
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"idou_20240501.csv\"");
    }

    @Test
    void fileNameFollowsTheDateInTokyo() {
        clock.advance(java.time.Duration.ofHours(15)); // 2024-05-02 00:00 in Tokyo, still May 1st in UTC
        clerk.login(); // the night was longer than the session

        assertThat(clerk.get("download/csv").header("Content-Disposition")).contains("idou_20240502.csv");
    }

    @Test
    void writesHeaderAndOneCrlfLinePerRegisteredResident() {
        clerk.post("resident/new", RegistrationTest.validForm("R-0001"));
        Map<String, String> second = RegistrationTest.validForm("R-0002");
        second.put("txtShimei", "山田　太郎");
        second.put("txtKana", "ヤマダ　タロウ");
        second.put("cmbSeibetsu", "1");
        second.put("txtJusho", "からくり市本町1-2, 3号室");
        second.put("txtSeinengappi", "昭和55年4月1日");
        clerk.post("resident/new", second);

        LegacyClient.Response csv = clerk.get("download/csv");

        assertThat(csv.text()).isEqualTo(
                "受付番号,氏名,フリガナ,生年月日,性別,郵便番号,住所,異動日\r\n"
                        + "R-0001,髙橋　①子,タカハシ　イチコ,令和6年5月1日,女,950-0088,からくり市本町1-2-3 ㈱からくり社宅,2024/05/01\r\n"
                        + "R-0002,山田　太郎,ヤマダ　タロウ,昭和55年4月1日,男,950-0088,\"からくり市本町1-2, 3号室\",2024/05/01\r\n");
        assertThat(csv.body()).startsWith(MovementCsv.HEADER.getBytes(LegacyClient.SJIS));
    }

    @Test
    void leavesTheSeedOutOfTheMovementList() {
        assertThat(clerk.get("download/csv").text()).isEqualTo(MovementCsv.HEADER + "\r\n");
    }

    @Test
    void servesTheWholeListWhenThereAreManyResidents() {
        for (int i = 1; i <= 300; i++) {
            clerk.post("resident/new", RegistrationTest.validForm("R-%04d".formatted(i)));
        }

        LegacyClient.Response csv = clerk.get("download/csv");

        String[] lines = csv.text().split("\r\n");
        assertThat(lines).hasSize(301);
        assertThat(lines[300]).startsWith("R-0300,髙橋　①子,");
        assertThat(csv.body().length).isGreaterThan(30_000);
        assertThat(csv.header("Content-Length")).isEqualTo(String.valueOf(csv.body().length));
    }
}
