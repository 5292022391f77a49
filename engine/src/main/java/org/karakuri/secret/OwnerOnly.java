package org.karakuri.secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files and folders only the engine's user may read: 0600 and 0700 where the file system has POSIX permissions. */
public final class OwnerOnly {
    private OwnerOnly() {}

    /** Creates {@code dir} and its missing parents; the ones created here are 0700. */
    public static Path createDirectories(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            return abs;
        }
        if (abs.getParent() != null) {
            createDirectories(abs.getParent());
        }
        try {
            Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException windows) {
            Files.createDirectory(abs);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // another process made it meanwhile
        }
        return abs;
    }

    /** Makes {@code path} readable and writable by its owner only (0600; 0700 for a folder). */
    public static void restrict(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
        } catch (UnsupportedOperationException windows) {
            // no POSIX permissions: the folder's ACL decides
        }
    }
}
