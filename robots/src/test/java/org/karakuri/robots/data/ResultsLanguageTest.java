package org.karakuri.robots.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.context.RunResult;
import org.karakuri.i18n.Messages;
import org.karakuri.testing.ScenarioHarness;

/**
 * The headers a results or review file adds, and its status words, are in the engine's language
 * (a clerk's Excel macro keys on them); the file's own columns keep their names; and a run in one
 * language resumes a run made in the other, because a later run reads the ledger, not the files.
 */
class ResultsLanguageTest {
    @TempDir
    Path dir;
    ScenarioHarness h;

    @BeforeEach
    void setUp() {
        h = new ScenarioHarness(dir);
        TestFiles.csv(dir.resolve("in.csv"), StandardCharsets.UTF_8, false, "受付番号,氏名\nR-1,山田\nR-2,鈴木\nR-3,\n");
        h.write("s.yaml", """
            scenario: s
            vars:
              broken: R-2
            steps:
              - for-each-row:
                  file: in.csv
                  key: 受付番号
                  results: results.csv
                  check:
                    氏名: required
                  steps:
                    - if: ${row.受付番号} == ${broken}
                      then:
                        - fail: 登録できません
                    - log: ${row.受付番号}
            """);
    }

    @AfterEach
    void backToEnglish() {
        Messages.setDefault(Locale.ENGLISH);
    }

    private List<List<String>> cells(Path file) {
        return TestFiles.csvCells(file, StandardCharsets.UTF_8, true);
    }

    /** What a run of the scenario writes in one language: the added headers and the words of its three rows. */
    private record Written(Locale language, String status, String message, String processedAt, String row, String file,
                           String done, String failed, String invalid, String empty) {}

    private void writesItsHeadersAndStatusWordsAndKeepsTheFilesOwnColumns(Written w) {
        Messages.setDefault(w.language());
        RunResult r = h.run();

        assertThat(cells(dir.resolve("results.csv"))).extracting(row -> row.subList(0, 4)).containsExactly(
            List.of("受付番号", "氏名", w.status(), w.message()),
            List.of("R-1", "山田", w.done(), ""),
            List.of("R-2", "鈴木", w.failed(), dir.resolve("s.yaml") + ":14:15: 登録できません"),
            List.of("R-3", "", w.invalid(), "氏名 " + w.empty()));
        assertThat(cells(dir.resolve("results.csv")).get(0)).endsWith(w.processedAt());
        assertThat(cells(r.folder().resolve("review.csv"))).extracting(row -> row.get(0), row -> row.get(2), row -> row.get(5), row -> row.get(6))
            .containsExactly(tuple("受付番号", w.status(), w.row(), w.file()), tuple("R-2", w.failed(), "3", "in.csv"),
                tuple("R-3", w.invalid(), "4", "in.csv"));
    }

    @Test
    void aJapaneseEngineWritesJapaneseHeadersAndStatusWordsAndKeepsTheFilesOwnColumns() {
        writesItsHeadersAndStatusWordsAndKeepsTheFilesOwnColumns(
            new Written(Locale.JAPANESE, "状態", "メッセージ", "処理日時", "行", "ファイル", "完了", "失敗", "不備", "が空です"));
    }

    @Test
    void anEnglishEngineWritesEnglishHeadersAndStatusWordsAndKeepsTheFilesOwnColumns() {
        writesItsHeadersAndStatusWordsAndKeepsTheFilesOwnColumns(
            new Written(Locale.ENGLISH, "status", "message", "processed at", "row", "file", "done", "failed", "invalid", "is empty"));
    }

