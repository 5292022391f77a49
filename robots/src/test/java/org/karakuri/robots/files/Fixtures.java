package org.karakuri.robots.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.karakuri.i18n.Messages;
import org.karakuri.spi.Hashes;

/** Small helpers for file tests: files with content, listings, hashes. */
final class Fixtures {
    private Fixtures() {}

    /** Messages in tests are English unless a test asks for Japanese. */
    static void english() {
        Messages.setDefault(Locale.ENGLISH);
    }

    /** Writes {@code text} (UTF-8) to {@code file}, creating folders; its modification time is a minute ago, so it counts as complete. */
    static Path file(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        return Hashes.sha256(file);
    }

    /** Names of everything in {@code folder} (hidden files included), sorted; empty when it does not exist. */
    static List<String> names(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
