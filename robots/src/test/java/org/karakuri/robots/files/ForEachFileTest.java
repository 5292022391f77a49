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
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.run.RunOptions;
import org.karakuri.context.RunResult;
import org.karakuri.run.Runner;
import org.karakuri.spi.Action;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.model.Doc;
import org.karakuri.spi.SimpleAction;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;
import org.karakuri.testing.ScenarioHarness;

class ForEachFileTest {
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
    void movesSuccessesToDoneAndFailuresToFailedAndGoesOnAfterAFailure() {
        String shaB = sha256(file(dir.resolve("inbox/b.csv"), "b"));
        file(dir.resolve("inbox/a.csv"), "a");
        file(dir.resolve("inbox/c.csv"), "c");
        RunResult r = run("""
              - for-each-file:
                  folder: ${inbox}
                  pattern: "*.csv"
                  done: ./done/
                  failed: ./failed/
                  steps:
                    - if: ${file.name} == b.csv
                      then:
                        - fail: ${file.name} は読めません
                    - write-file:
                        path: ./out/${file.base}.txt
                        text: ${file.name}
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.counts().itemsOk.get()).isEqualTo(2);
        assertThat(r.counts().itemsFailed.get()).isEqualTo(1);
        assertThat(names(dir.resolve("inbox"))).isEmpty();
        assertThat(names(dir.resolve("done"))).containsExactly("a.csv", "c.csv");
        assertThat(names(dir.resolve("failed"))).containsExactly("b.csv");
        assertThat(names(dir.resolve("out"))).containsExactly("a.txt", "c.txt");
        assertThat(h.events("item-ended")).extracting(e -> e.get("label") + " " + e.get("outcome"))
            .containsExactly("a.csv ok", "b.csv failed", "c.csv ok");
        assertThat(h.events("item-ended").get(1).get("error")).asString().contains("b.csv は読めません");
        assertThat(h.events("file-moved")).extracting(e -> e.get("to") + " " + e.get("outcome"))
            .containsExactly(dir.resolve("done/a.csv") + " done", dir.resolve("failed/b.csv") + " failed", dir.resolve("done/c.csv") + " done");
        assertThat(h.events("file-moved").get(1).get("sha256")).isEqualTo(shaB);
    }

    @Test
    void theNextRunRemovesTheMarkerAKilledRunLeftBesideAFileItHadMoved() {
        String loop = """
              - for-each-file:
                  folder: ${inbox}
                  done: ./done/
                  steps:
                    - log: ${file.name}
            """;
        // killed after Camel moved a.csv to done but before it removed the claim's marker
        file(dir.resolve("done/a.csv"), "a");
        file(dir.resolve("inbox/a.csv.camelLock"), "");
        RunResult r = run(loop);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(h.events("item-ended")).isEmpty();
        assertThat(names(dir.resolve("inbox"))).as("nothing left in the inbox, not even the marker").isEmpty();
        assertThat(names(dir.resolve("done"))).containsExactly("a.csv");

        file(dir.resolve("inbox/a.csv.camelLock"), "");
        file(dir.resolve("inbox/c.csv"), "c");
        assertThat(run(loop).counts().itemsOk.get()).isEqualTo(1);
        assertThat(names(dir.resolve("inbox"))).as("a run with files to do removes it too").isEmpty();
        assertThat(names(dir.resolve("done"))).containsExactly("a.csv", "c.csv");
    }

    @Test
    void bindsTheFileAndItsPartsInAFolderWithSpacesAndJapanese() {
        Path inbox = dir.resolve("受信 箱");
        file(inbox.resolve("転入_001.csv"), "12345");
        RunResult r = run("""
              - for-each-file:
                  folder: ./受信 箱
                  steps:
                    - log: "${file}|${file.name}|${file.base}|${file.ext}|${file.size}|${file.folder}|${file.path}"
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        Path f = inbox.resolve("転入_001.csv");
        assertThat(h.events("log")).singleElement().satisfies(e -> assertThat(e.get("text"))
            .isEqualTo(f + "|転入_001.csv|転入_001|csv|5|" + inbox + "|" + f));
    }

    @Test
    void processesEmptyFilesToo() {
        file(dir.resolve("inbox/empty.csv"), "");
        RunResult r = run("""
              - for-each-file:
                  folder: ${inbox}
                  done: ./done/
                  steps:
                    - log: ${file.name} ${file.size}
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(h.events("log")).singleElement().satisfies(e -> assertThat(e.get("text")).isEqualTo("empty.csv 0"));
        assertThat(names(dir.resolve("done"))).containsExactly("empty.csv");
    }

    @Test
    void leavesAFileItsStepsMovedThemselvesWhereTheStepsPutIt() {
        file(dir.resolve("inbox/a.csv"), "a");
        RunResult r = run("""
              - for-each-file:
                  folder: ${inbox}
                  done: ./done/
                  steps:
                    - move:
                        from: ${file}
                        to: ./archive/
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(names(dir.resolve("archive"))).containsExactly("a.csv");
        assertThat(names(dir.resolve("done"))).isEmpty();
        assertThat(names(dir.resolve("inbox"))).isEmpty();
    }

    @Test
    void anUnknownPartOfTheFileListsTheKnownOnes() {
        file(dir.resolve("inbox/a.csv"), "a");
        RunResult r = run("""
              - for-each-file:
                  folder: ${inbox}
                  steps:
                    - log: ${file.owner}
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(h.events("item-ended")).singleElement().satisfies(e -> assertThat(e.get("error")).asString()
            .contains("owner").contains("name, base, ext, size, folder, path"));
        assertThat(names(dir.resolve("inbox"))).containsExactly("a.csv");
    }

    @Test
    void countsTheFilesThereAtTheStartAndLeavesLaterArrivalsForTheNextRun() {
        file(dir.resolve("inbox/a.csv"), "a");
        file(dir.resolve("inbox/b.csv"), "b");
        RunResult r = run("""
              - for-each-file:
                  folder: ${inbox}
                  done: ./done/
                  steps:
                    - write-file:
                        path: ./inbox/later-${file.name}
                        text: arrived while the loop ran
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(h.events("item-started")).extracting(e -> e.get("index") + "/" + e.get("total"))
            .containsExactly("1/2", "2/2");
        assertThat(names(dir.resolve("done"))).containsExactly("a.csv", "b.csv");
        assertThat(names(dir.resolve("inbox"))).containsExactly("later-a.csv", "later-b.csv");
    }

    @Test
    void withoutDoneAFileStaysAndIsProcessedAgainByTheNextRun() {
        file(dir.resolve("inbox/a.csv"), "a");
        String yaml = """
              - for-each-file:
                  folder: ${inbox}
                  steps:
                    - log: ${file.name}
            """;
        assertThat(run(yaml).status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(run(yaml).status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(h.events("log")).hasSize(1);
        assertThat(names(dir.resolve("inbox"))).containsExactly("a.csv");
    }

    @Test
    void withoutFailedAFailedFileStaysAndIsNotTakenTwiceInOneRun() {
        file(dir.resolve("inbox/a.csv"), "a");
        file(dir.resolve("inbox/b.csv"), "b");
        RunResult r = run("""
              - for-each-file:
                  folder: ${inbox}
                  done: ./done/
                  steps:
                    - if: ${file.name} == a.csv
                      then:
                        - fail: no
            """);
        assertThat(r.counts().itemsFailed.get()).isEqualTo(1);
        assertThat(h.events("item-ended")).hasSize(2);
        assertThat(names(dir.resolve("inbox"))).containsExactly("a.csv");
        assertThat(names(dir.resolve("done"))).containsExactly("b.csv");
    }

    @Test
    void keepsBothWhenDoneAlreadyHoldsAFileOfThatName() {
        file(dir.resolve("inbox/a.csv"), "today");
        file(dir.resolve("done/a.csv"), "yesterday");
        RunResult r = run("""
              - for-each-file:
                  folder: ${inbox}
                  done: ./done/
                  steps:
                    - log: ${file.name}
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(read(dir.resolve("done/a.csv"))).isEqualTo("yesterday");
        assertThat(read(dir.resolve("done/a (1).csv"))).isEqualTo("today");
    }

    @Test
    void skipsAFileStillBeingWrittenAndLeavesItForTheNextRun() throws IOException {
        file(dir.resolve("inbox/a.csv"), "a");
        Path writing = file(dir.resolve("inbox/b.csv"), "half of b");
        // modified "in the future": to the read lock the file keeps changing until the test ends
        Files.setLastModifiedTime(writing, FileTime.from(Instant.now().plusSeconds(3600)));
        file(dir.resolve("inbox/c.csv"), "c");
        RunResult r = run("""
              - for-each-file:
                  folder: ${inbox}
                  done: ./done/
                  stable-for: 200ms
                  steps:
                    - log: ${file.name}
                timeout: 1s
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(names(dir.resolve("done"))).containsExactly("a.csv", "c.csv");
        assertThat(names(dir.resolve("inbox"))).containsExactly("b.csv");
        // the engine's split looks one item ahead, so b's skip is reported while a is processed
        assertThat(h.events("item-ended")).extracting(e -> e.get("index") + " " + e.get("label") + " " + e.get("outcome"))
            .containsExactlyInAnyOrder("1 a.csv ok", "2 b.csv skipped", "3 c.csv ok");
        assertThat(h.events("item-ended")).filteredOn(e -> "skipped".equals(e.get("outcome"))).singleElement()
            .satisfies(e -> assertThat(e.get("reason"))
                .isEqualTo("still being written (changed within 200ms) after waiting 1s; left for the next run"));
    }

    @Test
    void claimsEachFileOnlyWhenItsTurnComes() throws IOException {
        for (String n : List.of("a", "b", "c", "d")) {
            file(dir.resolve("inbox/" + n + ".csv"), n);
        }
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, """
            scenario: s
            steps:
              - for-each-file:
                  folder: ./inbox
                  done: ./done/
                  steps:
                    - claims: ./inbox
            """);
        List<Action<?>> actions = new ArrayList<>(ActionRegistry.installed().all());
        actions.add(new Claims());
        Path home = dir.resolve(".karakuri");
        RunOptions options = RunOptions.defaults().withEnv(Map.of("KARAKURI_HOME", home.toString())).withHome(home);
        Claims.SEEN.clear();
        RunResult r = new Runner(ActionRegistry.of(actions)).run(scenario, options);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        // while a file's steps run: it is claimed, the files before it are done, and Camel's
        // streaming split has claimed at most the next one in line
        assertThat(Claims.SEEN).containsExactly(
            "[a.csv, a.csv.camelLock, b.csv, c.csv, d.csv] done=[]",
            "[b.csv, b.csv.camelLock, c.csv, d.csv] done=[a.csv]",
            "[c.csv, c.csv.camelLock, d.csv] done=[a.csv, b.csv]",
            "[d.csv, d.csv.camelLock] done=[a.csv, b.csv, c.csv]");
        assertThat(names(dir.resolve("inbox"))).isEmpty();
    }

    @Test
    void refusesDoneBeingTheFolderItself() {
        file(dir.resolve("inbox/a.csv"), "a");
        RunResult r = run("""
              - for-each-file:
                  folder: ${inbox}
                  done: ./inbox/
                  steps:
                    - log: ${file.name}
            """);
        assertThat(r.error()).contains("'done' is the folder being read");
        assertThat(names(dir.resolve("inbox"))).containsExactly("a.csv");
    }

    @Test
    void refusesAMissingFolderNamingIt() {
        RunResult r = run("""
              - for-each-file:
                  folder: ./nowhere
                  steps:
                    - log: ${file.name}
            """);
        assertThat(r.error()).contains(dir.resolve("nowhere") + " is not an existing folder; create it or correct 'folder'");
    }

    @Test
    void refusesADoneFolderOnAnotherDisk() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "a second file system (/dev/shm) is needed");
        Path other = Files.createTempDirectory(shm, "karakuri-done-");
        try {
            assumeTrue(!Files.getFileStore(other).equals(Files.getFileStore(dir)), "/dev/shm is on the same file system here");
            file(dir.resolve("inbox/a.csv"), "a");
            h = new ScenarioHarness(dir).env("KARAKURI_ROOTS", other.toString());
            RunResult r = h.write("s.yaml", """
                scenario: s
                steps:
                  - for-each-file:
                      folder: ./inbox
                      done: %s
                      steps:
                        - log: ${file.name}
                """.formatted(other)).run();
            assertThat(r.error()).contains("the done folder " + other + " is on another disk than " + dir.resolve("inbox"));
            assertThat(names(dir.resolve("inbox"))).containsExactly("a.csv");
            assertThat(h.events("log")).isEmpty();
        } finally {
            Files.delete(other);
        }
    }

    /** A test action: records which Camel lock markers are in a folder while a step runs. */
    public static final class Claims implements SimpleAction<Claims.Params> {
        static final List<String> SEEN = Collections.synchronizedList(new ArrayList<>());

        public record Params(@Shorthand @Required @Doc("folder") String folder) {}

        @Override
        public String name() {
            return "claims";
        }

        @Override
        public Class<Params> paramsType() {
            return Params.class;
        }

        @Override
        public String doc() {
            return "test: what is in a folder and in done beside it";
        }

        @Override
        public String docJa() {
            return "テスト用";
        }

        @Override
        public List<String> examples() {
            return List.of("claims: ./inbox");
        }

        @Override
        public void run(Params p, StepContext ctx) {
            Path folder = ctx.path(p.folder());
            SEEN.add(names(folder) + " done=" + names(folder.resolveSibling("done")));
        }
    }
}
