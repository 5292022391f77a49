package org.karakuri.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrationTest {

    private LegacySystem legacy;
    private LegacyClient clerk;

    @BeforeEach
    void start() {
        legacy = LegacySystem.start();
        clerk = new LegacyClient(legacy.baseUri());
        clerk.login();
    }

    @AfterEach
    void stop() {
        legacy.close();
    }

    /** A form that passes every check, under the screen's field names. */
    static Map<String, String> validForm(String receiptNo) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("txtUketsukeNo", receiptNo);
        form.put("txtShimei", "髙橋　①子");
        form.put("txtKana", "タカハシ　イチコ");
        form.put("txtSeinengappi", "令和6年5月1日");
        form.put("cmbSeibetsu", "2");
        form.put("txtYubin", "950-0088");
        form.put("txtJusho", "からくり市本町1-2-3 ㈱からくり社宅");
        form.put("txtIdoubi", "2024/05/01");
        form.put("txtZenjusho", "東京都千代田区千代田1-1");
        form.put("txaBikou", "転入届\r\n2行目");
        form.put("btnToroku", "登録");
        return form;
    }

    @Test
    void formLabelsEndInFullWidthColonAndInputsHaveLegacyNames() {
        String html = clerk.get("resident/new").text();

        assertThat(html)
                .contains("<td class=\"label\">受付番号：</td><td><input type=\"text\" name=\"txtUketsukeNo\" id=\"TextBox1\"")
                .contains("<td class=\"label\">氏名：</td><td><input type=\"text\" name=\"txtShimei\" id=\"TextBox2\"")
                .contains("<td class=\"label\">フリガナ：</td><td><input type=\"text\" name=\"txtKana\" id=\"TextBox3\"")
                .contains("<td class=\"label\">生年月日：</td><td><input type=\"text\" name=\"txtSeinengappi\" id=\"TextBox4\"")
                .contains("<td class=\"label\">性別：</td><td><select name=\"cmbSeibetsu\" id=\"DropDownList1\">")
                .contains("<option value=\"\" selected>選択してください</option>")
                .contains("<option value=\"1\">男</option>")
                .contains("<option value=\"2\">女</option>")
                .contains("<td class=\"label\">郵便番号：</td><td><input type=\"text\" name=\"txtYubin\" id=\"TextBox5\"")
                .contains("<td class=\"label\">住所：</td><td><input type=\"text\" name=\"txtJusho\" id=\"TextBox6\"")
                .contains("<td class=\"label\">異動日：</td><td><input type=\"text\" name=\"txtIdoubi\" id=\"TextBox7\"")
                .contains("<td class=\"label\">前住所：</td><td><input type=\"text\" name=\"txtZenjusho\" id=\"TextBox8\"")
                .contains("<td class=\"label\">備考：</td><td><textarea name=\"txaBikou\" id=\"TextBox9\"")
                .contains("<form name=\"frmToroku\" method=\"post\" action=\"/resident/new\">");
    }

    @Test
    void registerButtonAsksForConfirmation() {
        assertThat(clerk.get("resident/new").text()).contains(
                "<input type=\"submit\" name=\"btnToroku\" id=\"Button1\" value=\"登録\" onclick=\"return confirm('登録してよろしいですか？')\">");
    }

    @Test
    void registersResidentAndKeepsVendorCharactersIntact() {
        LegacyClient.Response page = clerk.post("resident/new", validForm("R-0001"));

        assertThat(page.text()).contains("登録しました（受付番号：R-0001）");
        assertThat(legacy.residents()).containsExactly(new Resident("R-0001", "髙橋　①子", "タカハシ　イチコ",
                "令和6年5月1日", "女", "950-0088", "からくり市本町1-2-3 ㈱からくり社宅", "2024/05/01",
                "東京都千代田区千代田1-1", "転入届\r\n2行目"));
    }

    @Test
    void keepsResidentsInTheOrderTheyWereRegistered() {
        for (String no : List.of("R-0003", "R-0001", "R-0002")) {
            clerk.post("resident/new", validForm(no));
        }

        assertThat(legacy.residents()).extracting(Resident::receiptNo).containsExactly("R-0003", "R-0001", "R-0002");
    }

    @Test
    void storesSingleLineValuesTrimmed() {
        Map<String, String> form = validForm("  R-0001 ");
        form.put("txtShimei", " 山田　太郎 ");

        clerk.post("resident/new", form);

        assertThat(legacy.residents()).extracting(Resident::receiptNo, Resident::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("R-0001", "山田　太郎"));
    }

    @Test
    void completionPageOffersToContinueAndAPrintPreviewInANewWindow() {
        String html = clerk.post("resident/new", validForm("R-0001")).text();

        assertThat(html)
                .contains("<a href=\"/resident/new\">続けて登録</a>")
                .contains("<a href=\"/resident/print?no=R-0001\" target=\"_blank\">印刷プレビュー</a>");
    }

    @Test
    void printPreviewHasItsOwnTitleAndShowsTheResident() {
        clerk.post("resident/new", validForm("R-0001"));

        String html = clerk.get("resident/print?no=R-0001").text();

        assertThat(html)
                .contains("<title>印刷プレビュー</title>")
                .contains("<td>髙橋　①子</td>")
                .contains("<td>転入届<br>2行目</td>")
                .contains("<input type=\"button\" value=\"閉じる\" onclick=\"window.close()\">");
    }

    @Test
    void printPreviewOfUnknownNumberSaysSo() {
        assertThat(clerk.get("resident/print?no=R-9999").text()).contains("受付番号 R-9999 は見つかりません");
    }

    @Test
    void emptyFormListsEveryRequiredFieldInRed() {
        LegacyClient.Response page = clerk.post("resident/new", "txtUketsukeNo", "", "cmbSeibetsu", "");

        assertThat(page.text())
                .contains("<div class=\"error\"><font color=\"#FF0000\">入力内容に誤りがあります。</font>")
                .contains("<li><font color=\"#FF0000\">受付番号を入力してください</font></li>")
                .contains("<li><font color=\"#FF0000\">氏名を入力してください</font></li>")
                .contains("<li><font color=\"#FF0000\">フリガナを入力してください</font></li>")
                .contains("<li><font color=\"#FF0000\">生年月日を入力してください</font></li>")
                .contains("<li><font color=\"#FF0000\">性別を選択してください</font></li>")
                .contains("<li><font color=\"#FF0000\">郵便番号は「123-4567」の形式で入力してください</font></li>");
        assertThat(legacy.residents()).isEmpty();
    }

    @Test
    void rejectedFormKeepsWhatWasEntered() {
        Map<String, String> form = validForm("R-0001");
        form.put("txtYubin", "9500088");
        form.put("txtJusho", "からくり市\"本町\" <1>");

        String html = clerk.post("resident/new", form).text();

        assertThat(html)
                .contains("郵便番号は「123-4567」の形式で入力してください")
                .contains("name=\"txtUketsukeNo\" id=\"TextBox1\" size=\"12\" maxlength=\"20\" style=\"ime-mode:disabled\" value=\"R-0001\"")
                .contains("value=\"髙橋　①子\"")
                .contains("value=\"9500088\"")
                .contains("value=\"からくり市&quot;本町&quot; &lt;1&gt;\"")
                .contains("<option value=\"2\" selected>女</option>")
                .contains(">転入届\r\n2行目</textarea>");
        assertThat(legacy.residents()).isEmpty();
    }

    @Test
    void rejectsAReceiptNumberAlreadyRegistered() {
        clerk.post("resident/new", validForm("R-0001"));

        String html = clerk.post("resident/new", validForm("R-0001")).text();

        assertThat(html).contains("受付番号 R-0001 は既に登録されています").doesNotContain("登録しました");
        assertThat(legacy.residents()).hasSize(1);
    }

    @Test
    void rejectsAReceiptNumberOfTheSeed() {
        assertThat(clerk.post("resident/new", validForm("S-0001")).text())
                .contains("受付番号 S-0001 は既に登録されています");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ﾀｶﾊｼ ｲﾁｺ", "たかはし", "Takahashi", "タカハシ1"})
    void rejectsFuriganaThatIsNotFullWidthKatakana(String kana) {
        Map<String, String> form = validForm("R-0001");
        form.put("txtKana", kana);

        assertThat(clerk.post("resident/new", form).text()).contains("フリガナは全角カタカナで入力してください");
        assertThat(legacy.residents()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1980/04/01", "1980-4-1", "昭和55年4月1日", "令和元年5月1日", "平成31年4月30日"})
    void acceptsWesternAndJapaneseCalendarBirthDates(String birthDate) {
        Map<String, String> form = validForm("R-0001");
        form.put("txtSeinengappi", birthDate);

        assertThat(clerk.post("resident/new", form).text()).contains("登録しました");
        assertThat(legacy.residents()).extracting(Resident::birthDate).containsExactly(birthDate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1980/02/30", "S55.4.1", "昭和64年1月8日", "1980/04-01", "令和6年13月1日"})
    void rejectsBirthDatesThatAreNotDates(String birthDate) {
        Map<String, String> form = validForm("R-0001");
        form.put("txtSeinengappi", birthDate);

        assertThat(clerk.post("resident/new", form).text())
                .contains("生年月日は日付で入力してください（例：1980/04/01、昭和55年4月1日）");
    }

    @Test
    void storesTheGenderShownNotTheOptionCode() {
        Map<String, String> form = validForm("R-0001");
        form.put("cmbSeibetsu", "1");

        clerk.post("resident/new", form);

        assertThat(legacy.residents()).extracting(Resident::gender).containsExactly("男");
    }

    @Test
    void registersEveryResidentWhenClerksPostAtTheSameTime() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String receiptNo = "R-%04d".formatted(i % 20); // every number posted twice
                answers.add(pool.submit(() -> {
                    LegacyClient other = new LegacyClient(legacy.baseUri());
                    other.login();
                    return other.post("resident/new", validForm(receiptNo)).text();
                }));
            }
            int registered = 0;
            for (Future<String> answer : answers) {
                registered += answer.get().contains("登録しました") ? 1 : 0;
            }

            assertThat(registered).isEqualTo(20);
            assertThat(legacy.residents()).extracting(Resident::receiptNo).doesNotHaveDuplicates().hasSize(20);
        } finally {
            pool.shutdownNow();
        }
    }
}
