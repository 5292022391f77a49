package org.karakuri.robots.files;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writing so that nobody ever sees half a file: bytes go to a temporary file in the target's
 * own folder, are forced to disk, and the temporary file is renamed over the target in one
 * atomic step. A temporary file is hidden ({@code .karakuri-<host>-<pid>-<random>.tmp}), so no
 * pattern and no Camel consumer picks it up; one left by a killed process of this machine is
 * removed the next time Karakuri writes into that folder.
 */
final class AtomicFiles {
    private static final Logger log = LoggerFactory.getLogger(AtomicFiles.class);
    private static final String HOST = host();
    private static final long PID = ProcessHandle.current().pid();
    private static final Pattern TEMP = Pattern.compile("\\.karakuri-(.+)-(\\d+)-[0-9a-f]+\\.tmp");

    private AtomicFiles() {}

    /** A new temporary file name in {@code folder}, after removing those of dead processes there. */
    static Path temp(Path folder) {
        sweep(folder);
        String random = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        return folder.resolve(".karakuri-" + HOST + "-" + PID + "-" + random + ".tmp");
    }

    /**
     * Renames {@code from} to {@code to} in one step (replacing {@code to} if it is there: callers
     * decide about conflicts before), then forces the folder entry to disk.
     *
     * @throws AtomicMoveNotSupportedException when the two are on different file systems
     */
    static void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        forceFolder(to.getParent());
    }

    /** {@code name}, or {@code name (1).ext}, {@code name (2).ext}… the first that is free in {@code folder}. */
    static Path freeName(Path folder, String name) {
        Path candidate = folder.resolve(name);
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; Places.exists(candidate); n++) {
            candidate = folder.resolve(base + " (" + n + ")" + ext);
        }
        return candidate;
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("could not remove the temporary file {}: {}", p, e.getMessage());
        }
    }

    /** Best effort: makes a rename in {@code folder} survive a power cut (a no-op where folders cannot be opened). */
    static void forceFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException notOnThisPlatform) {
            // Windows cannot open a folder as a channel; NTFS journals the rename itself
        }
    }

    /** Removes temporary files that this machine's processes left when they were killed. */
    private static void sweep(Path folder) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, ".karakuri-*.tmp")) {
            for (Path p : entries) {
                Matcher m = TEMP.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).equals(HOST) && !alive(Long.parseLong(m.group(2)))) {
                    log.info("removing {}, left by process {} that ended while writing it", p, m.group(2));
                    deleteQuietly(p);
                }
            }
        } catch (IOException | NumberFormatException e) {
            log.debug("could not look for stale temporary files in {}: {}", folder, e.getMessage());
        }
    }

    private static boolean alive(long pid) {
        return pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String host() {
        String h;
        try {
            h = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            h = "localhost";
        }
        h = h.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "");
        return h.isEmpty() ? "localhost" : h.length() > 40 ? h.substring(0, 40) : h;
    }
}
