package org.karakuri.robots.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.i18n.Messages;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.spi.Hashes;
import org.karakuri.spi.RowOutcome;
import org.karakuri.spi.RowStatus;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

class ForEachRowTest {
    private static final String TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";
    private static final Charset CP932 = Charset.forName("windows-31j");

    @TempDir
    Path dir;
    ScenarioHarness h;

    @BeforeEach
    void setUp() {
        Messages.setDefault(Locale.ENGLISH);
        h = new ScenarioHarness(dir);
    }

    private List<Object> logged() {
        return h.events("log").stream().map(e -> e.get("text")).toList();
    }

    private List<RowOutcome> ledger(String scenario) {
        try (Ledger l = Ledger.open(LedgerSettings.h2(h.home()))) {
            return l.rows(scenario);
        }
    }

    @Test
    void entersEveryRowWithItsColumnsAndItsNumber() {
        TestFiles.csv(dir.resolve("tennyu.csv"), CP932, false, """
            受付番号,氏名 ,生年月日
            R-1,髙橋 ①郎,1989-01-08

            R-2,"山田, 花子",令和元年5月1日
            """);
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - for-each-row:
                  file: tennyu.csv
                  encoding: Shift_JIS
                  steps:
                    - log: ${row-number}/${row.氏名}/${row.生年月日 | wareki}
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(logged()).containsExactly("2/髙橋 ①郎/平成元年1月8日", "4/山田, 花子/令和元年5月1日");
        assertThat(h.events("item-ended")).extracting(e -> e.get("label"), e -> e.get("outcome"))
            .containsExactly(tuple("row 2", "ok"), tuple("row 4", "ok"));
        assertThat(h.progress()).as("progress counts the file's rows, the blank one left out").contains("  ✓ 1/2  row 2", "  ✓ 2/2  row 4");
    }

