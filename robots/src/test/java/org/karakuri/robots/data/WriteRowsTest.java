package org.karakuri.robots.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.spi.Hashes;
import org.karakuri.i18n.Messages;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

class WriteRowsTest {
    private static final Charset CP932 = Charset.forName("windows-31j");

    @TempDir
    Path dir;
    ScenarioHarness h;

    @BeforeEach
    void setUp() {
        Messages.setDefault(Locale.ENGLISH);
        h = new ScenarioHarness(dir).withActions(new GivenRows());
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private RunResult write(String to, String encoding) {
        return h.write("s.yaml", """
            scenario: s
            steps:
              - given-rows: found
              - write-rows:
                  to: %s
                  rows: ${found}
            %s""".formatted(to, encoding == null ? "" : "      encoding: " + encoding + "\n")).run();
    }

    @Test
    void writesCsvInTheEncodingWithColumnsInTheOrderTheyFirstAppear() {
        GivenRows.ROWS.put("found", List.of(
            row("受付番号", "R-1", "氏名", "髙橋 ①郎"),
            row("受付番号", "R-2", "住所", "東京都, 千代田区", "氏名", "㈱からくり"),
            row("生年月日", LocalDate.of(1989, 1, 8), "受付番号", "R-3", "氏名", null)));
        RunResult r = write("out/kekka.csv", "Shift_JIS");
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(TestFiles.csvCells(dir.resolve("out/kekka.csv"), CP932, false)).containsExactly(
            List.of("受付番号", "氏名", "住所", "生年月日"),
            List.of("R-1", "髙橋 ①郎", "", ""),
            List.of("R-2", "㈱からくり", "東京都, 千代田区", ""),
            List.of("R-3", "", "", "1989-01-08"));
        assertThat(h.events("rows-written")).singleElement().satisfies(e -> {
            assertThat(e.get("rows")).isEqualTo(3);
            assertThat(e.get("columns")).isEqualTo(4);
            assertThat(e.get("sha256")).as("the file's SHA-256 in the trail").isEqualTo(Hashes.sha256(dir.resolve("out/kekka.csv")));
        });
    }

    @Test
    void aCharacterTheEncodingCannotHoldIsAnErrorNamingRowAndColumnAndTheFileIsLeftAsItWas() throws IOException {
        Files.writeString(dir.resolve("kekka.csv"), "previous\n");
        GivenRows.ROWS.put("found", List.of(row("受付番号", "R-1", "氏名", "吉田"), row("受付番号", "R-2", "氏名", "𠮷田")));
        RunResult r = write("kekka.csv", "Windows-31J");
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).endsWith("kekka.csv: row 2, column 氏名: the character '𠮷' (U+20BB7) cannot be written in Windows-31J;"
            + " replace it (for example with a similar character), or write encoding: UTF-8");
        assertThat(Files.readString(dir.resolve("kekka.csv"))).isEqualTo("previous\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void utf8HoldsEverythingAndHasNoByteOrderMark() {
        GivenRows.ROWS.put("found", List.of(row("氏名", "𠮷田 〜 ①")));
        assertThat(write("u.csv", null).status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(TestFiles.csvCells(dir.resolve("u.csv"), StandardCharsets.UTF_8, false)).containsExactly(List.of("氏名"), List.of("𠮷田 〜 ①"));
    }

    @Test
    void writesXlsxWithDatesAndNumbersAsSuch() {
        GivenRows.ROWS.put("found", List.of(
            row("受付番号", "R-1", "生年月日", LocalDate.of(1990, 1, 2), "人数", 3L, "登録", LocalDateTime.of(2024, 5, 1, 9, 30)),
            row("受付番号", "R-2", "人数", new java.math.BigDecimal("1.5"), "済", true)));
        assertThat(write("out.xlsx", null).status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(TestFiles.xlsxCells(dir.resolve("out.xlsx"))).containsExactly(
            List.of("受付番号", "生年月日", "人数", "登録", "済"),
            java.util.Arrays.asList("R-1", LocalDateTime.of(1990, 1, 2, 0, 0), 3.0, LocalDateTime.of(2024, 5, 1, 9, 30)),
            java.util.Arrays.asList("R-2", null, 1.5, null, true));
    }

    @Test
    void rowsMustBeAListOfMaps() {
        GivenRows.ROWS.put("found", List.of(row("a", 1), "text"));
        assertThat(write("x.csv", null).error()).endsWith("rows: ${found}: item 2 is text, not a map of column → value");
        RunResult notAList = h.write("s.yaml", """
            scenario: s
            vars:
              found: 一覧
            steps:
              - write-rows:
                  to: x.csv
                  rows: ${found}
            """).run();
        assertThat(notAList.error()).endsWith("rows: ${found} is text, not a list of rows; give a variable holding a list of maps, e.g. ${found}");
    }
}
