package org.karakuri.robots.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No browser outlives its engine. Each local browser gets a folder of its own,
 * {@code KARAKURI_HOME/browsers/<id>} (owner-only, 0700), holding its profile, its downloads and an
 * {@code owner} file naming the engine process and the driver and browser processes it started.
 * A small watchdog process (Linux, macOS) kills the driver and the browser and deletes the folder
 * within about a second of the engine's death, whatever killed it; and every browser start first
 * reaps what a dead engine left behind (Windows, or when the watchdog itself was killed). The
 * profile goes with the folder, so no page a secret was typed into stays on disk.
 */
final class BrowserReaper {
    private static final Logger log = LoggerFactory.getLogger(BrowserReaper.class);
    static final String OWNER = "owner";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final String WATCHDOG = """
        while kill -0 "$WATCHDOG_ENGINE_PID" 2>/dev/null; do sleep 1; done
        for p in $WATCHDOG_BROWSER_PIDS; do pkill -9 -P "$p" 2>/dev/null; done
        kill -9 $WATCHDOG_BROWSER_PIDS 2>/dev/null
        for i in 1 2 3 4 5 6 7 8 9 10; do
          rm -rf -- "$WATCHDOG_BROWSER_DIR" 2>/dev/null
          [ -e "$WATCHDOG_BROWSER_DIR" ] || break
          sleep 0.5  # a helper process of the browser may still be writing its last file
        done
        """;

    private BrowserReaper() {}

    /** The folder of all browsers of {@code home}: {@code home/browsers}, or one in the temp folder without a home. */
    static Path root(Path home) {
        return home != null ? home.resolve("browsers") : Path.of(System.getProperty("java.io.tmpdir"), "karakuri-browsers");
    }

    /** Reaps what dead engines left under {@code root}, then makes a new owner-only folder for one browser. */
    static synchronized Path newFolder(Path root) {
        try {
            ownerOnly(Files.createDirectories(root));
            reapLeftovers(root);
            Path folder = ownerOnly(Files.createDirectory(root.resolve(UUID.randomUUID().toString())));
            Properties owner = new Properties();
            ProcessHandle me = ProcessHandle.current();
            owner.setProperty("engine.pid", String.valueOf(me.pid()));
            owner.setProperty("engine.start", String.valueOf(me.info().startInstant().map(Instant::toEpochMilli).orElse(0L)));
            write(folder, owner);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the browser's folder under " + root, e);
        }
    }

    /** Notes the driver process (and the browser under it) as belonging to {@code folder}'s browser. */
    static void recorded(Path folder, ProcessHandle driver) {
        Properties owner = read(folder);
        List<String> pids = new ArrayList<>();
        owner.setProperty("driver.pid", String.valueOf(driver.pid()));
        owner.setProperty("driver.start", String.valueOf(start(driver)));
        pids.add(String.valueOf(driver.pid()));
        driver.children().filter(p -> commandLine(p).contains(folder.toString())).findFirst().ifPresent(browser -> {
            owner.setProperty("chromium.pid", String.valueOf(browser.pid()));
            owner.setProperty("chromium.start", String.valueOf(start(browser)));
            pids.add(String.valueOf(browser.pid()));
        });
        owner.setProperty("pids", String.join(" ", pids));
        write(folder, owner);
    }

    /**
     * Starts the watchdog of {@code folder}'s browser: once this engine is gone it kills the
     * browser's processes and deletes the folder. Null where there is no POSIX shell (Windows):
     * there the next start reaps.
     */
    static Process watch(Path folder) {
        if (!POSIX || !Files.isExecutable(Path.of("/bin/sh"))) {
            return null;
        }
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", WATCHDOG)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("WATCHDOG_ENGINE_PID", String.valueOf(ProcessHandle.current().pid()));
        pb.environment().put("WATCHDOG_BROWSER_PIDS", read(folder).getProperty("pids", ""));
        pb.environment().put("WATCHDOG_BROWSER_DIR", folder.toString());
        try {
            return pb.start();
        } catch (IOException e) {
            log.warn("no watchdog for the browser (the next start reaps it if the engine dies): {}", e.getMessage());
            return null;
        }
    }

    /** Every browser folder under {@code root} whose engine is gone: its processes killed, the folder deleted. */
    static void reapLeftovers(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root)) {
            for (Path folder : folders) {
                if (Files.isDirectory(folder) && !alive(read(folder), "engine") && !beingMade(folder)) {
                    reap(folder);
                }
            }
        } catch (IOException e) {
            log.warn("cannot look for browsers left behind in {}: {}", root, e.getMessage());
        }
    }

    private static void reap(Path folder) {
        Properties owner = read(folder);
        for (String which : List.of("driver", "chromium")) {
            process(owner, which).ifPresent(p -> kill(p, folder));
        }
        String mark = folder.toString();
        ProcessHandle.allProcesses().filter(p -> commandLine(p).contains(mark)).forEach(p -> kill(p, folder));
        delete(folder);
    }

    private static void kill(ProcessHandle p, Path folder) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        if (p.destroyForcibly()) {
            log.info("stopped browser process {} left behind by an engine that died ({})", p.pid(), folder.getFileName());
        }
    }

    /** Deletes a browser's folder (profile, downloads, owner file). */
    static void delete(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not delete the browser's folder {}: {}", folder, e.getMessage());
        }
    }

    /** A folder another engine is making right now (no owner file yet, a few seconds old). */
    private static boolean beingMade(Path folder) {
        try {
            return !Files.exists(folder.resolve(OWNER))
                && Files.getLastModifiedTime(folder).toInstant().isAfter(Instant.now().minusSeconds(60));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean alive(Properties owner, String which) {
        return process(owner, which).isPresent();
    }

    /** The process {@code which} (engine, driver, chromium) named in the owner file, if it still runs (same start time). */
    private static Optional<ProcessHandle> process(Properties owner, String which) {
        String pid = owner.getProperty(which + ".pid");
        if (pid == null) {
            return Optional.empty();
        }
        long started = Long.parseLong(owner.getProperty(which + ".start", "0"));
        return ProcessHandle.of(Long.parseLong(pid))
            .filter(ProcessHandle::isAlive)
            .filter(p -> started == 0 || start(p) == 0 || start(p) == started);
    }

    private static long start(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    static String commandLine(ProcessHandle p) {
        return p.info().commandLine().orElse("");
    }

    private static Path ownerOnly(Path dir) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }

    private static Properties read(Path folder) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(folder.resolve(OWNER))) {
            p.load(in);
        } catch (IOException missing) {
            // a folder without an owner file: nothing runs for it
        }
        return p;
    }

    private static void write(Path folder, Properties owner) {
        try (OutputStream out = Files.newOutputStream(folder.resolve(OWNER))) {
            owner.store(out, "the engine and browser processes of this folder");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
