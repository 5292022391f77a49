package org.karakuri.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * The archives {@code mvn package} made in this module's {@code target/}: {@code karakuri-<version>.zip}
 * and {@code .tar.gz}. The tar is read with the system's {@code tar}, as an office would; the zip
 * with Commons Compress, which shows the Unix modes {@code unzip} would apply (the offline test
 * uses {@code unzip} itself).
 */
final class Archive {
    private static final Duration LIMIT = Duration.ofMinutes(2);
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8");

    private Archive() {}

    static String version() {
        return required("karakuri.version");
    }

    /** {@code karakuri-<version>}: the archives' base name and the one folder they unpack into. */
    static String folderName() {
        return "karakuri-" + version();
    }

    static Path zip() {
        return file(".zip");
    }

    static Path tarGz() {
        return file(".tar.gz");
    }

    /** The repository's root folder (LICENSE, README.md, scenarios/, docs/, docker/). */
    static Path root() {
        return Path.of(required("karakuri.root")).toAbsolutePath().normalize();
    }

    private static Path file(String suffix) {
        Path p = Path.of(required("karakuri.archive") + suffix);
        if (!Files.isRegularFile(p)) {
            throw new AssertionError(p + " is missing: mvn -B -DskipTests package makes it");
        }
        return p;
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null) {
            throw new AssertionError("system property " + property + " is not set: run the test through Maven (failsafe)");
        }
        return v;
    }

    /** Every entry's path, folders ending in {@code /}, as {@code tar -t} / {@code zipinfo -1} list them. */
    static List<String> entries(Path archive) {
        if (isZip(archive)) {
            try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
                return Collections.list(zip.getEntries()).stream().map(ZipArchiveEntry::getName).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String out = Proc.ok(archive.getParent(), ENV, LIMIT, "tar", "-tzf", archive.toString());
        return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).map(l -> l.startsWith("./") ? l.substring(2) : l).toList();
    }

    /** The Unix permissions of one entry, as {@code ls -l} shows them: {@code rwxr-xr-x}. */
    static String permissions(Path archive, String entry) {
        if (isZip(archive)) {
            try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
                return PosixFilePermissions.toString(modeBits(zip.getEntry(entry).getUnixMode()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Proc.ok(archive.getParent(), ENV, LIMIT, "tar", "-tzvf", archive.toString(), entry).substring(1, 10);
    }

    /** Unpacks {@code archive} into {@code into}; returns the folder {@code karakuri-<version>/} it made. */
    static Path unpack(Path archive, Path into) {
        if (isZip(archive)) {
            unzip(archive, into);
        } else {
            Proc.ok(into, ENV, LIMIT, "tar", "-xzf", archive.toString());
        }
        Path folder = into.resolve(folderName());
        if (!Files.isDirectory(folder)) {
            throw new AssertionError(archive + " did not unpack into " + folderName() + "/");
        }
        return folder;
    }

    private static boolean isZip(Path archive) {
        return archive.toString().endsWith(".zip");
    }

    private static void unzip(Path archive, Path into) {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new AssertionError(archive + " holds an entry outside its folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, target);
                }
                if (e.getUnixMode() != 0) {
                    Files.setPosixFilePermissions(target, modeBits(e.getUnixMode()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<PosixFilePermission> modeBits(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                out.add(order[i]);
            }
        }
        return out;
    }
}