    @Test
    void anUnknownColumnStopsTheLoopBeforeRowOneNamingTheFileTheUsesAndTheRealColumns() {
        // the file arrives during the run (a file already there is checked before the run: ColumnsBeforeRunTest)
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - write-file:
                  path: in.csv
                  text: "受付番号,氏名,生年月日\\nR-1,山田,2024-05-01\\n"
              - for-each-row:
                  file: in.csv
                  key: 受付番号
                  check:
                    郵便番号: postal-code
                  steps:
                    - log: ${row.氏名}
                    - if: ${row.区分} == 転入
                      then:
                        - set:
                            名前: ${row.氏 名}
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).endsWith("s.yaml:6:5: in.csv has no column for check: 郵便番号 (s.yaml:10), ${row.区分} (s.yaml:13),"
            + " ${row.氏 名} (s.yaml:16). Its columns are: 受付番号, 氏名, 生年月日."
            + " Write the names as in the header row (spaces at either end and full/half width do not matter)");
        assertThat(h.events("item-started")).isEmpty();
    }

    @Test
    void invalidRowsAreRecordedWithTheirReasonsAndNotEnteredAndTheRunGoesOn() {
        String good = ChecksTest.myNumber("12345678901");
        String other = ChecksTest.myNumber("98765432109");
        String wrong = good.substring(0, 11) + ((good.charAt(11) - '0' + 1) % 10);
        TestFiles.csv(dir.resolve("in.csv"), StandardCharsets.UTF_8, false,
            "受付番号,個人番号,氏名,フリガナ,生年月日,郵便番号\n"
                + "R-1," + good + ",山田 太郎,ヤマダ タロウ,1980-01-02,100-0001\n"
                + "R-2," + wrong + ",鈴木 一郎,スズキ イチロウ,1981-02-03,100-0002\n"
                + "R-3," + other + ",,すずき,2月30日,1000-003\n"
                + "R-4," + other + ",佐藤 花子,ｻﾄｳ ﾊﾅｺ,R2.3.4,１００－０００４\n"
                + "R-1," + good + ",二重,ニジュウ,2000-01-01,100-0005\n"
                + "," + good + ",キーなし,キーナシ,2000-01-01,100-0006\n");
        RunResult r = h.write("s.yaml", """
            scenario: s
            mask: [個人番号]
            steps:
              - for-each-row:
                  file: in.csv
                  key: 受付番号
                  results: out/results.csv
                  check:
                    個人番号: [required, my-number]
                    氏名: [required, {max-length: 10}]
                    フリガナ: katakana
                    生年月日: date
                    郵便番号: postal-code
                  steps:
                    - log: ${row.受付番号} ${row.フリガナ | zenkaku}
            """).run();

        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(logged()).containsExactly("R-1 ヤマダ　タロウ", "R-4 サトウ　ハナコ");
        String checkDigit = "個人番号 is not a My Number: the check digit (the last digit) is wrong; check the number against the card";
        String r3 = "氏名 is empty; フリガナ: 'すずき' is not katakana; write it in katakana (full or half width);"
            + " 生年月日: '2月30日' is not a date; write 2024-05-01, 2024/5/1, 2024年5月1日, 令和6年5月1日 or R6.5.1;"
            + " 郵便番号: '1000-003' is not a postal code; write 123-4567";
        String duplicate = "受付番号 is the same as in row 2; each row needs its own key";
        String noKey = "the key column 受付番号 is empty; fill it in, or the row cannot be told apart from others across runs";

        List<List<String>> results = TestFiles.csvCells(dir.resolve("out/results.csv"), StandardCharsets.UTF_8, true);
        assertThat(results.get(0)).containsExactly("受付番号", "個人番号", "氏名", "フリガナ", "生年月日", "郵便番号", "status", "message", "processed at");
        assertThat(results.subList(1, results.size())).extracting(row -> row.subList(0, 8)).containsExactly(
            List.of("R-1", good, "山田 太郎", "ヤマダ タロウ", "1980-01-02", "100-0001", "done", ""),
            List.of("R-2", wrong, "鈴木 一郎", "スズキ イチロウ", "1981-02-03", "100-0002", "invalid", checkDigit),
            List.of("R-3", other, "", "すずき", "2月30日", "1000-003", "invalid", r3),
            List.of("R-4", other, "佐藤 花子", "ｻﾄｳ ﾊﾅｺ", "R2.3.4", "１００－０００４", "done", ""),
            List.of("R-1", good, "二重", "ニジュウ", "2000-01-01", "100-0005", "invalid", duplicate),
            List.of("", good, "キーなし", "キーナシ", "2000-01-01", "100-0006", "invalid", noKey));
        assertThat(results.subList(1, results.size())).allSatisfy(row -> assertThat(row.get(8)).matches(TIME));

        List<List<String>> review = TestFiles.csvCells(r.folder().resolve("review.csv"), StandardCharsets.UTF_8, true);
        assertThat(review.get(0)).containsExactly("受付番号", "個人番号", "氏名", "フリガナ", "生年月日", "郵便番号", "status", "message", "processed at", "row", "file");
        assertThat(review.subList(1, review.size())).extracting(row -> row.subList(0, 8), row -> row.get(9), row -> row.get(10)).containsExactly(
            tuple(List.of("R-2", "********", "鈴木 一郎", "スズキ イチロウ", "1981-02-03", "100-0002", "invalid", checkDigit), "3", "in.csv"),
            tuple(List.of("R-3", "********", "", "すずき", "2月30日", "1000-003", "invalid", r3), "4", "in.csv"),
            tuple(List.of("R-1", "********", "二重", "ニジュウ", "2000-01-01", "100-0005", "invalid", duplicate), "6", "in.csv"),
            tuple(List.of("", "********", "キーなし", "キーナシ", "2000-01-01", "100-0006", "invalid", noKey), "7", "in.csv"));

        assertThat(ledger("s")).extracting(RowOutcome::key, RowOutcome::status, RowOutcome::rowNumber).containsExactly(
            tuple("R-1", RowStatus.DONE, 2), tuple("R-2", RowStatus.INVALID, 3), tuple("R-3", RowStatus.INVALID, 4), tuple("R-4", RowStatus.DONE, 5));
        assertThat(h.homeText()).doesNotContain(good, other, wrong);
        assertThat(h.events("review-written")).singleElement().satisfies(e -> assertThat(e.get("rows")).isEqualTo(4));
        assertThat(h.events("file-read")).as("the input's SHA-256 in the trail").singleElement()
            .satisfies(e -> assertThat(e.get("sha256")).isEqualTo(Hashes.sha256(dir.resolve("in.csv"))));
        assertThat(h.events("results-written")).singleElement()
            .satisfies(e -> assertThat(e.get("sha256")).isEqualTo(Hashes.sha256(dir.resolve("out/results.csv"))));
        assertThat(h.events("review-written")).singleElement()
            .satisfies(e -> assertThat(e.get("sha256")).isEqualTo(Hashes.sha256(r.folder().resolve("review.csv"))));
    }

    @Test
    void skipsRowsDoneInAnEarlierRunAndEntersFailedOnesAgain() {
        TestFiles.csv(dir.resolve("in.csv"), StandardCharsets.UTF_8, false, "受付番号,氏名\nR-1,山田\nR-2,鈴木\nR-3,佐藤\n");
        h.write("s.yaml", """
            scenario: s
            vars:
              broken: R-2
            steps:
              - for-each-row:
                  file: in.csv
                  key: 受付番号
                  results: results.csv
                  steps:
                    - if: ${row.受付番号} == ${broken}
                      then:
                        - fail: 登録できません
                    - log: ${row.受付番号}
            """);
        RunResult first = h.run();
        assertThat(first.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(logged()).containsExactly("R-1", "R-3");
        assertThat(TestFiles.csvCells(first.folder().resolve("review.csv"), StandardCharsets.UTF_8, true))
            .extracting(row -> row.get(0), row -> row.get(2), row -> row.get(3))
            .containsExactly(tuple("受付番号", "status", "message"), tuple("R-2", "failed", dir.resolve("s.yaml") + ":12:15: 登録できません"));

        RunResult second = h.set("broken", "none").run();
        assertThat(second.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(logged()).containsExactly("R-2");
        assertThat(h.events("item-ended")).extracting(e -> e.get("label"), e -> e.get("outcome"), e -> e.get("reason")).containsExactly(
            tuple("row 2 (受付番号=R-1)", "skipped", "done in run " + first.runId() + " (row 2 then)"),
            tuple("row 3 (受付番号=R-2)", "ok", null),
            tuple("row 4 (受付番号=R-3)", "skipped", "done in run " + first.runId() + " (row 4 then)"));
        assertThat(TestFiles.csvCells(dir.resolve("results.csv"), StandardCharsets.UTF_8, true))
            .extracting(row -> row.get(0), row -> row.get(2), row -> row.get(3)).containsExactly(
                tuple("受付番号", "status", "message"),
                tuple("R-1", "already done", "done in run " + first.runId() + " (row 2 then)"),
                tuple("R-2", "done", ""),
                tuple("R-3", "already done", "done in run " + first.runId() + " (row 4 then)"));
        assertThat(second.folder().resolve("review.csv")).doesNotExist();
        assertThat(ledger("s")).extracting(RowOutcome::key, RowOutcome::status, RowOutcome::runId).containsExactly(
            tuple("R-1", RowStatus.DONE, first.runId()), tuple("R-2", RowStatus.DONE, second.runId()), tuple("R-3", RowStatus.DONE, first.runId()));
    }

    @Test
    void writesXlsxResultsWithTypedCells() throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        XSSFSheet sheet = book.createSheet("一覧");
        sheet.createRow(0).createCell(0).setCellValue("転入届");
        XSSFRow header = sheet.createRow(2);
        header.createCell(0).setCellValue("受付番号");
        header.createCell(1).setCellValue("生年月日");
        header.createCell(2).setCellValue("人数");
        CellStyle date = book.createCellStyle();
        date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
        for (int i = 1; i <= 2; i++) {
            XSSFRow row = sheet.createRow(2 + i);
            row.createCell(0).setCellValue("R-" + i);
            row.createCell(1).setCellValue(LocalDate.of(1990, i, 1));
            row.getCell(1).setCellStyle(date);
            row.createCell(2).setCellValue(i);
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("in.xlsx"))) {
            book.write(out);
        }
        book.close();
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - for-each-row:
                  file: in.xlsx
                  sheet: 一覧
                  header-row: 3
                  results: results.xlsx
                  steps:
                    - if: ${row.人数} > 1
                      then:
                        - fail: 人数を確認してください
                    - log: ${row.受付番号} ${row.生年月日 | wareki} ${row.人数}
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(logged()).containsExactly("R-1 平成2年1月1日 1");
        List<List<Object>> cells = TestFiles.xlsxCells(dir.resolve("results.xlsx"));
        assertThat(cells.get(0)).containsExactly("受付番号", "生年月日", "人数", "status", "message", "processed at");
        assertThat(cells.get(1).subList(0, 5)).containsExactly("R-1", LocalDateTime.of(1990, 1, 1, 0, 0), 1.0, "done", "");
        assertThat(cells.get(2).subList(0, 5)).containsExactly("R-2", LocalDateTime.of(1990, 2, 1, 0, 0), 2.0, "failed",
            dir.resolve("s.yaml") + ":11:15: 人数を確認してください");
        assertThat(cells.get(1).get(5)).isInstanceOfSatisfying(LocalDateTime.class,
            t -> assertThat(t).isBetween(LocalDateTime.now().minusMinutes(5), LocalDateTime.now().plusMinutes(1)));
        assertThat(cells).hasSize(3);
    }

    @Test
    void aFileThatCannotBeReadMidwayFailsTheRunAndKeepsTheResultsOfTheRowsBefore() throws IOException {
        byte[] head = "受付番号,氏名\nR-1,山田\nR-2,鈴木\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "R-3,髙橋\n".getBytes(CP932);
        Files.write(dir.resolve("in.csv"), TestFiles.concat(head, bad));
        Files.writeString(dir.resolve("results.csv"), "the previous results\n");
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - for-each-row:
                  file: in.csv
                  results: results.csv
                  steps:
                    - log: ${row.受付番号}
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).startsWith(dir.resolve("s.yaml") + ":3:5: in.csv: line 4 cannot be read as UTF-8 (byte 46); the file looks like Windows-31J");
        List<List<String>> results = TestFiles.csvCells(dir.resolve("results.csv"), StandardCharsets.UTF_8, true);
        assertThat(results).extracting(row -> row.get(0), row -> row.get(2)).containsExactly(
            tuple("受付番号", "status"), tuple("R-1", "done"), tuple("R-2", "done"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void aRowsNumberAndKeyLabelItInJapanese() {
        Messages.setDefault(Locale.JAPANESE);
        TestFiles.csv(dir.resolve("in.csv"), StandardCharsets.UTF_8, false, "受付番号\nR-1\n");
        h.write("s.yaml", """
            scenario: s
            steps:
              - for-each-row:
                  file: in.csv
                  key: 受付番号
                  steps:
                    - log: ${row.受付番号}
            """).run();
        assertThat(h.events("item-ended")).extracting(e -> e.get("label")).containsExactly("2 行目（受付番号=R-1）");
        Messages.setDefault(Locale.ENGLISH);
    }

    @Test
    void refusesToWriteTheResultsOverTheFileItReads() {
        TestFiles.csv(dir.resolve("in.csv"), StandardCharsets.UTF_8, false, "受付番号\nR-1\n");
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - for-each-row:
                  file: in.csv
                  results: ./in.csv
                  steps:
                    - log: x
            """).run();
        assertThat(r.error()).endsWith("results: would overwrite the file being read (in.csv); write the results to another file, e.g. results.xlsx");
    }

    @Test
    void aLineWithAFieldTooManyOrTooFewIsAnInvalidRowWithItsNumberAndIsNeverEntered() {
        TestFiles.csv(dir.resolve("in.csv"), StandardCharsets.UTF_8, false,
            "受付番号,氏名,住所\nR-1,山田,東京都\nR-2,鈴木,大阪府,北区\nR-3,佐藤\nR-4,田中,京都府,\n");
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - for-each-row:
                  file: in.csv
                  key: 受付番号
                  steps:
                    - log: ${row.受付番号} ${row.住所}
            """).run();
        assertThat(logged()).containsExactly("R-1 東京都", "R-4 京都府");
        assertThat(h.events("item-ended")).extracting(e -> e.get("label"), e -> e.get("outcome"), e -> e.get("reason")).containsExactly(
            tuple("row 2 (受付番号=R-1)", "ok", null),
            tuple("row 3", "invalid", "the line has 4 fields but the header has 3: a comma too many puts the values after it in the wrong columns "
                + "(quote a value that holds a comma: \"a,b\")"),
            tuple("row 4", "invalid", "the line has 2 fields but the header has 3: a field is missing (each row needs a comma between every two columns)"),
            tuple("row 5 (受付番号=R-4)", "ok", null));
        assertThat(r.counts().itemsInvalid.get()).isEqualTo(2);
        assertThat(ledger("s")).extracting(RowOutcome::key).containsExactly("R-1", "R-4");
    }
}
