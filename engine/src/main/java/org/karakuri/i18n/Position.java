package org.karakuri.i18n;

import java.util.Objects;

/**
 * Where something stands in a scenario file: file name, 1-based line and column.
 * Printed as {@code file:line:col}, the form editors and terminals turn into links.
 */
public record Position(String file, int line, int column) {
    public static final Position UNKNOWN = new Position("?", 0, 0);

    public Position {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
