package org.karakuri.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.karakuri.expr.ExpressionException;

/**
 * A file as expressions see it: {@code ${file}} is where it is — its absolute path, or
 * {@code NAME:/path} on one of the scenario's connections; {@code ${file.name}}
 * ({@code 転入_001.csv}), {@code ${file.base}} ({@code 転入_001}), {@code ${file.ext}}
 * ({@code csv}), {@code ${file.size}} (bytes), {@code ${file.folder}} and {@code ${file.path}}.
 * The file of a {@code for-each-file} item, and the file whose arrival started a run.
 */
public record FileFields(String location, String folder, String name, long size) implements Fields {
    public static final String KNOWN = "name, base, ext, size, folder, path";

    /** A local file (its size read now; -1 when it cannot be read). */
    public static FileFields of(Path path) {
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            size = -1;
        }
        Path p = path.toAbsolutePath().normalize();
        return new FileFields(p.toString(), String.valueOf(p.getParent()), p.getFileName().toString(), size);
    }

    /** A file on the server of the connection {@code connection}: {@code ${file}} reads {@code connection:path}. */
    public static FileFields remote(String connection, String path, long size) {
        int cut = path.lastIndexOf('/');
        String folder = cut < 0 ? "." : cut == 0 ? "/" : path.substring(0, cut);
        return new FileFields(connection + ":" + path, connection + ":" + folder, path.substring(cut + 1), size);
    }

    /** Where the file is, as {@code ${file}} reads (a local path or {@code NAME:/path}). */
    public static FileFields at(String location, long size) {
        int colon = location.indexOf(':');
        if (colon > 1 && location.length() > colon + 1 && location.charAt(colon + 1) == '/'
            && location.substring(0, colon).matches("[A-Za-z][A-Za-z0-9_-]+")) {
            return remote(location.substring(0, colon), location.substring(colon + 1), size);
        }
        Path p = Path.of(location);
        return new FileFields(location, String.valueOf(p.getParent()), String.valueOf(p.getFileName()), size);
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
            case "folder" -> folder;
            case "path" -> location;
            default -> throw new ExpressionException(0, "expr.unknown-field", "file", field, KNOWN);
        };
    }

    @Override
    public String toString() {
        return location;
    }
}
