package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** read-table: headers, spanned cells, nested markup; into a variable or a CSV file. */
class ReadTableTest extends BrowserTest {

    private String results() {
        return server.page("/table", """
            <html><head><meta charset="UTF-8"><title>住民検索</title></head><body>
            <table width="100%"><tr><td>
              <p>全 2 件</p>
              <table id="tblResult" border="1">
                <tr><th rowspan="2">受付番号</th><th colspan="2">氏名</th><th rowspan="2">住所</th></tr>
                <tr><th>漢字</th><th>カナ</th></tr>
                <tr><td><a href="#">R-0001</a></td><td><span class="kanji">山田　太郎</span></td><td><span><font size="-1">ヤマダ　タロウ</font></span></td><td>東京都千代田区<br>1-1</td></tr>
                <tr><td>R-0002</td><td colspan="2">佐藤 "花子", 他</td><td rowspan="1">大阪府</td></tr>
                <tr style="display:none"><td>hidden</td><td></td><td></td><td></td></tr>
              </table>
            </td></tr></table>
            <h3>集計</h3>
            <table><thead><tr><th>区分</th><th>件数</th><th>件数</th></tr></thead>
              <tbody><tr><td>転入</td><td>3</td><td><input value="4"></td></tr></tbody></table>
            </body></html>""");
    }

    @Test
    void readsHeaderRowsAndSpannedCellsIntoAVariable() throws Exception {
        TestContext ctx = run("""
            - open: %s
            - read-table:
                table: 受付番号
                into: rows""".formatted(results()));
        assertThat(ctx.variable("rows")).isEqualTo(List.of(
            Map.of("受付番号", "R-0001", "氏名 漢字", "山田　太郎", "氏名 カナ", "ヤマダ　タロウ", "住所", "東京都千代田区\n1-1"),
            Map.of("受付番号", "R-0002", "氏名 漢字", "佐藤 \"花子\", 他", "氏名 カナ", "佐藤 \"花子\", 他", "住所", "大阪府")));
    }

    @Test
    void findsATableByTheHeadingBeforeItAndNamesRepeatedHeadersApart() throws Exception {
        TestContext ctx = run("""
            - open: %s
            - read-table:
                table: 集計
                into: totals""".formatted(results()));
        assertThat(ctx.variable("totals")).isEqualTo(List.of(Map.of("区分", "転入", "件数", "3", "件数_2", "4")));
    }

    @Test
    void writesAUtf8CsvWithAHeaderLine() throws Exception {
        TestContext ctx = run("""
            - open: %s
            - read-table:
                table: css:#tblResult
                to: ./work/results.csv""".formatted(results()));
        String csv = Files.readString(dir.resolve("work/results.csv"), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("""
            受付番号,氏名 漢字,氏名 カナ,住所\r
            R-0001,山田　太郎,ヤマダ　タロウ,"東京都千代田区
            1-1"\r
            R-0002,"佐藤 ""花子"", 他","佐藤 ""花子"", 他",大阪府\r
            """);
        assertThat(ctx.events("file-written")).singleElement().satisfies(e -> assertThat(e.data()).containsEntry("rows", 2));
        try (var left = Files.list(dir.resolve("work"))) {
            assertThat(left).as("no temporary file left behind").hasSize(1);
        }
    }

    @Test
    void writingBothIntoAndToIsRefusedWhenTheScenarioLoads() {
        var r = new org.karakuri.load.ScenarioLoader(org.karakuri.spi.ActionRegistry.installed()).checkText("""
            scenario: t
            steps:
              - read-table:
                  table: 結果
                  into: rows
                  to: out.csv
            """, dir.resolve("t.yaml"));
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.toString()).contains("t.yaml:4:7"));
    }

    private String searchResults() {
        return server.page("/table-clerk", """
            <html><head><meta charset="UTF-8"><title>申請一覧</title></head><body>
            <h3>検索結果</h3>
            <table border="1">
              <thead><tr><th><input type="checkbox" title="すべて選択"></th><th>受付番号</th><th>氏名</th><th>手数料</th></tr></thead>
              <tbody>
                <tr><td><input type="checkbox" name="sel" value="1"></td><td>R-0001</td><td>山田　太郎</td><td>300</td></tr>
                <tr><td><input type="checkbox" name="sel" value="2"></td><td>R-0002</td><td>佐藤　花子</td><td>450</td></tr>
                <tr><td colspan="4"><a href="#">&laquo; 前へ</a> | 1 | <a href="#">2</a> | <a href="#">3</a> | <a href="#">次へ &raquo;</a></td></tr>
              </tbody>
              <tfoot><tr><td></td><td>合計</td><td>2 件</td><td>750</td></tr></tfoot>
            </table>
            <h3>必要な書類</h3>
            <ul>
              <li>本人確認書類（<b>運転免許証</b>など）</li>
              <li>印鑑
                <ul><li>認印で可</li></ul></li>
              <li style="display:none">（非表示）</li>
            </ul>
            <ol aria-label="手続きの流れ"><li>受付</li><li>審査</li></ol>
            </body></html>""");
    }

    @Test
    void leavesOutTheTickBoxColumnThePagerRowAndTheFooterAsAClerkWould() throws Exception {
        TestContext ctx = run("""
            - open: %s
            - read-table:
                table: 検索結果
                into: rows""".formatted(searchResults()));
        assertThat(ctx.variable("rows")).isEqualTo(List.of(
            Map.of("受付番号", "R-0001", "氏名", "山田　太郎", "手数料", "300"),
            Map.of("受付番号", "R-0002", "氏名", "佐藤　花子", "手数料", "450")));
    }

    @Test
    void keepsTheFooterPagerAndTickBoxesWhenAskedTo() throws Exception {
        TestContext ctx = run("""
            - open: %s
            - read-table:
                table: 検索結果
                keep: [footer, pager, checkboxes]
                into: rows""".formatted(searchResults()));
        @SuppressWarnings("unchecked")
        List<Map<String, String>> rows = (List<Map<String, String>>) ctx.variable("rows");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).containsEntry("列1", "false").containsEntry("受付番号", "R-0001");
        assertThat(rows.get(2).get("受付番号")).contains("前へ", "次へ");
        assertThat(rows.get(3)).containsEntry("受付番号", "合計").containsEntry("手数料", "750");
    }

    @Test
    void readsAListsItemsByTheHeadingBeforeItWithoutTheItemsOfANestedList() throws Exception {
        TestContext ctx = run("""
            - open: %s
            - read-list:
                list: 必要な書類
                into: documents
            - read-list:
                list: 手続きの流れ
                into: steps""".formatted(searchResults()));
        assertThat(ctx.variable("documents")).isEqualTo(List.of("本人確認書類（運転免許証など）", "印鑑"));
        assertThat(ctx.variable("steps")).isEqualTo(List.of("受付", "審査"));
    }
}
