package org.karakuri.robots.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.karakuri.robots.files.Fixtures.file;
import static org.karakuri.robots.files.Fixtures.names;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/** Every file action stays inside the scenario's folder and KARAKURI_HOME, and checks before it touches anything. */
class PathEscapeTest {
    @TempDir
    Path root;

    private Path dir;
    private Path outside;
    private ScenarioHarness h;

    @BeforeAll
    static void english() {
        Fixtures.english();
    }

    @BeforeEach
    void folders() throws IOException {
        dir = Files.createDirectories(root.resolve("scenario"));
        outside = Files.createDirectories(root.resolve("elsewhere"));
        file(dir.resolve("inbox/a.csv"), "a");
        file(dir.resolve("inbox/b.csv"), "b");
        file(outside.resolve("secret.csv"), "secret");
    }

    private RunResult run(String steps) {
        h = new ScenarioHarness(dir);
        return h.write("s.yaml", "scenario: s\nsteps:\n" + steps.stripIndent()).run();
    }

    private void assertNothingMoved(RunResult r) {
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(names(dir.resolve("inbox"))).contains("a.csv", "b.csv");
        assertThat(names(outside)).containsExactly("secret.csv");
        assertThat(h.events("file-moved")).isEmpty();
        assertThat(h.events("file-copied")).isEmpty();
        assertThat(h.events("file-written")).isEmpty();
    }

    @Test
    void refusesToMoveOutWithDotDot() {
        RunResult r = run("""
              - move:
                  from: ./inbox/*.csv
                  to: ../elsewhere/
            """);
        assertNothingMoved(r);
        assertThat(r.error()).contains("'../elsewhere/' is outside the folders this scenario may touch");
    }

    @Test
    void refusesToCopyInFromAnAbsolutePathElsewhere() {
        RunResult r = run("""
              - copy:
                  from: %s
                  to: ./inbox/
            """.formatted(outside.resolve("secret.csv")));
        assertNothingMoved(r);
        assertThat(r.error()).contains("is outside the folders this scenario may touch");
        assertThat(names(dir.resolve("inbox"))).containsExactly("a.csv", "b.csv");
    }

    @Test
    void refusesAPatternWhenOneMatchIsASymbolicLinkOutAndMovesNoneOfThem() throws IOException {
        Files.createSymbolicLink(dir.resolve("inbox/c.csv"), outside.resolve("secret.csv"));
        RunResult r = run("""
              - move:
                  from: ./inbox/*.csv
                  to: ./done/
            """);
        assertNothingMoved(r);
        assertThat(r.error()).contains("c.csv").contains("is outside the folders this scenario may touch");
        assertThat(dir.resolve("done")).doesNotExist();
    }

    @Test
    void refusesToWriteThroughADanglingLinkPointingOut() throws IOException {
        Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(dir.resolve("out/report.txt"), outside.resolve("not-yet.txt"));
        RunResult r = run("""
              - write-file:
                  path: ./out/report.txt
                  text: x
            """);
        assertNothingMoved(r);
        assertThat(r.error()).contains("'./out/report.txt' is outside the folders this scenario may touch");
        assertThat(outside.resolve("not-yet.txt")).doesNotExist();
    }

    @Test
    void refusesToWriteOutWithDotDot() {
        RunResult r = run("""
              - write-file:
                  path: ../elsewhere/x.txt
                  text: x
            """);
        assertNothingMoved(r);
        assertThat(outside.resolve("x.txt")).doesNotExist();
    }

    @Test
    void refusesALoopWhoseFolderHoldsALinkOutBeforeProcessingAnyFile() throws IOException {
        Files.createSymbolicLink(dir.resolve("inbox/c.csv"), outside.resolve("secret.csv"));
        RunResult r = run("""
              - for-each-file:
                  folder: ./inbox
                  done: ./done/
                  steps:
                    - log: ${file.name}
            """);
        assertNothingMoved(r);
        assertThat(h.events("log")).isEmpty();
        assertThat(names(dir.resolve("done"))).isEmpty();
    }

    @Test
    void refusesALoopMovingDoneFilesOutOfTheRoots() {
        RunResult r = run("""
              - for-each-file:
                  folder: ./inbox
                  done: %s
                  steps:
                    - log: ${file.name}
            """.formatted(outside.resolve("done")));
        assertNothingMoved(r);
        assertThat(outside.resolve("done")).doesNotExist();
        assertThat(h.events("log")).isEmpty();
    }

    @Test
    void refusesToWaitInAFolderOutsideTheRoots() {
        RunResult r = run("""
              - wait-for-file:
                  folder: ../elsewhere
                  pattern: "*.csv"
                  timeout: 1s
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("'../elsewhere' is outside the folders this scenario may touch");
        assertThat(h.events("file-found")).isEmpty();
    }
}
