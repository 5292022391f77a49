package org.karakuri.robots.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.cli.Main;
import org.karakuri.i18n.Messages;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/**
 * The columns a {@code for-each-row} uses must be in its file's header: when the file is already
 * there, {@code run}, {@code run --dry-run} and {@code validate} say so before anything runs,
 * at the place each column is written (CSV in UTF-8 or Shift_JIS, xlsx with its sheet and header row).
 */
class ColumnsBeforeRunTest {
    private static final Charset SJIS = Charset.forName("Windows-31J");

    @TempDir
    Path dir;

    static final String ENTRY = """
        scenario: entry
        vars:
          inbox: ./inbox
        steps:
          - log: ログインします
          - for-each-row:
              file: ${inbox}/tennyu.csv
              encoding: Windows-31J
              key: 受付番号
              check:
                生年月日: date
              steps:
                - log: ${row.受付番号} ${row.氏命}
                - fill:
                    氏名: ${row.氏名}
                    住所: ${row.住書 | trim}
        """;

    private static List<String> problems(RunResult r) {
        return r.problems().stream().map(p -> p.format(Messages.of(Locale.ENGLISH))).toList();
    }

    private void csv(String header, Charset charset) throws Exception {
        Files.createDirectories(dir.resolve("inbox"));
        Files.writeString(dir.resolve("inbox/tennyu.csv"), header + "\nR-1,山田,1980-01-01,東京\n", charset);
    }

    @Test
    void aMisspeltColumnOfAShiftJisCsvStopsTheRunBeforeStepOneAtItsPlace() throws Exception {
        csv("受付番号,氏名,生年月日,住所", SJIS);
        ScenarioHarness h = new ScenarioHarness(dir);
        RunResult r = h.write("entry.yaml", ENTRY).run();
        assertThat(r.exitCode()).isEqualTo(2);
        String file = dir.resolve("entry.yaml").toString();
        assertThat(problems(r)).containsExactly(
            file + ":13:28: steps[1].for-each-row: the column '氏命' (${row.氏命}) is not in the header of tennyu.csv (did you mean '氏名'?). "
                + "Its columns are: 受付番号, 氏名, 生年月日, 住所",
            file + ":16:17: steps[1].for-each-row: the column '住書' (${row.住書}) is not in the header of tennyu.csv (did you mean '住所'?). "
                + "Its columns are: 受付番号, 氏名, 生年月日, 住所");
        assertThat(h.events()).as("the log before the loop did not run").isEmpty();
    }

    @Test
    void theKeyAndTheCheckedColumnsAreCheckedTooAndValidateFailsWithTheSamePlaces() throws Exception {
        csv("番号,氏命,生年月日,住書", SJIS);
        Path scenario = Files.writeString(dir.resolve("entry.yaml"), ENTRY.replace("生年月日: date", "生年月: date"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.execute(new String[] {"--lang", "en", "validate", scenario.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), dir.resolve(".karakuri"));
        assertThat(exit).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
            scenario + ":9:7: steps[1].for-each-row: the column '受付番号' (key: 受付番号) is not in the header of tennyu.csv (did you mean '番号'?). "
                + "Its columns are: 番号, 氏命, 生年月日, 住書",
            scenario + ":11:9: steps[1].for-each-row: the column '生年月' (check: 生年月) is not in the header of tennyu.csv (did you mean '生年月日'?). "
                + "Its columns are: 番号, 氏命, 生年月日, 住書",
            scenario + ":13:16: steps[1].for-each-row: the column '受付番号' (${row.受付番号}) is not in the header of tennyu.csv (did you mean '番号'?). "
                + "Its columns are: 番号, 氏命, 生年月日, 住書",
            scenario + ":15:17: steps[1].for-each-row: the column '氏名' (${row.氏名}) is not in the header of tennyu.csv (did you mean '氏命'?). "
                + "Its columns are: 番号, 氏命, 生年月日, 住書");
    }

    @Test
    void aDryRunReadsTheHeaderOfAFileNamedWithASetVariableAndTouchesNothing() throws Exception {
        Files.createDirectories(dir.resolve("other"));
        Files.writeString(dir.resolve("other/tennyu.csv"), "受付番号,氏名,生年月日,住所\n", SJIS);
        csv("受付番号,氏命,生年月日,住書", SJIS);
        ScenarioHarness h = new ScenarioHarness(dir).dryRun(true).set("inbox", "./other");
        RunResult r = h.write("entry.yaml", ENTRY).run();
        assertThat(problems(r)).extracting(p -> p.substring(p.indexOf("the column"), p.indexOf(")") + 1))
            .containsExactly("the column '氏命' (${row.氏命})", "the column '住書' (${row.住書})");
        assertThat(h.home()).doesNotExist();
    }

    @Test
    void anXlsxIsReadAtItsSheetAndHeaderRow() throws Exception {
        Files.createDirectories(dir.resolve("inbox"));
        new TestFiles.RawXlsx()
            .sheet("表紙", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>受付番号</t></is></c></row></sheetData>")
            .sheet("4月分", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>転入届 4月分</t></is></c></row>"
                + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>受付番号</t></is></c><c r=\"B3\" t=\"inlineStr\"><is><t>氏名</t></is></c></row>"
                + "</sheetData>")
            .write(dir.resolve("inbox/tennyu.xlsx"));
        RunResult r = new ScenarioHarness(dir).write("x.yaml", """
            scenario: x
            steps:
              - for-each-row:
                  file: ./inbox/tennyu.xlsx
                  sheet: 4月分
                  header-row: 3
                  key: 受付番号
                  steps:
                    - log: ${row.氏名} ${row.フリガナ}
            """).run();
        assertThat(problems(r)).singleElement().asString().endsWith(
            ":9:26: steps[0].for-each-row: the column 'フリガナ' (${row.フリガナ}) is not in the header of tennyu.xlsx. Its columns are: 受付番号, 氏名");
    }

    @Test
    void aFileThatIsNotThereYetIsCheckedWhenTheLoopOpensAsBefore() throws Exception {
        ScenarioHarness h = new ScenarioHarness(dir);
        RunResult r = h.write("entry.yaml", ENTRY).run();
        assertThat(r.exitCode()).as("the scenario is valid; the run fails when the loop finds no file").isEqualTo(1);
        assertThat(h.events("log")).hasSize(1);
    }
}
