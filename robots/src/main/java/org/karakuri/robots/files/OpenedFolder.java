package org.karakuri.robots.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Function;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;
import org.karakuri.spi.StepContext;

/**
 * A folder opened once, after its real path was checked against the allowed folders, and then
 * used only through that open handle: files are created, read, renamed and removed relative to
 * it ({@link SecureDirectoryStream}: {@code openat}, {@code renameat}, {@code unlinkat} on
 * Linux), never by a path checked earlier. The folder is opened by walking its real path from
 * the file system's root without following any symbolic link, so a folder swapped for a link
 * after the check is refused instead of followed. Where the platform has no secure directory
 * streams (Windows), paths are used, checked again right before each rename.
 */
final class OpenedFolder implements Closeable {
    private static final Set<StandardOpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    private static final Set<StandardOpenOption> READ = Set.of(StandardOpenOption.READ);

    private final Path path;
    private final SecureDirectoryStream<Path> dir;
    private final Function<String, Path> guard;

    private OpenedFolder(Path path, SecureDirectoryStream<Path> dir, Function<String, Path> guard) {
        this.path = path;
        this.dir = dir;
        this.guard = guard;
    }

    /** Opens {@code folder} (which must exist) after checking its real path against the run's allowed folders. */
    static OpenedFolder open(StepContext ctx, Path folder) {
        return open(ctx::path, folder);
    }

