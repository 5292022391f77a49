package org.karakuri.robots.files;

import static org.assertj.core.api.Assertions.assertThat;
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

class CopyFileTest {
    @TempDir
    Path dir;

    private ScenarioHarness h;

    @BeforeAll
    static void english() {
        Fixtures.english();
    }

    private RunResult run(String steps) {
        h = new ScenarioHarness(dir);
        return h.write("s.yaml", "scenario: s\nvars:\n  inbox: ./inbox\nsteps:\n" + steps.stripIndent()).run();
    }

    @Test
    void copiesKeepingTheSourceItsBytesAndItsModificationTime() throws IOException {
        Path source = file(dir.resolve("inbox/報告.csv"), "氏名,住所\n山田,本町1-1\n");
        String sha = sha256(source);
        RunResult r = run("""
              - copy:
                  from: ${inbox}/*.csv
                  to: ./backup/
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        Path copy = dir.resolve("backup/報告.csv");
        assertThat(sha256(copy)).isEqualTo(sha);
        assertThat(source).exists();
        assertThat(Files.getLastModifiedTime(copy)).isEqualTo(Files.getLastModifiedTime(source));
        assertThat(names(dir.resolve("backup"))).containsExactly("報告.csv");
        assertThat(h.events("file-copied")).singleElement().satisfies(e -> {
            assertThat(e.get("from")).isEqualTo(source.toString());
            assertThat(e.get("to")).isEqualTo(copy.toString());
            assertThat(e.get("sha256")).isEqualTo(sha);
        });
    }

    @Test
    void refusesToOverwriteByDefaultAndCopiesNothing() {
        file(dir.resolve("inbox/a.csv"), "new a");
        file(dir.resolve("inbox/b.csv"), "new b");
        file(dir.resolve("backup/b.csv"), "old b");
        RunResult r = run("""
              - copy:
                  from: ${inbox}/*.csv
                  to: ./backup/
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains(dir.resolve("backup/b.csv") + " is already there, so nothing was copied");
        assertThat(names(dir.resolve("backup"))).containsExactly("b.csv");
        assertThat(read(dir.resolve("backup/b.csv"))).isEqualTo("old b");
    }

    @Test
    void numbersTheCopyWhenAskedToRename() {
        file(dir.resolve("inbox/a.csv"), "again");
        file(dir.resolve("backup/a.csv"), "first");
        RunResult r = run("""
              - copy:
                  from: ${inbox}/a.csv
                  to: ./backup/
                  on-conflict: rename
              - copy:
                  from: ${inbox}/a.csv
                  to: ./backup/
                  on-conflict: rename
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(names(dir.resolve("backup"))).containsExactly("a (1).csv", "a (2).csv", "a.csv");
        assertThat(read(dir.resolve("backup/a.csv"))).isEqualTo("first");
        assertThat(read(dir.resolve("backup/a (2).csv"))).isEqualTo("again");
    }

    @Test
    void replacesWhenAskedAndLeavesNoTemporaryFile() {
        file(dir.resolve("templates/報告書.txt"), "雛形");
        file(dir.resolve("work/報告書.txt"), "古い");
        RunResult r = run("""
              - copy:
                  from: ./templates/報告書.txt
                  to: ./work/報告書.txt
                  on-conflict: replace
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(read(dir.resolve("work/報告書.txt"))).isEqualTo("雛形");
        assertThat(names(dir.resolve("work"))).containsExactly("報告書.txt");
    }

    @Test
    void aPatternMatchingNothingIsAnErrorUnlessIfNoneOk() {
        Path inbox = dir.resolve("inbox");
        file(inbox.resolve("a.txt"), "a");
        RunResult failing = run("""
              - copy:
                  from: ${inbox}/*.csv
                  to: ./backup/
            """);
        assertThat(failing.error()).contains("no file in " + inbox + " matches '*.csv'");
        RunResult ok = run("""
              - copy:
                  from: ${inbox}/*.csv
                  to: ./backup/
                  if-none: ok
            """);
        assertThat(ok.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(dir.resolve("backup")).doesNotExist();
    }

    @Test
    void refusesAFolderAsTheSource() {
        file(dir.resolve("inbox/a.csv"), "a");
        RunResult r = run("""
              - copy:
                  from: ${inbox}
                  to: ./backup/
            """);
        assertThat(r.error()).contains(dir.resolve("inbox") + " is a folder; to take the files in it, write " + dir.resolve("inbox") + "/*");
    }
}
