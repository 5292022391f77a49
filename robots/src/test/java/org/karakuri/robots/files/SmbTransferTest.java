package org.karakuri.robots.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.karakuri.robots.files.Fixtures.file;
import static org.karakuri.robots.files.Fixtures.names;
import static org.karakuri.robots.files.Fixtures.read;
import static org.karakuri.robots.files.Fixtures.sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/** {@code move} and {@code copy} to and from a Windows file share — a real Samba server on loopback — through {@code NAME:/path}. */
class SmbTransferTest extends OnAShare {
    @TempDir
    Path dir;
    private ScenarioHarness h;

    @BeforeEach
    void fresh() throws IOException {
        Files.createDirectories(share.resolve("結果"));
        h = new ScenarioHarness(dir.resolve("work"))
            .env("KARAKURI_SECRET_SHARE_USER", SambaServer.user())
            .env("KARAKURI_SECRET_SHARE_PASSWORD", SambaServer.PASSWORD);
    }

    private RunResult run(String steps) {
        return h.write("s.yaml", "scenario: s\n" + samba.connection("share") + "steps:\n" + steps.stripIndent()).run();
    }

    @Test
    void movesTheFilesAPatternMatchesFromTheShareAndRemovesThemThere() {
        String sha = sha256(file(share.resolve("受付/住民票_0001.csv"), "受付番号\nR-0001\n"));
        file(share.resolve("受付/住民票_0002.csv"), "受付番号\nR-0002\n");
        file(share.resolve("受付/memo.txt"), "memo");
        RunResult r = run("""
              - move:
                  from: share:/受付/*.csv
                  to: ./inbox/
            """);
        assertThat(r.status()).as(r.error()).isEqualTo(RunResult.Status.SUCCEEDED);
        Path inbox = h.dir().resolve("inbox");
        assertThat(names(inbox)).containsExactly("住民票_0001.csv", "住民票_0002.csv");
        assertThat(read(inbox.resolve("住民票_0001.csv"))).isEqualTo("受付番号\nR-0001\n");
        assertThat(names(share.resolve("受付"))).containsExactly("memo.txt");
        assertThat(h.events("file-moved")).hasSize(2).first().satisfies(e -> {
            assertThat(e.get("from")).isEqualTo("share:/受付/住民票_0001.csv");
            assertThat(e.get("to")).isEqualTo(inbox.resolve("住民票_0001.csv").toString());
            assertThat(e.get("sha256")).isEqualTo(sha);
        });
        assertThat(h.homeText()).doesNotContain(SambaServer.PASSWORD);
        assertThat(h.events("server-connected")).as("one session for the step, in the trail").singleElement().satisfies(e -> {
            assertThat(e.get("connection")).isEqualTo("share");
            assertThat(e.get("server")).isEqualTo("\\\\127.0.0.1:" + samba.port() + "\\exchange");
            assertThat(e.get("protection")).isEqualTo("SMB_3_1_1, encrypted");
        });
    }

