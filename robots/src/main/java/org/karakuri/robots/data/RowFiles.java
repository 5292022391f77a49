package org.karakuri.robots.data;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Locale;
import org.karakuri.i18n.KarakuriException;

/** Opens a row file by its extension: {@code .csv} or {@code .xlsx}. */
final class RowFiles {
    private RowFiles() {}

    enum Kind { CSV, XLSX }

    static Kind kind(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Kind.CSV;
        }
        if (name.endsWith(".xlsx") || name.endsWith(".xlsm")) {
            return Kind.XLSX;
        }
        if (name.endsWith(".xls")) {
            throw new KarakuriException("data.xls-not-supported", String.valueOf(file.getFileName()));
        }
        throw new KarakuriException("data.unsupported-file", String.valueOf(file.getFileName()));
    }

    /**
     * The rows of {@code file}.
     *
     * @param charset   for CSV
     * @param sheet     for .xlsx: a sheet name, or its 1-based position; null for the first
     * @param headerRow 1-based row holding the column names
     */
    static RowSource open(Path file, Charset charset, String sheet, int headerRow) {
        return switch (kind(file)) {
            case CSV -> CsvRows.open(file, charset, headerRow);
            case XLSX -> XlsxRows.open(file, sheet, headerRow);
        };
    }
}
