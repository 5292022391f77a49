package org.karakuri.robots.data;

/** The rows of one file, read one at a time; blank rows are skipped. */
interface RowSource extends AutoCloseable {
    Columns columns();

    /** The next row that is not blank, or null at the end. */
    Row next();

    @Override
    void close();
}
