package org.karakuri.robots.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.karakuri.i18n.KarakuriException;

/**
 * Rows of one sheet of an .xlsx, streamed: the sheet's XML is read with StAX one row at a time,
 * so memory holds one row plus the shared-string table ({@link SharedStrings}), however long the
 * sheet. Cells keep their type: dates (by the cell's number format) as LocalDate, LocalDateTime
 * or LocalTime, numbers as Long or BigDecimal (15 significant digits, as Excel shows them, and no
 * {@code .0}), formulas by their cached value, text without its furigana.
 *
 * <p>Header names: a merged region that covers the header row names every column it spans with
 * its top-left cell's text (numbered from the second column on by {@link Columns}). Excel writes
 * merges at the end of the sheet, so they are found first by a quick scan of the sheet's bytes.
 */
final class XlsxRows implements RowSource {
    private static final MathContext EXCEL_DIGITS = new MathContext(15);
    private static final Pattern MERGE_REF = Pattern.compile("\\bref\\s*=\\s*[\"']([A-Za-z]+\\d+(?::[A-Za-z]+\\d+)?)[\"']");

    private final Path file;
    private final OPCPackage pkg;
    private final InputStream sheetIn;
    private final XMLStreamReader xml;
    private final SharedStrings strings;
    private final XlsxStyles styles;
    private final boolean date1904;
    private final int headerRow;
    private Columns columns;
    private int lastRow;
    private boolean done;

    private XlsxRows(Path file, String sheet, int headerRow) throws IOException, OpenXML4JException, XMLStreamException {
        this.file = file;
        this.headerRow = headerRow;
        this.pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        try {
            XSSFReader reader = new XSSFReader(pkg);
            this.date1904 = date1904(reader);
            this.strings = SharedStrings.read(optional(reader::getSharedStringsData));
            this.styles = XlsxStyles.read(optional(reader::getStylesData));
            PackagePart part = findSheet(reader, sheet);
            List<CellRangeAddress> merges = mergedRegions(part);
            this.sheetIn = part.getInputStream();
            this.xml = Xml.reader(sheetIn);
            this.columns = readHeader(merges);
        } catch (IOException | OpenXML4JException | XMLStreamException | RuntimeException e) {
            pkg.revert();
            throw e;
        }
    }

    static XlsxRows open(Path file, String sheet, int headerRow) {
        if (!Files.isRegularFile(file)) {
            throw new KarakuriException("data.no-file", file.toString());
        }
        try {
            return new XlsxRows(file, sheet, headerRow);
        } catch (KarakuriException e) {
            throw e;
        } catch (org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException e) {
            throw new KarakuriException("data.xlsx.not-xlsx", file.getFileName().toString());
        } catch (IOException | OpenXML4JException | XMLStreamException | RuntimeException e) {
            throw new KarakuriException("data.xlsx.unreadable", file.getFileName().toString(), String.valueOf(e.getMessage()));
        }
    }

    @Override
    public Columns columns() {
        return columns;
    }

    @Override
    public Row next() {
        try {
            while (!done) {
                Object[] values = nextRowValues(columns.size());
                if (values == null) {
                    done = true;
                    return null;
                }
                Row row = new Row(columns, values, lastRow);
                if (!row.isBlank()) {
                    return row;
                }
            }
            return null;
        } catch (XMLStreamException | RuntimeException e) {
            throw new KarakuriException("data.xlsx.broken-row", file.getFileName().toString(), lastRow + 1, String.valueOf(e.getMessage()));
        }
    }

    // ---------------------------------------------------------------- header

