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
}
