package org.karakuri.robots.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.karakuri.robots.files.Fixtures.file;
import static org.karakuri.robots.files.Fixtures.names;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/**
 * A folder on a file's way swapped for a link out of the allowed folders while files are moved,
 * copied or written: no file may land outside (issue 14.6). The swap races the engine; the
 * engine opens the target folder once, by its real path, and renames through that handle.
 */
class SymlinkSwapTest {
    private static final int FILES = 200;

    @TempDir
    Path root;

    private Path dir;
    private Path inside;
    private Path outside;
    private Path link;

    @BeforeAll
    static void english() {
        Fixtures.english();
    }

    @BeforeEach
    void folders() throws IOException {
        dir = Files.createDirectories(root.resolve("scenario"));
        inside = Files.createDirectories(dir.resolve("real-out"));
        outside = Files.createDirectories(root.resolve("elsewhere"));
        link = dir.resolve("out");
        Files.createSymbolicLink(link, inside);
        for (int i = 0; i < FILES; i++) {
            file(dir.resolve("inbox/f" + i + ".csv"), "row " + i);
        }
    }

    /** Points {@code out} inside, then outside, then inside…, each swap one atomic rename, until stopped. */
    private Thread swapper(AtomicBoolean stop, CountDownLatch started, AtomicInteger swaps) {
        Thread t = new Thread(() -> {
            Path next = dir.resolve(".out-next");
            boolean out = false;
            started.countDown();
            while (!stop.get()) {
                try {
                    Files.deleteIfExists(next);
                    Files.createSymbolicLink(next, out ? outside : inside);
                    Files.move(next, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    out = !out;
                    swaps.incrementAndGet();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }, "symlink-swapper");
        t.setDaemon(true);
        return t;
    }

    private RunResult race(String action) throws Exception {
        StringBuilder steps = new StringBuilder("scenario: s\nsteps:\n");
        for (int i = 0; i < FILES; i++) {
            steps.append("  - ").append(action.formatted(i).replace("\n", "\n    ")).append("\n    continue-on-error: true\n");
        }
        ScenarioHarness h = new ScenarioHarness(dir).write("s.yaml", steps.toString());
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger swaps = new AtomicInteger();
        Thread swapper = swapper(stop, started, swaps);
        swapper.start();
        started.await();
        try {
            return h.run();
        } finally {
            stop.set(true);
            swapper.join();
            assertThat(swaps.get()).as("the link was swapped while the engine worked").isGreaterThan(100);
        }
    }

    @Test
    void aMoveNeverLandsOutsideWhileTheTargetFolderIsSwapped() throws Exception {
        race("move:\n  from: ./inbox/f%d.csv\n  to: ./out/");
        assertThat(names(outside)).as("files that landed outside the allowed folders").isEmpty();
        assertThat(names(inside).size() + names(dir.resolve("inbox")).size()).as("no file lost").isEqualTo(FILES);
        assertThat(names(inside)).as("most moves went through").isNotEmpty();
    }

    @Test
    void aCopyNeverLandsOutsideWhileTheTargetFolderIsSwapped() throws Exception {
        race("copy:\n  from: ./inbox/f%d.csv\n  to: ./out/");
        assertThat(names(outside)).as("files that landed outside the allowed folders").isEmpty();
        assertThat(names(dir.resolve("inbox"))).hasSize(FILES);
    }

    @Test
    void aWrittenFileNeverLandsOutsideWhileItsFolderIsSwapped() throws Exception {
        race("write-file:\n  path: ./out/w%d.txt\n  text: x");
        assertThat(names(outside)).as("files that landed outside the allowed folders").isEmpty();
    }

    @Test
    void aFolderOpenedBeforeTheSwapKeepsItsWritesInside() throws Exception {
        try (OpenedFolder opened = OpenedFolder.open(Path::of, link)) {
            Path moved = dir.resolve("moved-away");
            Files.move(inside, moved);
            Files.delete(link);
            Files.createSymbolicLink(link, outside);
            opened.write("late.txt", new byte[0], "x".getBytes());
            assertThat(names(outside)).isEmpty();
            assertThat(names(moved)).containsExactly("late.txt");
        }
    }
}
