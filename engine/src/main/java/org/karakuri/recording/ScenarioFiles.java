package org.karakuri.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.karakuri.i18n.KarakuriException;

/**
 * Writes new scenario files into a folder, all or none: an existing file is never replaced, and
 * a reader never sees half a file (each is written beside its name, then renamed).
 */
public final class ScenarioFiles {
    private ScenarioFiles() {}

    /** Writes {@code texts} (file name → text) into {@code dir}; returns the paths written, in order. */
    public static List<Path> writeAll(Path dir, Map<String, String> texts) {
        Path folder = dir.toString().isEmpty() ? Path.of("") : dir;
        Path real = folder.toAbsolutePath().normalize();
        if (Files.exists(real) && !Files.isDirectory(real)) {
            throw new KarakuriException("import.dir-not-folder", folder);
        }
        List<String> existing = texts.keySet().stream()
            .filter(name -> Files.exists(real.resolve(name), LinkOption.NOFOLLOW_LINKS))
            .map(name -> folder.resolve(name).toString()).toList();
        if (!existing.isEmpty()) {
            throw new KarakuriException("import.exists", String.join(", ", existing));
        }
        try {
            Files.createDirectories(real);
        } catch (IOException e) {
            throw new KarakuriException("import.dir-unwritable", folder, reason(e));
        }
        Map<Path, Path> staged = new LinkedHashMap<>();
        List<Path> written = new ArrayList<>();
        try {
            for (Map.Entry<String, String> t : texts.entrySet()) {
                Path tmp = Files.createTempFile(real, ".import-", ".tmp");
                staged.put(tmp, real.resolve(t.getKey()));
                Files.writeString(tmp, t.getValue(), StandardCharsets.UTF_8);
            }
            for (Map.Entry<Path, Path> s : staged.entrySet()) {
                Files.move(s.getKey(), s.getValue());
                written.add(s.getValue());
            }
        } catch (FileAlreadyExistsException e) {
            undo(staged, written);
            throw new KarakuriException("import.exists", e.getFile());
        } catch (IOException e) {
            undo(staged, written);
            throw new KarakuriException("import.dir-unwritable", folder, reason(e));
        }
        return texts.keySet().stream().map(folder::resolve).toList();
    }

    private static void undo(Map<Path, Path> staged, List<Path> written) {
        for (Path p : staged.keySet()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: a temporary file starting with '.' is all that may stay
            }
        }
        for (Path p : written) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort, as above
            }
        }
    }

    private static String reason(IOException e) {
        String s = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? s : s + ": " + e.getMessage();
    }
}
