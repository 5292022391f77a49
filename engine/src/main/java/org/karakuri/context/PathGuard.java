package org.karakuri.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.karakuri.i18n.KarakuriException;

/**
 * Keeps file actions inside the folders they may touch: the scenario's folder and
 * {@code KARAKURI_HOME}, plus {@code capabilities.roots} of the engine configuration. A path that
 * leaves them ({@code ../}, an absolute path elsewhere, a symbolic link pointing out) is
 * refused before anything is read, moved or written.
 */
public final class PathGuard {
    private final Path base;
    private final List<Path> roots;

    public PathGuard(Path base, List<Path> roots) {
        this.base = base.toAbsolutePath().normalize();
        this.roots = roots.stream().map(PathGuard::real).distinct().toList();
    }

    public List<Path> roots() {
        return roots;
    }

    /** {@code written} resolved against the scenario folder; refused when outside every root. */
    public Path resolve(String written) {
        if (written == null || written.isBlank()) {
            throw new KarakuriException("path.empty");
        }
        if (written.indexOf('\0') >= 0) {
            throw new KarakuriException("path.invalid", written.replace('\0', '?'));
        }
        Path p;
        try {
            p = base.resolve(written).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new KarakuriException("path.invalid", written);
        }
        Path real = real(p);
        for (Path root : roots) {
            if (real.startsWith(root)) {
                return p;
            }
        }
        throw new KarakuriException("path.outside-roots", written,
            roots.stream().map(Path::toString).collect(Collectors.joining(", ")));
    }

    /**
     * The real path of {@code p}: symbolic links resolved for the part of it that exists,
     * including a link whose target does not exist (yet).
     */
    static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(abs) && !Files.exists(abs); hops++) {
            try {
                abs = abs.getParent().resolve(Files.readSymbolicLink(abs)).toAbsolutePath().normalize();
            } catch (IOException e) {
                return abs;
            }
        }
        Path existing = abs;
        while (existing != null && !Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            Path realExisting = existing.toRealPath();
            return realExisting.resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }
}
