package org.karakuri.robots.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.karakuri.robots.files.Fixtures.file;
import static org.karakuri.robots.files.Fixtures.names;
import static org.karakuri.robots.files.Fixtures.read;
import static org.karakuri.robots.files.Fixtures.sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

class MoveFileTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void english() {
        Fixtures.english();
    }

    private RunResult run(String steps) {
        return harness().write("s.yaml", "scenario: s\nvars:\n  inbox: ./inbox\nsteps:\n" + steps.stripIndent()).run();
    }

    private ScenarioHarness h;

    private ScenarioHarness harness() {
        if (h == null) {
            h = new ScenarioHarness(dir);
        }
        return h;
    }

    @Test
    void movesAFileIntoAFolderAndRecordsItsHash() {
        String sha = sha256(file(dir.resolve("inbox/tennyu.csv"), "受付番号\nR-0001\n"));
        RunResult r = run("""
              - move:
                  from: ${inbox}/tennyu.csv
                  to: ./done/
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(names(dir.resolve("inbox"))).isEmpty();
        assertThat(read(dir.resolve("done/tennyu.csv"))).isEqualTo("受付番号\nR-0001\n");
        assertThat(h.events("file-moved")).singleElement().satisfies(e -> {
            assertThat(e.get("from")).isEqualTo(dir.resolve("inbox/tennyu.csv").toString());
            assertThat(e.get("to")).isEqualTo(dir.resolve("done/tennyu.csv").toString());
            assertThat(e.get("sha256")).isEqualTo(sha);
        });
    }

    @Test
    void movesEveryFileAPatternMatchesAndNothingElse() {
        file(dir.resolve("inbox/b.csv"), "b");
        file(dir.resolve("inbox/a.csv"), "a");
        file(dir.resolve("inbox/memo.txt"), "memo");
        file(dir.resolve("inbox/.hidden.csv"), "hidden");
        RunResult r = run("""
              - move:
                  from: ${inbox}/*.csv
                  to: ./done/
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(names(dir.resolve("done"))).containsExactly("a.csv", "b.csv");
        assertThat(names(dir.resolve("inbox"))).containsExactly(".hidden.csv", "memo.txt");
        assertThat(h.events("file-moved")).extracting(e -> e.get("to"))
            .containsExactly(dir.resolve("done/a.csv").toString(), dir.resolve("done/b.csv").toString());
    }

    @Test
    void refusesToOverwriteByDefaultNamingTheFileAndMovesNothing() {
        file(dir.resolve("inbox/a.csv"), "new a");
        file(dir.resolve("inbox/b.csv"), "new b");
        file(dir.resolve("done/b.csv"), "old b");
        RunResult r = run("""
              - move:
                  from: ${inbox}/*.csv
                  to: ./done/
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains(dir.resolve("done/b.csv") + " is already there, so nothing was moved")
            .contains("on-conflict: rename").contains("on-conflict: replace");
        assertThat(names(dir.resolve("inbox"))).containsExactly("a.csv", "b.csv");
        assertThat(read(dir.resolve("done/b.csv"))).isEqualTo("old b");
        assertThat(h.events("file-moved")).isEmpty();
    }

    @Test
    void keepsBothWithNumberedNamesWhenAskedToRename() {
        file(dir.resolve("inbox/a.csv"), "third");
        file(dir.resolve("done/a.csv"), "first");
        file(dir.resolve("done/a (1).csv"), "second");
        RunResult r = run("""
              - move:
                  from: ${inbox}/a.csv
                  to: ./done/
                  on-conflict: rename
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(names(dir.resolve("done"))).containsExactly("a (1).csv", "a (2).csv", "a.csv");
        assertThat(read(dir.resolve("done/a (2).csv"))).isEqualTo("third");
        assertThat(read(dir.resolve("done/a.csv"))).isEqualTo("first");
    }

    @Test
    void replacesTheFileThereWhenAskedTo() {
        file(dir.resolve("inbox/a.csv"), "new");
        file(dir.resolve("done/a.csv"), "old");
        RunResult r = run("""
              - move:
                  from: ${inbox}/a.csv
                  to: ./done/a.csv
                  on-conflict: replace
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(read(dir.resolve("done/a.csv"))).isEqualTo("new");
        assertThat(names(dir.resolve("inbox"))).isEmpty();
    }

    @Test
    void movesToAFileNameCreatingItsFolders() {
        file(dir.resolve("inbox/a.csv"), "a");
        RunResult r = run("""
              - move:
                  from: ${inbox}/a.csv
                  to: ./archive/2024/転入_0501.csv
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(read(dir.resolve("archive/2024/転入_0501.csv"))).isEqualTo("a");
    }

    @Test
    void aPatternMatchingNothingIsAnErrorNamingTheFolderAndThePattern() {
        file(dir.resolve("inbox/a.txt"), "a");
        RunResult r = run("""
              - move:
                  from: ${inbox}/*.csv
                  to: ./done/
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("s.yaml:5:5").contains("no file in " + dir.resolve("inbox") + " matches '*.csv'")
            .contains("if-none: ok");
    }

    @Test
    void aPatternMatchingNothingIsFineWithIfNoneOk() {
        Path inbox = dir.resolve("inbox");
        file(inbox.resolve("a.txt"), "a");
        RunResult r = run("""
              - move:
                  from: ${inbox}/*.csv
                  to: ./done/
                  if-none: ok
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(h.events("file-moved")).isEmpty();
    }

    @Test
    void aMissingFileIsAnErrorNamingIt() {
        RunResult r = run("""
              - move:
                  from: ${inbox}/nothing.csv
                  to: ./done/
            """);
        assertThat(r.error()).contains(dir.resolve("inbox/nothing.csv") + " does not exist");
    }

    @Test
    void refusesSeveralFilesIntoOneFileName() {
        file(dir.resolve("inbox/a.csv"), "a");
        file(dir.resolve("inbox/b.csv"), "b");
        RunResult r = run("""
              - move:
                  from: ${inbox}/*.csv
                  to: ./done/all.csv
            """);
        assertThat(r.error()).contains("2 files match '").contains("end 'to' with /");
        assertThat(names(dir.resolve("inbox"))).containsExactly("a.csv", "b.csv");
    }

    @Test
    void refusesAPatternInTheFolderPart() {
        RunResult r = run("""
              - move:
                  from: ./in*/a.csv
                  to: ./done/
            """);
        assertThat(r.error()).contains("only the file name may contain");
    }

    @Test
    void refusesMovingAFileOntoItself() {
        file(dir.resolve("inbox/a.csv"), "a");
        RunResult r = run("""
              - move:
                  from: ${inbox}/a.csv
                  to: ./inbox/
                  on-conflict: replace
            """);
        assertThat(r.error()).contains("'from' and 'to' are the same file");
        assertThat(read(dir.resolve("inbox/a.csv"))).isEqualTo("a");
    }

    @Test
    void movesAcrossFileSystemsThroughAForcedCopyAndLeavesNoTemporaryFile() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "a second file system (/dev/shm) is needed");
        Path other = Files.createTempDirectory(shm, "karakuri-move-");
        try {
            assumeTrue(!Files.getFileStore(other).equals(Files.getFileStore(dir)), "/dev/shm is on the same file system here");
            String sha = sha256(file(dir.resolve("inbox/a.csv"), "across"));
            harness().env("KARAKURI_ROOTS", other.toString());
            RunResult r = run("""
                  - move:
                      from: ${inbox}/a.csv
                      to: %s/
                """.formatted(other));
            assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
            assertThat(names(other)).containsExactly("a.csv");
            assertThat(sha256(other.resolve("a.csv"))).isEqualTo(sha);
            assertThat(names(dir.resolve("inbox"))).isEmpty();
            assertThat(h.events("file-moved")).singleElement().satisfies(e -> assertThat(e.get("sha256")).isEqualTo(sha));
        } finally {
            try (var s = Files.list(other)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(other);
        }
    }
}