    @Test
    void aRunInOneLanguageResumesARunMadeInTheOther() {
        Messages.setDefault(Locale.JAPANESE);
        RunResult japanese = h.run();
        assertThat(cells(dir.resolve("results.csv"))).extracting(row -> row.get(2)).containsExactly("状態", "完了", "失敗", "不備");

        Messages.setDefault(Locale.ENGLISH);
        RunResult english = h.set("broken", "none").run();
        assertThat(h.events("log").stream().map(e -> e.get("text")).toList()).as("only the failed row is entered again").containsExactly("R-2");
        assertThat(cells(dir.resolve("results.csv"))).extracting(row -> row.get(0), row -> row.get(2), row -> row.get(3)).containsExactly(
            tuple("受付番号", "status", "message"),
            tuple("R-1", "already done", "done in run " + japanese.runId() + " (row 2 then)"),
            tuple("R-2", "done", ""),
            tuple("R-3", "invalid", "氏名 is empty"));

        Messages.setDefault(Locale.JAPANESE);
        h.run();
        assertThat(h.events("log")).as("and back in Japanese, nothing done is entered twice").isEmpty();
        assertThat(cells(dir.resolve("results.csv"))).extracting(row -> row.get(0), row -> row.get(2), row -> row.get(3)).containsExactly(
            tuple("受付番号", "状態", "メッセージ"),
            tuple("R-1", "済", "実行 " + japanese.runId() + " で完了済み（当時 2 行目）"),
            tuple("R-2", "済", "実行 " + english.runId() + " で完了済み（当時 3 行目）"),
            tuple("R-3", "不備", "氏名 が空です"));
    }

    @Test
    void anXlsxResultsSheetIsNamedInTheEnginesLanguage() throws IOException {
        h.write("x.yaml", """
            scenario: x
            steps:
              - for-each-row:
                  file: in.csv
                  results: results.xlsx
                  steps:
                    - log: ${row.受付番号}
            """);
        Messages.setDefault(Locale.JAPANESE);
        h.run(dir.resolve("x.yaml"));
        assertThat(sheetAndHeader(dir.resolve("results.xlsx"))).containsExactly("結果", "受付番号", "氏名", "状態", "メッセージ", "処理日時");
        Messages.setDefault(Locale.ENGLISH);
        h.run(dir.resolve("x.yaml"));
        assertThat(sheetAndHeader(dir.resolve("results.xlsx"))).containsExactly("results", "受付番号", "氏名", "status", "message", "processed at");
    }

    private static List<String> sheetAndHeader(Path xlsx) throws IOException {
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook book = new XSSFWorkbook(in)) {
            List<String> all = new java.util.ArrayList<>(List.of(book.getSheetName(0)));
            TestFiles.xlsxCells(xlsx).get(0).forEach(c -> all.add(String.valueOf(c)));
            return all;
        }
    }

    /** The words a clerk's macro may key on, in both languages, are the ones docs/scenario-language.md lists. */
    @Test
    void theDocsListEveryAddedHeaderAndStatusWordInBothLanguages() throws IOException {
        List<List<List<String>>> expected = new java.util.ArrayList<>();
        expected.add(words("data.col.status", "data.col.message", "data.col.processed-at"));
        expected.add(words("data.col.row", "data.col.file"));
        for (RowItems.State s : RowItems.State.values()) {
            expected.add(List.of(List.of(s.text(Messages.of(Locale.JAPANESE))), List.of(s.text(Messages.of(Locale.ENGLISH)))));
        }
        expected.add(words("data.sheet.results"));
        assertThat(docsTable()).containsExactlyElementsOf(expected);
        assertThat(expected.subList(2, 9)).extracting(row -> row.get(0).get(0)).containsExactly("完了", "失敗", "不備", "中断", "済", "処理中", "未処理");
    }

    private static List<List<String>> words(String... keys) {
        return List.of(Arrays.stream(keys).map(k -> Messages.of(Locale.JAPANESE).format(k)).toList(),
            Arrays.stream(keys).map(k -> Messages.of(Locale.ENGLISH).format(k)).toList());
    }

    /** The table under "The results and review files": each row's Japanese and English words (in backquotes). */
    private static List<List<List<String>>> docsTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../docs/scenario-language.md"));
        int start = lines.indexOf("| | 日本語 | English |") + 2;
        assertThat(start).as("the table of docs/scenario-language.md").isGreaterThan(1);
        List<List<List<String>>> rows = new java.util.ArrayList<>();
        for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|");
            rows.add(List.of(quoted(cells[2]), quoted(cells[3])));
        }
        return rows;
    }

    private static List<String> quoted(String cell) {
        return java.util.regex.Pattern.compile("`([^`]+)`").matcher(cell).results().map(m -> m.group(1)).toList();
    }
}
