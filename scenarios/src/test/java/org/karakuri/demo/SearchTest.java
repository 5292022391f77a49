package org.karakuri.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SearchTest {

    private static final Pattern RECEIPT_CELL = Pattern.compile("target=\"_blank\">([^<]+)</a></td>");

    private LegacySystem legacy;
    private LegacyClient clerk;

    @BeforeEach
    void start() {
        List<Resident> seed = new ArrayList<>();
        for (int i = 1; i <= 23; i++) {
            seed.add(new Resident("T-%04d".formatted(i), (i % 2 == 0 ? "山田　" : "佐藤　") + i, "ヤマダ", "1980/04/01",
                    i % 2 == 0 ? "男" : "女", "950-0001", "からくり市本町" + i, "2024/04/01", "", ""));
        }
        legacy = LegacySystem.start(LegacySystem.Options.defaults().withSeed(seed).withPageSize(10));
        clerk = new LegacyClient(legacy.baseUri());
        clerk.login();
    }

    @AfterEach
    void stop() {
        legacy.close();
    }

    private static List<String> receiptNos(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = RECEIPT_CELL.matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void showsTheSearchFormWithoutResultsAtFirst() {
        String html = clerk.get("resident/search").text();

        assertThat(html)
                .contains("<td class=\"label\">氏名：</td><td><input type=\"text\" name=\"txtKensakuShimei\"")
                .contains("<input type=\"submit\" name=\"btnKensaku\" value=\"検索\">")
                .doesNotContain("<table id=\"tblResult\"");
    }

    @Test
    void blankNameListsEveryResidentOnPagesOfPageSize() {
        String html = clerk.post("resident/search", "txtKensakuShimei", "").text();

        assertThat(html).contains("全 23 件 (1/3 ページ)");
        assertThat(receiptNos(html)).hasSize(10).startsWith("T-0001").endsWith("T-0010");
    }

    @Test
    void resultTableHasATwoRowHeaderWithColspanAndNestedMarkupInCells() {
        String html = clerk.post("resident/search", "txtKensakuShimei", "").text();

        assertThat(html)
                .contains("<tr><th rowspan=\"2\">受付番号</th><th colspan=\"2\">氏名</th><th rowspan=\"2\">生年月日</th>"
                        + "<th rowspan=\"2\">性別</th><th rowspan=\"2\">住所</th></tr>")
                .contains("<tr><th>漢字</th><th>カナ</th></tr>")
                .contains("<td><a href=\"/resident/print?no=T-0001\" target=\"_blank\">T-0001</a></td>"
                        + "<td><span class=\"kanji\">佐藤　1</span></td>"
                        + "<td><span class=\"kana\"><font size=\"-1\">ヤマダ</font></span></td>"
                        + "<td>1980/04/01</td><td align=\"center\"><span>女</span></td><td>からくり市本町1</td></tr>");
    }

    @Test
    void nextAndPreviousLinksWalkThroughThePagesKeepingTheCondition() {
        String first = clerk.post("resident/search", "txtKensakuShimei", "").text();
        assertThat(first).contains("<span class=\"disabled\">前へ</span>").contains("<a href=\"/resident/search?page=2\">次へ</a>");

        String second = clerk.get("resident/search?page=2").text();
        assertThat(second).contains("全 23 件 (2/3 ページ)")
                .contains("<a href=\"/resident/search?page=1\">前へ</a>")
                .contains("<a href=\"/resident/search?page=3\">次へ</a>");
        assertThat(receiptNos(second)).first().isEqualTo("T-0011");

        String last = clerk.get("resident/search?page=3").text();
        assertThat(last).contains("全 23 件 (3/3 ページ)").contains("<span class=\"disabled\">次へ</span>");
        assertThat(receiptNos(last)).containsExactly("T-0021", "T-0022", "T-0023");
    }

    @Test
    void matchesPartOfTheNameAndRemembersItWhilePaging() {
        String html = clerk.post("resident/search", "txtKensakuShimei", "山田").text();

        assertThat(html).contains("全 11 件 (1/2 ページ)").contains("value=\"山田\"");
        assertThat(clerk.get("resident/search?page=2").text()).contains("全 11 件 (2/2 ページ)").contains("山田　22");
    }

    @Test
    void pageNumberOutsideTheResultsShowsTheNearestPage() {
        clerk.post("resident/search", "txtKensakuShimei", "");

        assertThat(clerk.get("resident/search?page=99").text()).contains("全 23 件 (3/3 ページ)");
        assertThat(clerk.get("resident/search?page=x").text()).contains("全 23 件 (1/3 ページ)");
    }

    @Test
    void findsResidentsRegisteredThroughTheScreen() {
        clerk.post("resident/new", RegistrationTest.validForm("R-0001"));

        String html = clerk.post("resident/search", "txtKensakuShimei", "髙橋").text();

        assertThat(html).contains("全 1 件 (1/1 ページ)").contains("<span class=\"kanji\">髙橋　①子</span>");
    }

    @Test
    void saysSoWhenNothingMatches() {
        String html = clerk.post("resident/search", "txtKensakuShimei", "該当なし").text();

        assertThat(html).contains("該当するデータはありません").doesNotContain("<table id=\"tblResult\"");
    }
}