    /** @param guard refuses a path outside the allowed folders ({@link StepContext#path}) */
    static OpenedFolder open(Function<String, Path> guard, Path folder) {
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            throw new KarakuriException((Position) null, e, "files.cannot-read", folder.toString(), Places.reason(e));
        }
        guard.apply(real.toString());
        SecureDirectoryStream<Path> opened;
        try {
            opened = walk(real);
        } catch (FileSystemException e) {
            // a part of the path became a link (or went away) after the check
            throw new KarakuriException((Position) null, e, "files.folder-changed", folder.toString(), Places.reason(e));
        } catch (IOException e) {
            throw new KarakuriException((Position) null, e, "files.cannot-read", folder.toString(), Places.reason(e));
        }
        return new OpenedFolder(real, opened, guard);
    }

    /** {@code real} opened from the root down, one part at a time, refusing links; null where there are no secure streams. */
    private static SecureDirectoryStream<Path> walk(Path real) throws IOException {
        Path root = real.getRoot();
        DirectoryStream<Path> top = Files.newDirectoryStream(root);
        if (!(top instanceof SecureDirectoryStream<Path> at)) {
            top.close();
            return null;
        }
        for (Path part : root.relativize(real)) {
            if (part.toString().isEmpty()) {
                continue;
            }
            SecureDirectoryStream<Path> next;
            try {
                next = at.newDirectoryStream(part, LinkOption.NOFOLLOW_LINKS);
            } finally {
                at.close();
            }
            at = next;
        }
        return at;
    }

    /** The folder's real path (for messages and events). */
    Path path() {
        return path;
    }

    Path resolve(String name) {
        return path.resolve(name);
    }

    boolean exists(String name) {
        if (dir == null) {
            return Places.exists(path.resolve(name));
        }
        try {
            dir.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** {@code name}, or {@code name (1).ext}, {@code name (2).ext}… the first that is free here. */
    String freeName(String name) {
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String candidate = name;
        for (int n = 1; exists(candidate); n++) {
            candidate = base + " (" + n + ")" + ext;
        }
        return candidate;
    }

    /** A new temporary file name here (after sweeping those of dead processes). */
    String tempName() {
        return AtomicFiles.temp(path).getFileName().toString();
    }

    /** Writes {@code head} then {@code body} to the new file {@code name}, forced to disk; the SHA-256 of the content. */
    String write(String name, byte[] head, byte[] body) throws IOException {
        MessageDigest sha = AtomicFiles.sha256();
        try (SeekableByteChannel ch = create(name); OutputStream out = new DigestOutputStream(Channels.newOutputStream(ch), sha)) {
            out.write(head);
            out.write(body);
            out.flush();
            force(ch);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Copies {@code name} to the new file {@code temp} in {@code into}, forced, keeping its modification time; the SHA-256. */
    String copy(String name, OpenedFolder into, String temp) throws IOException {
        MessageDigest sha = AtomicFiles.sha256();
        try (SeekableByteChannel src = read(name); InputStream in = Channels.newInputStream(src);
             SeekableByteChannel ch = into.create(temp); OutputStream out = new DigestOutputStream(Channels.newOutputStream(ch), sha)) {
            in.transferTo(out);
            out.flush();
            force(ch);
        }
        into.setModified(temp, modified(name));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Writes {@code in} to the new file {@code temp} here, forced to disk; the SHA-256 of the content. */
    String receive(String temp, InputStream in) throws IOException {
        MessageDigest sha = AtomicFiles.sha256();
        try (SeekableByteChannel ch = create(temp); OutputStream out = new DigestOutputStream(Channels.newOutputStream(ch), sha)) {
            in.transferTo(out);
            out.flush();
            force(ch);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** {@code name} opened for reading through this folder without following a link. */
    InputStream open(String name) throws IOException {
        return Channels.newInputStream(read(name));
    }

    /** The content of {@code name}, read through this folder without following a link. */
    byte[] readAll(String name) throws IOException {
        try (SeekableByteChannel src = read(name); InputStream in = Channels.newInputStream(src)) {
            return in.readAllBytes();
        }
    }

    /** The SHA-256 of {@code name}, read through this folder without following a link. */
    String sha256(String name) throws IOException {
        MessageDigest sha = AtomicFiles.sha256();
        try (SeekableByteChannel src = read(name); InputStream in = Channels.newInputStream(src);
             OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Renames {@code name} here to {@code target} in {@code into}, in one step, replacing a file
     * there.
     *
     * @throws java.nio.file.AtomicMoveNotSupportedException when the two folders are on different file systems
     */
    void rename(String name, OpenedFolder into, String target) throws IOException {
        if (dir == null || into.dir == null) {
            // no secure streams: check both folders again right before the rename
            guard.apply(path.toRealPath().toString());
            guard.apply(into.path.toRealPath().toString());
            AtomicFiles.rename(path.resolve(name), into.path.resolve(target));
            return;
        }
        dir.move(Path.of(name), into.dir, Path.of(target));
        AtomicFiles.forceFolder(into.path);
    }

    void delete(String name) throws IOException {
        if (dir == null) {
            Files.delete(path.resolve(name));
        } else {
            dir.deleteFile(Path.of(name));
        }
    }

    void deleteQuietly(String name) {
        try {
            if (exists(name)) {
                delete(name);
            }
        } catch (IOException e) {
            AtomicFiles.deleteQuietly(path.resolve(name));
        }
    }

    private SeekableByteChannel create(String name) throws IOException {
        if (dir == null) {
            return FileChannel.open(path.resolve(name), CREATE);
        }
        return dir.newByteChannel(Path.of(name), withNoFollow(CREATE));
    }

    private SeekableByteChannel read(String name) throws IOException {
        if (dir == null) {
            return Files.newByteChannel(path.resolve(name), withNoFollow(READ));
        }
        return dir.newByteChannel(Path.of(name), withNoFollow(READ));
    }

    private FileTime modified(String name) throws IOException {
        if (dir == null) {
            return Files.getLastModifiedTime(path.resolve(name), LinkOption.NOFOLLOW_LINKS);
        }
        BasicFileAttributes a = dir.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
        return a.lastModifiedTime();
    }

    /**
     * Sets the time of {@code name}, a temporary file only this process knows: by its path first
     * (to the nanosecond; a swapped folder has no file of that name, so nothing else is touched),
     * else through the handle (to the microsecond).
     */
    private void setModified(String name, FileTime time) throws IOException {
        try {
            Files.getFileAttributeView(path.resolve(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(time, null, null);
        } catch (NoSuchFileException swapped) {
            if (dir == null) {
                throw swapped;
            }
            dir.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(time, null, null);
        }
    }

    private static java.util.Set<java.nio.file.OpenOption> withNoFollow(Set<StandardOpenOption> options) {
        java.util.Set<java.nio.file.OpenOption> all = new java.util.HashSet<>(options);
        all.add(LinkOption.NOFOLLOW_LINKS);
        return all;
    }

    private static void force(SeekableByteChannel ch) throws IOException {
        if (ch instanceof FileChannel f) {
            f.force(true);
        }
    }

    @Override
    public void close() {
        if (dir != null) {
            try {
                dir.close();
            } catch (IOException ignored) {
                // a read-only handle: nothing is lost
            }
        }
    }
}
