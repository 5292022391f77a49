package org.karakuri.robots.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.i18n.Messages;

class XlsxRowsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void english() {
        Messages.setDefault(Locale.ENGLISH);
    }

    private static List<Row> all(RowSource source) {
        List<Row> rows = new ArrayList<>();
        try (source) {
            for (Row r = source.next(); r != null; r = source.next()) {
                rows.add(r);
            }
        }
        return rows;
    }

    private Path save(XSSFWorkbook book, String name) throws IOException {
        Path f = dir.resolve(name);
        book.getCreationHelper().createFormulaEvaluator().evaluateAll(); // cached values, as Excel saves them
        try (OutputStream out = Files.newOutputStream(f)) {
            book.write(out);
        }
        book.close();
        return f;
    }

    private static CellStyle format(XSSFWorkbook book, String pattern) {
        CellStyle s = book.createCellStyle();
        s.setDataFormat(book.getCreationHelper().createDataFormat().getFormat(pattern));
        return s;
    }

    @Test
    void readsDatesAsDatesNumbersWithoutASpuriousZeroAndFormulasByTheirCachedValue() throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        XSSFSheet sheet = book.createSheet("転入");
        String[] names = {"受付番号", "生年月日", "和暦", "書式14", "日時", "時刻", "金額", "小数", "計算", "倍", "判定", "宛名", "番号"};
        XSSFRow h = sheet.createRow(0);
        for (int i = 0; i < names.length; i++) {
            h.createCell(i).setCellValue(names[i]);
        }
        XSSFRow r = sheet.createRow(1);
        r.createCell(0).setCellValue("R-0001");
        r.createCell(1).setCellValue(LocalDate.of(2024, 5, 1));
        r.getCell(1).setCellStyle(format(book, "yyyy/m/d"));
        r.createCell(2).setCellValue(LocalDate.of(1989, 1, 8));
        r.getCell(2).setCellStyle(format(book, "[$-411]ggge\"年\"m\"月\"d\"日\""));
        CellStyle builtin14 = book.createCellStyle();
        builtin14.setDataFormat((short) 14);
        r.createCell(3).setCellValue(LocalDate.of(2019, 4, 30));
        r.getCell(3).setCellStyle(builtin14);
        r.createCell(4).setCellValue(LocalDateTime.of(2024, 5, 1, 9, 30));
        r.getCell(4).setCellStyle(format(book, "yyyy/mm/dd hh:mm"));
        r.createCell(5).setCellValue(0.5);
        r.getCell(5).setCellStyle(format(book, "h:mm"));
        r.createCell(6).setCellValue(1234.0);
        r.createCell(7).setCellValue(12.5);
        r.createCell(8).setCellFormula("0.1+0.2");
        r.createCell(9).setCellFormula("G2*2");
        r.createCell(10).setCellFormula("G2>1000");
        r.createCell(11).setCellFormula("A2&\"様\"");
        r.createCell(12).setCellValue(123456789012.0);
        Path f = save(book, "dates.xlsx");

        Row row = all(RowFiles.open(f, null, null, 1)).get(0);
        assertThat(row.number()).isEqualTo(2);
        assertThat(row.field("受付番号")).isEqualTo("R-0001");
        assertThat(row.field("生年月日")).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(row.field("和暦")).isEqualTo(LocalDate.of(1989, 1, 8));
        assertThat(row.field("書式14")).isEqualTo(LocalDate.of(2019, 4, 30));
        assertThat(row.field("日時")).isEqualTo(LocalDateTime.of(2024, 5, 1, 9, 30));
        assertThat(row.field("時刻")).isEqualTo(LocalTime.of(12, 0));
        assertThat(row.field("金額")).isEqualTo(1234L);
        assertThat(row.field("金額").toString()).isEqualTo("1234");
        assertThat(row.field("小数")).isEqualTo(new BigDecimal("12.5"));
        assertThat(row.field("計算").toString()).isEqualTo("0.3");
        assertThat(row.field("倍")).isEqualTo(2468L);
        assertThat(row.field("判定")).isEqualTo(true);
        assertThat(row.field("宛名")).isEqualTo("R-0001様");
        assertThat(row.field("番号")).isEqualTo(123456789012L);
    }

    @Test
    void japaneseBuiltInDateFormatsAreDates() throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        XSSFSheet sheet = book.createSheet();
        sheet.createRow(0).createCell(0).setCellValue("受付日");
        CellStyle jp = book.createCellStyle();
        jp.setDataFormat((short) 57); // [$-411]ggge"年"m"月"d"日" in Japanese Excel, no numFmt entry
        sheet.createRow(1).createCell(0).setCellValue(LocalDate.of(2024, 5, 1));
        sheet.getRow(1).getCell(0).setCellStyle(jp);
        Path f = save(book, "jp.xlsx");
        assertThat(all(RowFiles.open(f, null, null, 1)).get(0).field("受付日")).isEqualTo(LocalDate.of(2024, 5, 1));
    }

    @Test
    void aMergedHeaderCellNamesEveryColumnItSpans() throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        XSSFSheet sheet = book.createSheet();
        XSSFRow top = sheet.createRow(0);
        top.createCell(0).setCellValue("氏名");
        top.createCell(1).setCellValue("住所");
        top.createCell(4).setCellValue("備考");
        sheet.addMergedRegion(CellRangeAddress.valueOf("A1:A2"));
        sheet.addMergedRegion(CellRangeAddress.valueOf("B1:D1"));
        sheet.addMergedRegion(CellRangeAddress.valueOf("E1:E2"));
        XSSFRow sub = sheet.createRow(1);
        sub.createCell(1).setCellValue("郵便番号");
        sub.createCell(2).setCellValue("都道府県");
        sub.createCell(3).setCellValue("市区町村");
        XSSFRow data = sheet.createRow(2);
        String[] values = {"山田", "100-0001", "東京都", "千代田区", "至急"};
        for (int i = 0; i < values.length; i++) {
            data.createCell(i).setCellValue(values[i]);
        }
        Path f = save(book, "merged.xlsx");

        RowSource oneRowHeader = RowFiles.open(f, null, null, 1);
        assertThat(oneRowHeader.columns().names()).containsExactly("氏名", "住所", "住所_2", "住所_3", "備考");
        List<Row> rows = all(oneRowHeader);
        assertThat(rows).extracting(Row::number).containsExactly(2, 3);
        assertThat(rows.get(1).field("住所_3")).isEqualTo("千代田区");

        RowSource twoRowHeader = RowFiles.open(f, null, null, 2);
        assertThat(twoRowHeader.columns().names()).containsExactly("氏名", "郵便番号", "都道府県", "市区町村", "備考");
        assertThat(all(twoRowHeader)).singleElement().satisfies(r -> {
            assertThat(r.field("氏名")).isEqualTo("山田");
            assertThat(r.field("備考")).isEqualTo("至急");
            assertThat(r.number()).isEqualTo(3);
        });
    }

    @Test
    void findsTheSheetByNameOrPositionAndListsTheSheetsOtherwise() throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        for (String name : List.of("表紙", "4月分", "5月分")) {
            XSSFSheet s = book.createSheet(name);
            s.createRow(0).createCell(0).setCellValue("月");
            s.createRow(1).createCell(0).setCellValue(name);
        }
        Path f = save(book, "months.xlsx");
        assertThat(all(RowFiles.open(f, null, "5月分", 1)).get(0).field("月")).isEqualTo("5月分");
        assertThat(all(RowFiles.open(f, null, "2", 1)).get(0).field("月")).isEqualTo("4月分");
        assertThat(all(RowFiles.open(f, null, null, 1)).get(0).field("月")).isEqualTo("表紙");
        assertThatThrownBy(() -> RowFiles.open(f, null, "6月分", 1))
            .hasMessage("months.xlsx has no sheet '6月分'; its sheets are: 1: 表紙, 2: 4月分, 3: 5月分. Write sheet: with a name or a number from this list");
    }

    @Test
    void skipsFuriganaAndReadsInlineRichAndEscapedText() {
        Path f = new TestFiles.RawXlsx()
            .sharedStrings("""
                <si><t>氏名</t></si>
                <si><t>山田 太郎</t><rPh sb="0" eb="2"><t>ヤマダ</t></rPh><rPh sb="3" eb="5"><t>タロウ</t></rPh><phoneticPr fontId="1"/></si>
                <si><r><t>株式会社</t></r><r><rPr><b/></rPr><t xml:space="preserve"> からくり</t></r></si>
                <si><t>備考</t></si>
                <si><t>一行目_x000D_
                二行目</t></si>
                """)
            .sheet("Sheet1", """
                <sheetData>
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>3</v></c><c r="C1" t="inlineStr"><is><t>会社</t></is></c></row>
                <row r="3"><c t="s"><v>1</v></c><c t="s"><v>4</v></c><c t="s"><v>2</v></c></row>
                <row r="4"><c r="C4" t="inlineStr"><is><r><t>合同</t></r><r><t>会社</t></r><rPh sb="0" eb="2"><t>ゴウドウ</t></rPh></is></c></row>
                </sheetData>
                """)
            .write(dir.resolve("raw.xlsx"));
        List<Row> rows = all(RowFiles.open(f, null, null, 1));
        assertThat(rows).extracting(Row::number).containsExactly(3, 4);
        assertThat(rows.get(0).asMap()).containsExactly(
            java.util.Map.entry("氏名", "山田 太郎"), java.util.Map.entry("備考", "一行目\r\n二行目"), java.util.Map.entry("会社", "株式会社 からくり"));
        assertThat(rows.get(1).field("会社")).isEqualTo("合同会社");
        assertThat(rows.get(1).field("氏名")).isNull();
    }

    @Test
    void readsDatesOfThe1904DateSystem() {
        Path f = new TestFiles.RawXlsx().date1904()
            .styles("<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy/m/d\"/></numFmts>"
                + "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs>")
            .sheet("S", """
                <sheetData>
                <row r="1"><c r="A1" t="inlineStr"><is><t>日付</t></is></c><c r="B1" t="inlineStr"><is><t>数</t></is></c></row>
                <row r="2"><c r="A2" s="1"><v>43951</v></c><c r="B2"><v>1.0E-3</v></c></row>
                </sheetData>
                """)
            .write(dir.resolve("mac.xlsx"));
        Row row = all(RowFiles.open(f, null, null, 1)).get(0);
        assertThat(row.field("日付")).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(row.field("数").toString()).isEqualTo("0.001");
    }

    @Test
    void aFileThatIsNotAWorkbookSaysHowToSaveIt() throws IOException {
        Path fake = dir.resolve("fake.xlsx");
        Files.writeString(fake, "id,name\n1,a\n");
        assertThatThrownBy(() -> RowFiles.open(fake, null, null, 1)).hasMessageContaining("fake.xlsx").hasMessageContaining("save it as .xlsx");
        assertThatThrownBy(() -> RowFiles.open(dir.resolve("old.xls"), null, null, 1)).hasMessageContaining("old Excel file (.xls)");
        assertThatThrownBy(() -> RowFiles.open(dir.resolve("list.txt"), null, null, 1)).hasMessageContaining(".csv or .xlsx");
    }

    @Test
    void columnsBeyondTheHeaderAreNotRead() throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        XSSFSheet sheet = book.createSheet();
        sheet.createRow(0).createCell(0).setCellValue("番号");
        XSSFRow r = sheet.createRow(1);
        r.createCell(0).setCellValue(1);
        r.createCell(5).setCellValue("はみ出し");
        CreationHelper unused = book.getCreationHelper();
        assertThat(unused).isNotNull();
        Path f = save(book, "wide.xlsx");
        Row row = all(RowFiles.open(f, null, null, 1)).get(0);
        assertThat(row.asMap()).containsExactly(java.util.Map.entry("番号", 1L));
    }
}
