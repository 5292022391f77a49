package org.karakuri.robots.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;

class CsvRowsTest {
    private static final Charset CP932 = Charset.forName("windows-31j");

    @TempDir
    Path dir;

    private static List<Row> all(RowSource source) {
        List<Row> rows = new ArrayList<>();
        try (source) {
            for (Row r = source.next(); r != null; r = source.next()) {
                rows.add(r);
            }
        }
        return rows;
    }

    @ParameterizedTest(name = "BOM: {0}")
    @ValueSource(booleans = {true, false})
    void readsUtf8WithOrWithoutAByteOrderMark(boolean bom) {
        Path f = TestFiles.csv(dir.resolve("u.csv"), StandardCharsets.UTF_8, bom, "受付番号,氏名\r\nR-1,山田 太郎\r\n");
        List<Row> rows = all(RowFiles.open(f, Encodings.of(null), null, 1));
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.field("受付番号")).isEqualTo("R-1");
            assertThat(r.field("氏名")).isEqualTo("山田 太郎");
            assertThat(r.number()).isEqualTo(2);
        });
    }

    @ParameterizedTest(name = "encoding: {0}")
    @ValueSource(strings = {"Shift_JIS", "Windows-31J", "MS932", "sjis", "CP932"})
    void keepsTheVendorCharactersOfWindowsShiftJis(String encoding) {
        String text = "氏名,会社,備考\n髙橋 ①郎,㈱からくり,～ ﾊﾝｶｸｶﾅ ｶﾞ ∑ Ⅲ №\n";
        Path f = TestFiles.csv(dir.resolve("sjis.csv"), CP932, false, text);
        List<Row> rows = all(RowFiles.open(f, Encodings.of(encoding), null, 1));
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.field("氏名")).isEqualTo("髙橋 ①郎");
            assertThat(r.field("会社")).isEqualTo("㈱からくり");
            assertThat(r.field("備考")).isEqualTo("～ ﾊﾝｶｸｶﾅ ｶﾞ ∑ Ⅲ №");
        });
    }

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaksCountingRowsAsASpreadsheetDoes() {
        Path f = TestFiles.csv(dir.resolve("q.csv"), StandardCharsets.UTF_8, false, """
            番号,住所,備考
            1,"東京都千代田区1-1, 2F","「株式会社""からくり""」
            2行目の備考"

            2,大阪市,
            ,,
            3,"札幌市
            中央区",最後
            """);
        List<Row> rows = all(RowFiles.open(f, StandardCharsets.UTF_8, null, 1));
        assertThat(rows).extracting(Row::number).containsExactly(2, 4, 6);
        assertThat(rows.get(0).field("住所")).isEqualTo("東京都千代田区1-1, 2F");
        assertThat(rows.get(0).field("備考")).isEqualTo("「株式会社\"からくり\"」\n2行目の備考");
        assertThat(rows.get(1).field("備考")).isNull();
        assertThat(rows.get(2).field("住所")).isEqualTo("札幌市\n中央区");
    }

    @Test
    void comparesColumnNamesTrimmedAndNfkcNormalised() {
        Path f = TestFiles.csv(dir.resolve("h.csv"), StandardCharsets.UTF_8, false, " 氏名　,ﾌﾘｶﾞﾅ,ＩＤ,住所,住所\nA,B,C,D,E\n");
        Row row = all(RowFiles.open(f, StandardCharsets.UTF_8, null, 1)).get(0);
        assertThat(row.field("氏名")).isEqualTo("A");
        assertThat(row.field("フリガナ")).isEqualTo("B");
        assertThat(row.field("ID")).isEqualTo("C");
        assertThat(row.field("住所")).isEqualTo("D");
        assertThat(row.field("住所_2")).isEqualTo("E");
        assertThat(row.columns().names()).containsExactly("氏名", "ﾌﾘｶﾞﾅ", "ＩＤ", "住所", "住所_2");
        assertThatThrownBy(() -> row.field("電話")).hasMessageContaining("電話").hasMessageContaining("氏名, ﾌﾘｶﾞﾅ, ＩＤ, 住所, 住所_2");
    }

    @Test
    void headerRowSkipsTheTitleLinesAbove() {
        Path f = TestFiles.csv(dir.resolve("t.csv"), StandardCharsets.UTF_8, false, "転入届一覧,,\n令和6年5月分,,\n受付番号,氏名,\nR-1,山田,\n");
        List<Row> rows = all(RowFiles.open(f, StandardCharsets.UTF_8, null, 3));
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.number()).isEqualTo(4);
            assertThat(r.asMap()).containsExactly(java.util.Map.entry("受付番号", "R-1"), java.util.Map.entry("氏名", "山田"));
        });
    }

    @Test
    void aShiftJisFileReadAsUtf8NamesTheLineAndTheEncodingToWrite() {
        Path f = TestFiles.csv(dir.resolve("sjis.csv"), CP932, false, "受付番号,氏名\nR-1,yamada\nR-2,yamada\nR-3,髙橋\n");
        Messages.setDefault(java.util.Locale.ENGLISH);
        assertThatThrownBy(() -> all(RowFiles.open(f, StandardCharsets.UTF_8, null, 1)))
            .isInstanceOfSatisfying(KarakuriException.class, e -> {
                assertThat(e.key()).isEqualTo("data.csv.undecodable");
                assertThat(e.getMessage()).startsWith("sjis.csv: line 1 cannot be read as UTF-8").contains("encoding: Windows-31J");
            });
        Path late = TestFiles.csv(dir.resolve("late.csv"), CP932, false, "id,name\n1,a\n2,b\n3,c\n4,髙橋\n");
        assertThatThrownBy(() -> all(RowFiles.open(late, StandardCharsets.UTF_8, null, 1)))
            .hasMessageStartingWith("late.csv: line 5 cannot be read as UTF-8 (byte 22)").hasMessageContaining("Windows-31J");
    }

    @Test
    void aUtf8FileReadAsShiftJisSuggestsUtf8() {
        Path f = TestFiles.csv(dir.resolve("u.csv"), StandardCharsets.UTF_8, false, "id,name\n1,a\n2,髙橋①の家\n");
        Messages.setDefault(java.util.Locale.ENGLISH);
        assertThatThrownBy(() -> all(RowFiles.open(f, Encodings.of("Shift_JIS"), null, 1)))
            .hasMessage("u.csv is written in UTF-8, not Windows-31J: write encoding: UTF-8 (or leave encoding: out)");
        Path bom = TestFiles.csv(dir.resolve("bom.csv"), StandardCharsets.UTF_8, true, "id,name\n1,a\n");
        assertThatThrownBy(() -> all(RowFiles.open(bom, Encodings.of("Windows-31J"), null, 1))).hasMessageContaining("UTF-8");
    }

    @Test
    void aWindows31jFileWithBadBytesNamesTheLine() {
        byte[] good = "id,name\n1,髙橋\n2,".getBytes(CP932);
        Path f = dir.resolve("broken.csv");
        TestFiles.csv(f, StandardCharsets.US_ASCII, false, "");
        try {
            Files.write(f, TestFiles.concat(TestFiles.concat(good, new byte[] {(byte) 0x81, (byte) 0x20}), "\n".getBytes(CP932)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Messages.setDefault(java.util.Locale.ENGLISH);
        assertThatThrownBy(() -> all(RowFiles.open(f, Encodings.of("Windows-31J"), null, 1)))
            .hasMessageStartingWith("broken.csv: line 3 cannot be read as Windows-31J");
    }

    @Test
    void anUnclosedQuoteNamesTheRow() {
        Path f = TestFiles.csv(dir.resolve("bad.csv"), StandardCharsets.UTF_8, false, "id,name\n1,a\n2,\"b\n3,c\n");
        Messages.setDefault(java.util.Locale.ENGLISH);
        assertThatThrownBy(() -> all(RowFiles.open(f, StandardCharsets.UTF_8, null, 1)))
            .isInstanceOfSatisfying(KarakuriException.class, e -> {
                assertThat(e.key()).isEqualTo("data.csv.malformed");
                assertThat(e.getMessage()).startsWith("bad.csv: row 3").contains("closing \"");
            });
    }

    @Test
    void aMissingOrEmptyHeaderRowIsAnError() {
        Path f = TestFiles.csv(dir.resolve("e.csv"), StandardCharsets.UTF_8, false, ",,\nR-1,山田,\n");
        Messages.setDefault(java.util.Locale.ENGLISH);
        assertThatThrownBy(() -> RowFiles.open(f, StandardCharsets.UTF_8, null, 1)).hasMessage(
            "e.csv: the header row 1 is empty; set header-row: to the row holding the column names");
        assertThatThrownBy(() -> RowFiles.open(f, StandardCharsets.UTF_8, null, 9)).hasMessage(
            "e.csv has no row 9 (it ends at row 2); set header-row: to the row holding the column names");
        assertThatThrownBy(() -> RowFiles.open(dir.resolve("none.csv"), StandardCharsets.UTF_8, null, 1)).hasMessageContaining("no such file");
        assertThat(Files.exists(dir.resolve("none.csv"))).isFalse();
    }

    @Test
    void unknownEncodingsListTheUsualOnes() {
        Messages.setDefault(java.util.Locale.ENGLISH);
        assertThatThrownBy(() -> Encodings.of("Shift-JJS")).hasMessage("unknown encoding 'Shift-JJS'; write one of: UTF-8, Windows-31J, Shift_JIS, EUC-JP");
    }
}
