package org.karakuri.robots.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.component.file.FileComponent;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;

/**
 * File name patterns as authors write them ({@code *.csv}, {@code 住民票_202?-*.csv}): the
 * platform's glob syntax, applied to the file name only. One rule for every file action: a
 * pattern never matches hidden files (a name starting with '.'), so neither Karakuri's
 * temporary files nor Camel's {@code .camelLock} markers are ever picked up, and never a folder.
 */
final class Glob {
    /** The order files are handled in, by every file action: by name. */
    static final Comparator<String> ORDER = Comparator.naturalOrder();

    private final String pattern;
    private final PathMatcher matcher;

    private Glob(String pattern, PathMatcher matcher) {
        this.pattern = pattern;
        this.matcher = matcher;
    }

    /** A file name pattern; {@code key} names the YAML key in errors. */
    static Glob of(String pattern, String key) {
        if (pattern == null || pattern.isBlank()) {
            throw new KarakuriException("files.pattern-empty", key);
        }
        if (pattern.indexOf('/') >= 0 || pattern.indexOf('\\') >= 0) {
            throw new KarakuriException("files.pattern-has-folder", pattern, key);
        }
        try {
            return new Glob(pattern, FileSystems.getDefault().getPathMatcher("glob:" + pattern));
        } catch (IllegalArgumentException e) {
            throw new KarakuriException("files.pattern-invalid", pattern, key);
        }
    }

    static boolean isPattern(String text) {
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }

    String pattern() {
        return pattern;
    }

    /** True for a file name this pattern picks up. */
    boolean matches(String name) {
        return !name.startsWith(".") && !name.endsWith(FileComponent.DEFAULT_LOCK_FILE_POSTFIX)
            && matcher.matches(Path.of(name));
    }

    /** The regular files of {@code folder} the pattern matches, in {@link #ORDER}. */
    List<Path> list(Path folder) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                if (matches(p.getFileName().toString()) && (Files.isRegularFile(p) || Files.isSymbolicLink(p) && !Files.isDirectory(p))) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            throw new KarakuriException((Position) null, e, "files.cannot-list", folder.toString(), Places.reason(e));
        }
        found.sort(Comparator.comparing(p -> p.getFileName().toString(), ORDER));
        return found;
    }
}
