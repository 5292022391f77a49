package org.karakuri.robots.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Files the tests write and read back: CSV in any encoding, raw .xlsx parts, cells of results. */
final class TestFiles {
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private TestFiles() {}

    static Path csv(Path file, Charset charset, boolean bom, String text) {
        try {
            byte[] body = text.getBytes(charset);
            byte[] all = bom ? concat(BOM, body) : body;
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, all);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Every row of a CSV file, all cells as text; fails when a UTF-8 file lacks or has a BOM against {@code bom}. */
    static List<List<String>> csvCells(Path file, Charset charset, boolean bom) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            boolean hasBom = bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
            if (hasBom != bom) {
                throw new AssertionError(file + (bom ? " has no byte order mark" : " has a byte order mark"));
            }
            String text = new String(bytes, bom ? 3 : 0, bytes.length - (bom ? 3 : 0), charset);
            List<List<String>> rows = new ArrayList<>();
            try (CSVParser p = CSVParser.parse(text, CSVFormat.RFC4180)) {
                for (CSVRecord r : p) {
                    rows.add(r.toList());
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cells of the first sheet: String, Double, Boolean, or LocalDateTime for date-formatted numbers; null for none. */
    static List<List<Object>> xlsxCells(Path file) {
        try (InputStream in = Files.newInputStream(file); Workbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheetAt(0);
            List<List<Object>> rows = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                var row = sheet.getRow(r);
                List<Object> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        cells.add(value(row.getCell(c)));
                    }
                }
                rows.add(cells);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object value(Cell cell) {
        if (cell == null || cell.getCellType() == CellType.BLANK) {
            return null;
        }
        return switch (cell.getCellType()) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? (Object) cell.getLocalDateTimeCellValue() : (Object) cell.getNumericCellValue();
            case BOOLEAN -> cell.getBooleanCellValue();
            default -> cell.getStringCellValue();
        };
    }

    static LocalDateTime at(String iso) {
        return LocalDateTime.parse(iso);
    }

    /**
     * An .xlsx written part by part, for what POI's writer does not produce: phonetic runs,
     * inline strings, cells without references, the 1904 date system.
     */
    static final class RawXlsx {
        private final Map<String, String> sheets = new LinkedHashMap<>();
        private String sharedStrings;
        private String styles;
        private boolean date1904;

        RawXlsx sheet(String name, String sheetDataXml) {
            sheets.put(name, sheetDataXml);
            return this;
        }

        RawXlsx sharedStrings(String siXml) {
            sharedStrings = siXml;
            return this;
        }

        /** {@code numFmts} and {@code cellXfs} contents of styles.xml. */
        RawXlsx styles(String stylesXml) {
            styles = stylesXml;
            return this;
        }

        RawXlsx date1904() {
            date1904 = true;
            return this;
        }

        Path write(Path file) {
            String ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
            StringBuilder types = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                """);
            StringBuilder wbRels = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
            StringBuilder wbSheets = new StringBuilder();
            int i = 0;
            for (String name : sheets.keySet()) {
                i++;
                types.append("<Override PartName=\"/xl/worksheets/sheet").append(i)
                    .append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
                wbRels.append("<Relationship Id=\"rId").append(i).append("\" Type=\"").append(rel)
                    .append("/worksheet\" Target=\"worksheets/sheet").append(i).append(".xml\"/>");
                wbSheets.append("<sheet name=\"").append(name).append("\" sheetId=\"").append(i).append("\" r:id=\"rId").append(i).append("\"/>");
            }
            if (sharedStrings != null) {
                types.append("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
                wbRels.append("<Relationship Id=\"rIdS\" Type=\"").append(rel).append("/sharedStrings\" Target=\"sharedStrings.xml\"/>");
            }
            if (styles != null) {
                types.append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
                wbRels.append("<Relationship Id=\"rIdT\" Type=\"").append(rel).append("/styles\" Target=\"styles.xml\"/>");
            }
            types.append("</Types>");
            wbRels.append("</Relationships>");
            try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
                put(zip, "[Content_Types].xml", types.toString());
                put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + rel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
                put(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + ns + "\" xmlns:r=\"" + rel + "\">"
                    + (date1904 ? "<workbookPr date1904=\"1\"/>" : "") + "<sheets>" + wbSheets + "</sheets></workbook>");
                put(zip, "xl/_rels/workbook.xml.rels", wbRels.toString());
                i = 0;
                for (String data : sheets.values()) {
                    i++;
                    put(zip, "xl/worksheets/sheet" + i + ".xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + ns + "\">" + data + "</worksheet>");
                }
                if (sharedStrings != null) {
                    put(zip, "xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + ns + "\">" + sharedStrings + "</sst>");
                }
                if (styles != null) {
                    put(zip, "xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"" + ns + "\">" + styles + "</styleSheet>");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }

        private static void put(ZipOutputStream zip, String name, String text) throws IOException {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