    @Test
    void movesLocalFilesToTheShareAndLeavesNoTemporaryNameThere() {
        file(h.dir().resolve("out/kekka-1.csv"), "結果1");
        file(h.dir().resolve("out/kekka-2.csv"), "結果2");
        RunResult r = run("""
              - move:
                  from: ./out/*.csv
                  to: share:/結果/2026/
            """);
        assertThat(r.status()).as(r.error()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(names(share.resolve("結果/2026"))).containsExactly("kekka-1.csv", "kekka-2.csv");
        assertThat(read(share.resolve("結果/2026/kekka-2.csv"))).isEqualTo("結果2");
        assertThat(names(h.dir().resolve("out"))).isEmpty();
        assertThat(h.events("file-moved")).extracting(e -> e.get("to"))
            .containsExactly("share:/結果/2026/kekka-1.csv", "share:/結果/2026/kekka-2.csv");
    }

    @Test
    void copiesToTheShareUnderANewNameAndKeepsTheLocalFile() {
        file(h.dir().resolve("out/kekka.csv"), "結果");
        RunResult r = run("""
              - copy:
                  from: ./out/kekka.csv
                  to: share:/結果/renamed.csv
            """);
        assertThat(r.status()).as(r.error()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(read(share.resolve("結果/renamed.csv"))).isEqualTo("結果");
        assertThat(names(h.dir().resolve("out"))).containsExactly("kekka.csv");
    }

    @Test
    void aFileOfTheSameNameOnTheShareIsNeverOverwrittenUnlessAsked() {
        file(share.resolve("結果/kekka.csv"), "yesterday");
        file(h.dir().resolve("out/kekka.csv"), "today");
        RunResult refused = run("""
              - copy:
                  from: ./out/kekka.csv
                  to: share:/結果/
            """);
        assertThat(refused.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(refused.error()).contains("share:/結果/kekka.csv is already there");
        assertThat(read(share.resolve("結果/kekka.csv"))).isEqualTo("yesterday");

        RunResult numbered = run("""
              - copy:
                  from: ./out/kekka.csv
                  to: share:/結果/
                  on-conflict: rename
            """);
        assertThat(numbered.status()).as(numbered.error()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(read(share.resolve("結果/kekka (1).csv"))).isEqualTo("today");

        RunResult replaced = run("""
              - copy:
                  from: ./out/kekka.csv
                  to: share:/結果/
                  on-conflict: replace
            """);
        assertThat(replaced.status()).as(replaced.error()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(read(share.resolve("結果/kekka.csv"))).isEqualTo("today");
    }

    @Test
    void aMoveCutAfterTheFileArrivedIsFinishedByTheNextRun() {
        // what a kill -9 between the rename at the target and the removal at the source leaves
        file(share.resolve("受付/tennyu.csv"), "R-0001");
        file(h.dir().resolve("inbox/tennyu.csv"), "R-0001");
        RunResult r = run("""
              - move:
                  from: share:/受付/*.csv
                  to: ./inbox/
            """);
        assertThat(r.status()).as(r.error()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(names(share.resolve("受付"))).isEmpty();
        assertThat(read(h.dir().resolve("inbox/tennyu.csv"))).isEqualTo("R-0001");
    }

    @Test
    void aWrongPasswordIsRefusedNamingTheShareAndNeverShowingThePassword() {
        file(share.resolve("受付/tennyu.csv"), "R-0001");
        h.env("KARAKURI_SECRET_SHARE_PASSWORD", "Wrong-pw-9");
        RunResult r = run("""
              - move:
                  from: share:/受付/tennyu.csv
                  to: ./inbox/
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error())
            .contains("s.yaml:")
            .contains("\\\\127.0.0.1:" + samba.port() + "\\exchange")
            .contains("'share'")
            .contains("refused the user name and password")
            .doesNotContain("Wrong-pw-9");
        assertThat(h.homeText()).doesNotContain("Wrong-pw-9");
        assertThat(names(share.resolve("受付"))).containsExactly("tennyu.csv");
    }

    @Test
    void aShareTheServerDoesNotHaveIsNamedInTheError() {
        RunResult r = h.write("s.yaml", "scenario: s\n" + samba.connection("share").replace("/exchange", "/nosuch") + """
            steps:
              - copy:
                  from: share:/受付/tennyu.csv
                  to: ./inbox/
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("nosuch").contains("no share of that name");
    }

    private RunResult load(String connection) {
        return h.write("s.yaml", "scenario: s\nconnections:\n  share:\n" + connection.stripIndent().indent(4) + """
            steps:
              - copy:
                  from: share:/受付/tennyu.csv
                  to: ./inbox/
            """).run();
    }

    private static String problem(RunResult r) {
        assertThat(r.status()).isEqualTo(RunResult.Status.INVALID);
        assertThat(r.problems()).hasSize(1);
        return r.problems().get(0).position().line() + ": " + r.problems().get(0).format(org.karakuri.i18n.Messages.get());
    }

    @Test
    void aShareConnectionWrittenWrongIsRefusedAtLoadSayingWhatToWrite() {
        assertThat(problem(load("""
            smb: fileserver/受付
            user: ${secret:share.user}
            password: hunter2
            """))).startsWith("4: ").contains("the connection's 'password' is written in the scenario file; take it from a secret instead");
        assertThat(problem(load("""
            smb: fileserver/受付
            user: ${secret:share.user}
            key: ${secret:share.key}
            """))).contains("a share (smb:) takes a user and a password");
        assertThat(problem(load("""
            smb: fileserver/受付
            user: ${secret:share.user}
            password: ${secret:share.password}
            host-key: "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"
            """))).contains("a share (smb:) has none: remove host-key");
        assertThat(problem(load("""
            smb: fileserver/受付
            sftp: fileserver
            user: ${secret:share.user}
            password: ${secret:share.password}
            """))).contains("write exactly one of 'sftp: host[:port]'");
        assertThat(problem(load("""
            smb: \\\\fileserver\\受付
            user: ${secret:share.user}
            password: ${secret:share.password}
            """))).contains("fileserver.city.lg.jp/受付");
    }

    @Test
    void aDomainWrittenBeforeTheUserNameSignsInToThatDomain() {
        file(share.resolve("受付/tennyu.csv"), "R-0001");
        // Samba's standalone server takes its own name or workgroup as the domain, and also accepts another
        h.env("KARAKURI_SECRET_SHARE_USER", "WORKGROUP\\" + SambaServer.user());
        RunResult r = run("""
              - copy:
                  from: share:/受付/tennyu.csv
                  to: ./inbox/
            """);
        assertThat(r.status()).as(r.error()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(read(h.dir().resolve("inbox/tennyu.csv"))).isEqualTo("R-0001");
    }
}