    private Columns readHeader(List<CellRangeAddress> merges) throws XMLStreamException {
        Map<Integer, Object[]> above = new HashMap<>();
        Object[] header = null;
        while (header == null) {
            Object[] values = nextRowValues(Integer.MAX_VALUE);
            if (values == null || lastRow > headerRow) {
                throw new KarakuriException(values == null && lastRow < headerRow ? "data.no-header-row" : "data.empty-header-row",
                    file.getFileName().toString(), headerRow, lastRow);
            }
            if (lastRow < headerRow) {
                above.put(lastRow, values);
            } else {
                header = values;
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            names.add(text(header[i]));
        }
        for (CellRangeAddress m : merges) {
            int firstRow = m.getFirstRow() + 1;
            int lastRowOfMerge = m.getLastRow() + 1;
            if (firstRow > headerRow || lastRowOfMerge < headerRow) {
                continue;
            }
            Object[] top = firstRow == headerRow ? header : above.get(firstRow);
            String name = top == null || m.getFirstColumn() >= top.length ? "" : text(top[m.getFirstColumn()]);
            for (int c = m.getFirstColumn(); c <= m.getLastColumn(); c++) {
                while (names.size() <= c) {
                    names.add("");
                }
                if (names.get(c).isBlank()) {
                    names.set(c, name);
                }
            }
        }
        return Columns.of(names);
    }

    private static String text(Object value) {
        return value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    // ---------------------------------------------------------------- rows

    /**
     * The values of the next {@code <row>} (at most {@code width} columns), setting
     * {@link #lastRow}; null at the end of the sheet data.
     */
    private Object[] nextRowValues(int width) throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamReader.START_ELEMENT && xml.getLocalName().equals("row")) {
                String r = xml.getAttributeValue(null, "r");
                lastRow = r == null ? lastRow + 1 : Integer.parseInt(r);
                return readCells(width);
            }
            if (event == XMLStreamReader.END_ELEMENT && xml.getLocalName().equals("sheetData")) {
                return null;
            }
        }
        return null;
    }

    private Object[] readCells(int width) throws XMLStreamException {
        Object[] values = new Object[width == Integer.MAX_VALUE ? 16 : width];
        int max = -1;
        int column = -1;
        while (true) {
            int event = xml.next();
            if (event == XMLStreamReader.END_ELEMENT && xml.getLocalName().equals("row")) {
                break;
            }
            if (event != XMLStreamReader.START_ELEMENT || !xml.getLocalName().equals("c")) {
                continue;
            }
            String ref = xml.getAttributeValue(null, "r");
            column = ref == null ? column + 1 : columnOf(ref);
            String type = xml.getAttributeValue(null, "t");
            String style = xml.getAttributeValue(null, "s");
            Object value = cell(type, style == null ? 0 : Integer.parseInt(style));
            if (value == null) {
                continue;
            }
            if (column >= values.length) {
                if (width != Integer.MAX_VALUE) {
                    continue; // beyond the named columns
                }
                values = Arrays.copyOf(values, Math.max(values.length * 2, column + 1));
            }
            values[column] = value;
            max = Math.max(max, column);
        }
        return width == Integer.MAX_VALUE ? Arrays.copyOf(values, max + 1) : values;
    }

    /** Reads the {@code <c>} the reader stands on, up to its end. */
    private Object cell(String type, int style) throws XMLStreamException {
        String raw = null;
        String inline = null;
        while (true) {
            int event = xml.next();
            if (event == XMLStreamReader.START_ELEMENT) {
                String name = xml.getLocalName();
                if (name.equals("v")) {
                    raw = xml.getElementText();
                } else if (name.equals("is")) {
                    inline = Xml.richText(xml);
                } else {
                    skip(); // <f> formulas (the cached value is in <v>), <extLst>
                }
            } else if (event == XMLStreamReader.END_ELEMENT && xml.getLocalName().equals("c")) {
                break;
            }
        }
        if (type == null || type.equals("n")) {
            return raw == null || raw.isEmpty() ? null : number(raw, style);
        }
        switch (type) {
            case "s" -> {
                String s = raw == null ? null : strings.get(Integer.parseInt(raw.strip()));
                return s == null || s.isEmpty() ? null : s;
            }
            case "inlineStr" -> {
                return inline == null || inline.isEmpty() ? null : inline;
            }
            case "str" -> {
                return raw == null || raw.isEmpty() ? null : raw.indexOf("_x") >= 0 ? Xml.unescape(raw) : raw;
            }
            case "b" -> {
                return raw == null ? null : "1".equals(raw.strip()) || "true".equalsIgnoreCase(raw.strip());
            }
            case "d" -> {
                return raw == null ? null : isoDate(raw.strip());
            }
            default -> {
                return raw == null || raw.isEmpty() ? null : raw; // "e": the error text, #N/A
            }
        }
    }

    private void skip() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamReader.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamReader.END_ELEMENT) {
                depth--;
            }
        }
    }

    private Object number(String raw, int style) {
        if (styles.isDate(style)) {
            double serial = Double.parseDouble(raw);
            if (DateUtil.isValidExcelDate(serial)) {
                LocalDateTime t = DateUtil.getLocalDateTime(serial, date1904, true);
                if (serial < 1 && !date1904) {
                    return t.toLocalTime();
                }
                return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate() : t;
            }
        }
        return plainNumber(raw);
    }

    /** {@code 1234}, {@code 12.5}, {@code 0.3} (for 0.30000000000000004): what Excel shows, never {@code 1234.0}. */
    static Object plainNumber(String raw) {
        int n = raw.length();
        if (n > 0 && n < 18) {
            boolean digits = true;
            for (int i = raw.charAt(0) == '-' ? 1 : 0; i < n && digits; i++) {
                digits = raw.charAt(i) >= '0' && raw.charAt(i) <= '9';
            }
            if (digits && !raw.equals("-")) {
                return Long.parseLong(raw);
            }
        }
        BigDecimal d = new BigDecimal(raw.strip()).round(EXCEL_DIGITS).stripTrailingZeros();
        if (d.scale() <= 0 && d.precision() - d.scale() < 19) {
            return d.longValueExact();
        }
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private static Object isoDate(String text) {
        try {
            return text.length() <= 10 ? LocalDate.parse(text) : LocalDateTime.parse(text.replace("Z", ""));
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    /** 0-based column of a cell reference: {@code B12} → 1. */
    static int columnOf(String ref) {
        int col = 0;
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                col = col * 26 + (c - 'A' + 1);
            } else if (c >= 'a' && c <= 'z') {
                col = col * 26 + (c - 'a' + 1);
            } else {
                break;
            }
        }
        return col - 1;
    }

    // ---------------------------------------------------------------- workbook

    private PackagePart findSheet(XSSFReader reader, String wanted) throws IOException, InvalidFormatException {
        XSSFReader.SheetIterator it = reader.getSheetIterator();
        List<String> names = new ArrayList<>();
        List<PackagePart> parts = new ArrayList<>();
        while (it.hasNext()) {
            it.next().close();
            names.add(it.getSheetName());
            parts.add(it.getSheetPart());
        }
        if (parts.isEmpty()) {
            throw new KarakuriException("data.xlsx.no-sheets", file.getFileName().toString());
        }
        if (wanted == null || wanted.isBlank()) {
            return parts.get(0);
        }
        for (int i = 0; i < names.size(); i++) {
            if (Columns.key(names.get(i)).equals(Columns.key(wanted))) {
                return parts.get(i);
            }
        }
        if (wanted.strip().matches("\\d{1,4}")) {
            int index = Integer.parseInt(wanted.strip());
            if (index >= 1 && index <= parts.size()) {
                return parts.get(index - 1);
            }
        }
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            listed.add((i + 1) + ": " + names.get(i));
        }
        throw new KarakuriException("data.xlsx.no-sheet", file.getFileName().toString(), wanted, String.join(", ", listed));
    }

    private static boolean date1904(XSSFReader reader) throws IOException, InvalidFormatException {
        try (InputStream in = reader.getWorkbookData()) {
            XMLStreamReader r = Xml.reader(in);
            while (r.hasNext()) {
                if (r.next() == XMLStreamReader.START_ELEMENT) {
                    String name = r.getLocalName();
                    if (name.equals("workbookPr")) {
                        String v = r.getAttributeValue(null, "date1904");
                        return "1".equals(v) || "true".equalsIgnoreCase(v);
                    }
                    if (name.equals("sheets")) {
                        return false;
                    }
                }
            }
            return false;
        } catch (XMLStreamException e) {
            throw new IOException("workbook: " + e.getMessage(), e);
        }
    }

    /**
     * The merged regions of a sheet, found by scanning its bytes for {@code <mergeCell ref="A1:C1">}
     * without parsing the XML: every {@code <} in XML starts markup, so element names can be told
     * from text.
     */
    static List<CellRangeAddress> mergedRegions(PackagePart part) throws IOException {
        List<CellRangeAddress> found = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(part.getInputStream(), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            byte[] tag = new byte[512];
            int tagLength = -1; // -1: outside a tag
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (tagLength < 0) {
                        if (b == '<') {
                            tagLength = 0;
                        }
                    } else if (b == '>') {
                        mergeCell(tag, tagLength, found);
                        tagLength = -1;
                    } else if (tagLength < tag.length) {
                        tag[tagLength++] = b;
                    }
                }
            }
        }
        return found;
    }

    private static void mergeCell(byte[] tag, int length, List<CellRangeAddress> found) {
        // local name: after an optional prefix, up to the first space
        int end = 0;
        while (end < length && tag[end] != ' ' && tag[end] != '/' && tag[end] != '\t' && tag[end] != '\n' && tag[end] != '\r') {
            end++;
        }
        int start = end;
        while (start > 0 && tag[start - 1] != ':') {
            start--;
        }
        if (end - start != 9 || !new String(tag, start, 9, java.nio.charset.StandardCharsets.US_ASCII).equals("mergeCell")) {
            return;
        }
        String attributes = new String(tag, end, length - end, java.nio.charset.StandardCharsets.US_ASCII);
        Matcher m = MERGE_REF.matcher(attributes);
        if (m.find()) {
            found.add(CellRangeAddress.valueOf(m.group(1)));
        }
    }

    private interface PartSupplier {
        InputStream get() throws IOException, InvalidFormatException;
    }

    private static InputStream optional(PartSupplier s) throws IOException {
        try {
            return s.get();
        } catch (InvalidFormatException | IllegalArgumentException | NullPointerException missing) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            xml.close();
            sheetIn.close();
        } catch (XMLStreamException | IOException e) {
            // closing a read-only package: nothing to lose
        }
        pkg.revert();
    }
}
