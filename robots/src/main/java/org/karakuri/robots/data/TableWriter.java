package org.karakuri.robots.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.karakuri.i18n.KarakuriException;

/**
 * Writes a table (a header row, then rows) to .csv or .xlsx, atomically: everything goes to a
 * {@code .part} file beside the target, which {@link #commit()} renames over the target in one
 * step, so a reader never sees half a file and a killed run leaves the previous file intact.
 * An .xlsx is streamed (SXSSF, 100 rows in memory); dates become date cells, numbers numbers.
 * A CSV value the encoding cannot hold is an {@link Unmappable} naming the column and the
 * character, never a silent {@code ?}.
 */
abstract class TableWriter implements AutoCloseable {
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    final Path target;
    final Path part;
    private int rows;
    private boolean committed;

    /** A character the CSV encoding cannot write. */
    static final class Unmappable extends RuntimeException {
        final int column;
        final int codePoint;

        Unmappable(int column, int codePoint) {
            super(null, null, false, false);
            this.column = column;
            this.codePoint = codePoint;
        }
    }

    TableWriter(Path target) {
        this.target = target;
        this.part = target.resolveSibling(target.getFileName() + ".part");
    }

    /**
     * Starts a table at {@code target} (.csv or .xlsx).
     *
     * @param charset for CSV; a UTF-8 file gets a byte order mark when {@code bom} (Excel needs it)
     * @param sheet   the sheet name of an .xlsx
     */
    static TableWriter open(Path target, List<String> header, Charset charset, boolean bom, String sheet) {
        RowFiles.Kind kind = RowFiles.kind(target);
        try {
            Path dir = target.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            TableWriter w = kind == RowFiles.Kind.CSV ? new Csv(target, charset, bom) : new Xlsx(target, sheet);
            w.write(header);
            return w;
        } catch (IOException e) {
            throw new KarakuriException("data.write.failed", target.toString(), String.valueOf(e.getMessage()));
        }
    }

    /** Writes one row; values are text, numbers, dates or null. */
    void row(List<?> values) {
        try {
            write(values);
            rows++;
        } catch (IOException e) {
            throw new KarakuriException("data.write.failed", target.toString(), String.valueOf(e.getMessage()));
        }
    }

    /** Rows written so far, the header not counted. */
    int rows() {
        return rows;
    }

    abstract void write(List<?> values) throws IOException;

    abstract void finish() throws IOException;

    abstract void discard();

    /** Completes the file and puts it in place of the target in one step. */
    void commit() {
        try {
            finish();
            try {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            throw new KarakuriException("data.write.failed", target.toString(), String.valueOf(e.getMessage()));
        }
    }

    /** Without {@link #commit()}: removes the part file and leaves the target as it was. */
    @Override
    public void close() {
        if (!committed) {
            discard();
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                // a stray .part file is harmless
            }
        }
    }

    /** The text of a value in a CSV cell. */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof LocalDateTime t) {
            return DATE_TIME.format(t);
        }
        return v.toString();
    }

    static final class Csv extends TableWriter {
        private final Writer out;
        private final CSVPrinter printer;
        private final CharsetEncoder check;

        Csv(Path target, Charset charset, boolean bom) throws IOException {
            super(target);
            OutputStream stream = Files.newOutputStream(part);
            if (bom && charset.equals(StandardCharsets.UTF_8)) {
                stream.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
            this.out = new BufferedWriter(new OutputStreamWriter(stream, encoder), 1 << 16);
            this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
            this.check = charset.equals(StandardCharsets.UTF_8) ? null : charset.newEncoder();
        }

        @Override
        void write(List<?> values) throws IOException {
            String[] cells = new String[values.size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = text(values.get(i));
                if (check != null && !check.canEncode(cells[i])) {
                    throw new Unmappable(i, firstUnmappable(cells[i]));
                }
            }
            printer.printRecord((Object[]) cells);
        }

        private int firstUnmappable(String s) {
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                if (!check.canEncode(new String(Character.toChars(cp)))) {
                    return cp;
                }
                i += Character.charCount(cp);
            }
            return s.isEmpty() ? 0 : s.codePointAt(0);
        }

        @Override
        void finish() throws IOException {
            printer.close(true);
        }

        @Override
        void discard() {
            try {
                printer.close();
            } catch (IOException e) {
                // being thrown away
            }
        }
    }

    static final class Xlsx extends TableWriter {
        private static final int MAX_CELL = 32_767;
        private final SXSSFWorkbook book = new SXSSFWorkbook(100);
        private final SXSSFSheet sheet;
        private final CellStyle date;
        private final CellStyle dateTime;
        private final CellStyle time;
        private final CellStyle bold;
        private int next;

        Xlsx(Path target, String sheetName) {
            super(target);
            this.sheet = book.createSheet(sheetName);
            var formats = book.createDataFormat();
            this.date = book.createCellStyle();
            date.setDataFormat(formats.getFormat("yyyy/mm/dd"));
            this.dateTime = book.createCellStyle();
            dateTime.setDataFormat(formats.getFormat("yyyy/mm/dd hh:mm:ss"));
            this.time = book.createCellStyle();
            time.setDataFormat(formats.getFormat("h:mm:ss"));
            this.bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            sheet.createFreezePane(0, 1);
        }

        @Override
        void write(List<?> values) {
            var row = sheet.createRow(next);
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                if (v == null) {
                    continue;
                }
                Cell cell = row.createCell(i);
                if (v instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else if (v instanceof LocalDate d) {
                    cell.setCellValue(d);
                    cell.setCellStyle(date);
                } else if (v instanceof LocalDateTime t) {
                    cell.setCellValue(t);
                    cell.setCellStyle(dateTime);
                } else if (v instanceof LocalTime t) {
                    cell.setCellValue(t.toSecondOfDay() / 86_400.0);
                    cell.setCellStyle(time);
                } else if (v instanceof Boolean b) {
                    cell.setCellValue(b);
                } else {
                    String s = v.toString();
                    cell.setCellValue(s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s);
                }
                if (next == 0) {
                    cell.setCellStyle(bold);
                }
            }
            next++;
        }

        @Override
        void finish() throws IOException {
            try (OutputStream out = Files.newOutputStream(part)) {
                book.write(out);
            } finally {
                book.close();
            }
        }

        @Override
        void discard() {
            try {
                book.close();
            } catch (IOException e) {
                // being thrown away
            }
        }
    }
}
