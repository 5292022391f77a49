package org.karakuri.robots.data;

import java.nio.file.Path;

/**
 * The rows of a .csv or .xlsx file, read one at a time the way {@code for-each-row} reads them:
 * for other robots, tools and the benchmark.
 *
 * <pre>
 * try (RowFile f = RowFile.open(path, "Windows-31J", null, 1)) {
 *     for (Row r = f.next(); r != null; r = f.next()) { … r.get("氏名") … }
 * }
 * </pre>
 */
public final class RowFile implements AutoCloseable {
    private final RowSource source;

    private RowFile(RowSource source) {
        this.source = source;
    }

    /**
     * Opens a file of rows.
     *
     * @param encoding  for CSV: as {@code encoding:} is written (null for UTF-8)
     * @param sheet     for .xlsx: a sheet name or its position from 1 (null for the first)
     * @param headerRow the row holding the column names, from 1
     * @throws org.karakuri.i18n.KarakuriException naming the file and what to do
     */
    public static RowFile open(Path file, String encoding, String sheet, int headerRow) {
        return new RowFile(RowFiles.open(file, Encodings.of(encoding), sheet, headerRow));
    }

    public Columns columns() {
        return source.columns();
    }

    /** The next row that is not blank, or null at the end. */
    public Row next() {
        return source.next();
    }

    @Override
    public void close() {
        source.close();
    }
}
