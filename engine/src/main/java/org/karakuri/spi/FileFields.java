package org.karakuri.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.karakuri.expr.ExpressionException;

/**
 * A file as expressions see it: {@code ${file}} is its absolute path; {@code ${file.name}}
 * ({@code 転入_001.csv}), {@code ${file.base}} ({@code 転入_001}), {@code ${file.ext}}
 * ({@code csv}), {@code ${file.size}} (bytes), {@code ${file.folder}} and {@code ${file.path}}.
 * The file of a {@code for-each-file} item, and the file whose arrival started a run.
 */
public record FileFields(Path path, long size) implements Fields {
    public static final String KNOWN = "name, base, ext, size, folder, path";

    public static FileFields of(Path path) {
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            size = -1;
        }
        return new FileFields(path.toAbsolutePath().normalize(), size);
    }

    public String name() {
        return path.getFileName().toString();
    }

    @Override
    public Object field(String field) {
        String name = name();
        int dot = name.lastIndexOf('.');
        return switch (field) {
            case "name" -> name;
            case "base" -> dot > 0 ? name.substring(0, dot) : name;
            case "ext" -> dot > 0 ? name.substring(dot + 1) : "";
            case "size" -> size;
            case "folder" -> String.valueOf(path.getParent());
            case "path" -> path.toString();
            default -> throw new ExpressionException(0, "expr.unknown-field", "file", field, KNOWN);
        };
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
