package org.karakuri.robots.files;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;
import org.karakuri.spi.StepContext;

/**
 * Every path a file action touches goes through here: {@link StepContext#path} (the roots
 * check), plus a check of a symbolic link's own target, so that a link pointing out of the
 * roots is refused even when it is dangling, before anything is read, moved or written.
 */
final class Places {
    private Places() {}

    /** {@code written} resolved against the scenario folder and checked. */
    static Path checked(StepContext ctx, String written) {
        Path p = ctx.path(written);
        if (Files.isSymbolicLink(p)) {
            Path target;
            try {
                target = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
            } catch (IOException e) {
                throw new KarakuriException((Position) null, e, "files.cannot-read", p.toString(), reason(e));
            }
            try {
                ctx.path(target.toString());
            } catch (KarakuriException outside) {
                Object[] args = outside.args();
                throw new KarakuriException("files.link-outside", p.toString(), target.toString(), args.length > 1 ? args[1] : "");
            }
        }
        return p;
    }

    static Path checked(StepContext ctx, Path p) {
        return checked(ctx, p.toAbsolutePath().toString());
    }

    /** An existing folder named under {@code key}. */
    static Path folder(StepContext ctx, String written, String key) {
        Path p = checked(ctx, written);
        if (!Files.isDirectory(p)) {
            throw new KarakuriException("files.not-a-folder", p.toString(), key);
        }
        return p;
    }

    /** The author marked the path as a folder: it ends with a separator. */
    static boolean namesFolder(String written) {
        return written.endsWith("/") || written.endsWith(File.separator);
    }

    static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    /** The reason of an I/O failure, short, for a message that already names the file. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
