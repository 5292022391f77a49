package org.karakuri.robots.files;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/** {@code for-each-file} and {@code wait-for-file} on a folder of a Windows file share — a real Samba server on loopback. */
class SmbFoldersTest extends OnAShare {
    @TempDir
    Path dir;

    private ScenarioHarness harness(String name) {
        return new ScenarioHarness(dir.resolve(name))
            .env("KARAKURI_SECRET_SHARE_USER", SambaServer.user())
            .env("KARAKURI_SECRET_SHARE_PASSWORD", SambaServer.PASSWORD);
    }

    private static RunResult run(ScenarioHarness h, String steps) {
        return h.write("s.yaml", "scenario: s\n" + samba.connection("share") + "steps:\n" + steps.stripIndent()).run();
    }

    /** A file written on the share some time ago: complete. */
    private static Path old(String name, String text) throws IOException {
        Path f = file(share.resolve("受付").resolve(name), text);
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60)));
        return f;
    }

    private static final String LOOP = """
          - for-each-file:
              folder: share:/受付
              pattern: "*.csv"
              stable-for: 200ms
              done: share:/済/
              failed: share:/エラー/
              steps:
                - log: ${file} (${file.name}, ${file.size} bytes)
                - copy:
                    from: ${file}
                    to: ./inbox/
        """;

    @Test
    void forEachFileOnTheShareRunsTheStepsPerFileAndMovesEachToDoneOrFailedThere() throws Exception {
        String sha = sha256(old("住民票_0001.csv", "受付番号\nR-0001\n"));
        old("住民票_0002.csv", "受付番号\nR-0002\n");
        old("memo.txt", "memo");
        ScenarioHarness h = harness("work");
        RunResult r = run(h, LOOP + """
                    - if: ${file.name} == 住民票_0002.csv
                      then:
                        - fail: 受付番号が見つかりません
            """);
        assertThat(r.status()).as("one file failed").isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("1 item(s) failed");
        assertThat(names(share.resolve("受付"))).as("no claim left behind").containsExactly("memo.txt");
        assertThat(names(share.resolve("済"))).containsExactly("住民票_0001.csv");
        assertThat(names(share.resolve("エラー"))).containsExactly("住民票_0002.csv");
        assertThat(read(h.dir().resolve("inbox/住民票_0001.csv"))).isEqualTo("受付番号\nR-0001\n");
        assertThat(h.events("log")).first().satisfies(e -> assertThat(e.get("text"))
            .isEqualTo("share:/受付/住民票_0001.csv (住民票_0001.csv, " + "受付番号\nR-0001\n".getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + " bytes)"));
        assertThat(h.events("file-moved")).filteredOn(e -> "done".equals(e.get("outcome"))).singleElement().satisfies(e -> {
            assertThat(e.get("from")).isEqualTo("share:/受付/住民票_0001.csv");
            assertThat(e.get("to")).isEqualTo("share:/済/住民票_0001.csv");
            assertThat(e.get("sha256")).isEqualTo(sha);
        });
    }

    @Test
    void twoEnginesLoopingOverOneFolderOfTheShareTakeEachFileOnce() throws Exception {
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            String name = "tennyu-%02d.csv".formatted(i);
            old(name, "R-" + i);
            all.add(name);
        }
        ScenarioHarness a = harness("a");
        ScenarioHarness b = harness("b");
        CompletableFuture<RunResult> first = CompletableFuture.supplyAsync(() -> run(a, LOOP));
        CompletableFuture<RunResult> second = CompletableFuture.supplyAsync(() -> run(b, LOOP));
        assertThat(first.get().status()).as(first.get().error()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(second.get().status()).as(second.get().error()).isEqualTo(RunResult.Status.SUCCEEDED);
        List<String> taken = new ArrayList<>(names(a.dir().resolve("inbox")));
        taken.addAll(names(b.dir().resolve("inbox")));
        assertThat(taken).as("each file's steps ran once, by one of the two").containsExactlyInAnyOrderElementsOf(all);
        assertThat(names(share.resolve("済"))).containsExactlyElementsOf(all);
        assertThat(names(share.resolve("受付"))).isEmpty();
    }

    @Test
    void aFileAnotherEngineHasClaimedIsLeftForItAndAClaimLeftByAKilledRunHereIsCleared() throws Exception {
        old("a.csv", "A");
        old("b.csv", "B");
        Files.createDirectories(share.resolve("受付/a.csv.camelLock"));
        file(share.resolve("受付/a.csv.camelLock/other-machine@4242@1700000000000"), "");
        // a run of this machine that was killed: its process is gone
        Files.createDirectories(share.resolve("受付/b.csv.camelLock"));
        file(share.resolve("受付/b.csv.camelLock/" + ClaimOnServer.machine() + "@999999999@1"), "");
        ScenarioHarness h = harness("work");
        RunResult r = run(h, LOOP);
        assertThat(r.status()).as(r.error()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(names(h.dir().resolve("inbox"))).containsExactly("b.csv");
        assertThat(names(share.resolve("済"))).containsExactly("b.csv");
        assertThat(names(share.resolve("受付"))).containsExactly("a.csv", "a.csv.camelLock");
        assertThat(share.resolve("受付/a.csv.camelLock/other-machine@4242@1700000000000")).as("the other engine's claim stands").exists();
        assertThat(share.resolve("受付/b.csv.camelLock")).doesNotExist();
        assertThat(h.progress()).anySatisfy(p -> assertThat(p).contains("a.csv").contains("claimed by another run"));
    }

    @Test
    void waitForFileOnTheShareSetsTheVariableOnceTheFileIsComplete() throws Exception {
        old("住民票_0001.csv", "R-0001");
        ScenarioHarness h = harness("work");
        RunResult r = run(h, """
              - wait-for-file:
                  folder: share:/受付
                  pattern: 住民票_*.csv
                  stable-for: 200ms
                  timeout: 30s
                  into: arrived
              - log: ${arrived} ${arrived.size}
            """);
        assertThat(r.status()).as(r.error()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(h.events("log")).singleElement().satisfies(e -> assertThat(e.get("text")).isEqualTo("share:/受付/住民票_0001.csv 6"));
        assertThat(names(share.resolve("受付"))).as("only looked at").containsExactly("住民票_0001.csv");
    }

    @Test
    void waitForFileOnTheShareGivesUpAfterItsTimeoutNamingTheFolder() {
        ScenarioHarness h = harness("work");
        RunResult r = run(h, """
              - wait-for-file:
                  folder: share:/受付
                  pattern: 住民票_*.csv
                  timeout: 1s
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("share:/受付").contains("住民票_*.csv");
    }
}
