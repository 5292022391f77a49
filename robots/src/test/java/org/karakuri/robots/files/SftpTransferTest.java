package org.karakuri.robots.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.karakuri.robots.files.Fixtures.file;
import static org.karakuri.robots.files.Fixtures.names;
import static org.karakuri.robots.files.Fixtures.read;
import static org.karakuri.robots.files.Fixtures.sha256;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/** {@code move} and {@code copy} to and from a real SFTP server on loopback, through {@code NAME:/path}. */
class SftpTransferTest {
    @TempDir
    Path dir;

    private Path server;
    private SftpServer sftp;
    private ScenarioHarness h;

    @BeforeAll
    static void english() {
        Fixtures.english();
    }

    @BeforeEach
    void start() throws Exception {
        server = Files.createDirectories(dir.resolve("server"));
        Files.createDirectories(server.resolve("export"));
        Files.createDirectories(server.resolve("import"));
        sftp = SftpServer.serving(server);
        h = new ScenarioHarness(dir.resolve("work"))
            .env("KARAKURI_SECRET_VENDOR_USER", SftpServer.USER)
            .env("KARAKURI_SECRET_VENDOR_KEY", sftp.privateKey())
            .env("KARAKURI_SECRET_VENDOR_PASSWORD", SftpServer.PASSWORD);
    }

    @AfterEach
    void stop() {
        sftp.close();
    }

    private RunResult run(String connections, String steps) {
        return h.write("s.yaml", "scenario: s\n" + connections + "steps:\n" + steps.stripIndent()).run();
    }

    private String withKey() {
        return sftp.connectionWithKey("vendor", sftp.fingerprint());
    }

    @Test
    void movesTheFilesAPatternMatchesFromTheServerAndRemovesThemThere() {
        String sha = sha256(file(server.resolve("export/tennyu-1.csv"), "受付番号\nR-0001\n"));
        file(server.resolve("export/tennyu-2.csv"), "受付番号\nR-0002\n");
        file(server.resolve("export/memo.txt"), "memo");
        RunResult r = run(withKey(), """
              - move:
                  from: vendor:/export/*.csv
                  to: ./inbox/
            """);
        assertThat(r.status()).as(r.error()).isEqualTo(RunResult.Status.SUCCEEDED);
        Path inbox = h.dir().resolve("inbox");
        assertThat(names(inbox)).containsExactly("tennyu-1.csv", "tennyu-2.csv");
        assertThat(read(inbox.resolve("tennyu-1.csv"))).isEqualTo("受付番号\nR-0001\n");
        assertThat(names(server.resolve("export"))).containsExactly("memo.txt");
        assertThat(h.events("file-moved")).hasSize(2).first().satisfies(e -> {
            assertThat(e.get("from")).isEqualTo("vendor:/export/tennyu-1.csv");
            assertThat(e.get("to")).isEqualTo(inbox.resolve("tennyu-1.csv").toString());
            assertThat(e.get("sha256")).isEqualTo(sha);
        });
    }

    @Test
    void movesLocalFilesToTheServerUnderATemporaryNameRenamedWhenComplete() {
        file(h.dir().resolve("out/kekka-1.csv"), "結果1");
        file(h.dir().resolve("out/kekka-2.csv"), "結果2");
        RunResult r = run("""
            connections:
              vendor:
                sftp: %s
                user: ${secret:vendor.user}
                password: ${secret:vendor.password}
                host-key: "%s"
            """.formatted(sftp.address(), sftp.fingerprint()), """
              - move:
                  from: ./out/*.csv
                  to: vendor:/import/
            """);
        assertThat(r.status()).as(r.error()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(names(server.resolve("import"))).containsExactly("kekka-1.csv", "kekka-2.csv");
        assertThat(read(server.resolve("import/kekka-2.csv"))).isEqualTo("結果2");
        assertThat(names(h.dir().resolve("out"))).isEmpty();
        assertThat(sftp.renames).containsExactly(".karakuri-kekka-1.csv.part -> kekka-1.csv", ".karakuri-kekka-2.csv.part -> kekka-2.csv");
        assertThat(h.events("file-moved")).extracting(e -> e.get("to")).containsExactly("vendor:/import/kekka-1.csv", "vendor:/import/kekka-2.csv");
        assertThat(h.homeText()).doesNotContain(SftpServer.PASSWORD);
    }

    @Test
    void copiesToTheServerAndLeavesTheLocalFile() {
        file(h.dir().resolve("out/kekka.csv"), "結果");
        RunResult r = run(withKey(), """
              - copy:
                  from: ./out/kekka.csv
                  to: vendor:/import/renamed.csv
            """);
        assertThat(r.status()).as(r.error()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(read(server.resolve("import/renamed.csv"))).isEqualTo("結果");
        assertThat(names(h.dir().resolve("out"))).containsExactly("kekka.csv");
    }

    @Test
    void refusesAServerWhoseHostKeyIsNotThePinnedOneAndSendsItNothing() {
        file(server.resolve("export/tennyu.csv"), "R-0001");
        String pinned = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8";
        RunResult r = run(sftp.connectionWithKey("vendor", pinned), """
              - move:
                  from: vendor:/export/tennyu.csv
                  to: ./inbox/
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error())
            .contains("s.yaml:")
            .contains("the server " + sftp.address() + " of connection 'vendor' showed the host key " + sftp.fingerprint() + " (ecdsa-sha2-nistp256), not the pinned " + pinned)
            .contains("write host-key: \"" + sftp.fingerprint() + "\"");
        assertThat(sftp.logins).as("no user name, key or password was sent").hasValue(0);
        assertThat(names(server.resolve("export"))).containsExactly("tennyu.csv");
    }

    @Test
    void aMoveCutAfterTheFileArrivedIsFinishedByTheNextRun() {
        // what a kill -9 between the rename at the target and the removal at the source leaves
        file(server.resolve("export/tennyu.csv"), "R-0001");
        file(h.dir().resolve("inbox/tennyu.csv"), "R-0001");
        RunResult r = run(withKey(), """
              - move:
                  from: vendor:/export/*.csv
                  to: ./inbox/
            """);
        assertThat(r.status()).as(r.error()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(names(server.resolve("export"))).isEmpty();
        assertThat(names(h.dir().resolve("inbox"))).containsExactly("tennyu.csv");
        assertThat(read(h.dir().resolve("inbox/tennyu.csv"))).isEqualTo("R-0001");
    }

    @Test
    void aDifferentFileOfTheSameNameAtTheTargetStopsTheMoveBeforeAnythingMoves() {
        file(server.resolve("export/a.csv"), "new a");
        file(server.resolve("export/b.csv"), "new b");
        file(h.dir().resolve("inbox/b.csv"), "yesterday's b");
        RunResult r = run(withKey(), """
              - move:
                  from: vendor:/export/*.csv
                  to: ./inbox/
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains(h.dir().resolve("inbox/b.csv") + " is already there, so nothing was moved");
        assertThat(names(server.resolve("export"))).containsExactly("a.csv", "b.csv");
        assertThat(read(h.dir().resolve("inbox/b.csv"))).isEqualTo("yesterday's b");
    }

    @Test
    void aConnectionTheScenarioDoesNotDeclareIsRefusedAtLoadWithItsPlace() {
        RunResult r = run(withKey(), """
              - move:
                  from: vendr:/export/*.csv
                  to: ./inbox/
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.INVALID);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.position().line()).isEqualTo(9);
            assertThat(p.format(org.karakuri.i18n.Messages.get()))
                .contains("'vendr:' names no connection of this scenario (its connections: vendor)");
        });
    }

    @Test
    void aPasswordWrittenInTheFileIsRefusedAtLoad() {
        RunResult r = run("""
            connections:
              vendor:
                sftp: %s
                user: karakuri
                password: hunter2
                host-key: "%s"
            """.formatted(sftp.address(), sftp.fingerprint()), """
              - move:
                  from: vendor:/export/*.csv
                  to: ./inbox/
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.INVALID);
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.format(org.karakuri.i18n.Messages.get()))
            .contains("the connection's 'password' is written in the scenario file; take it from a secret instead, e.g. password: ${secret:vendor.password}"));
    }

    /** Runs with this test's KARAKURI_HOME as the process's (the load check reads the process's engine.yaml, as run and serve do). */
    private RunResult runWithHome(String engineYaml, String connections, String steps) throws Exception {
        Files.createDirectories(h.home());
        Files.writeString(h.home().resolve("engine.yaml"), engineYaml);
        String before = System.getProperty(org.karakuri.config.EngineConfig.HOME_PROPERTY);
        System.setProperty(org.karakuri.config.EngineConfig.HOME_PROPERTY, h.home().toString());
        try {
            return run(connections, steps);
        } finally {
            if (before == null) {
                System.clearProperty(org.karakuri.config.EngineConfig.HOME_PROPERTY);
            } else {
                System.setProperty(org.karakuri.config.EngineConfig.HOME_PROPERTY, before);
            }
        }
    }

    private String withoutHostKey() {
        return """
            connections:
              vendor:
                sftp: %s
                user: ${secret:vendor.user}
                key: ${secret:vendor.key}
            """.formatted(sftp.address());
    }

    private static final String MOVE_DOWN = """
          - move:
              from: vendor:/export/*.csv
              to: ./inbox/
        """;

    @Test
    void aServerTheAdministratorPinnedInEngineYamlNeedsNoHostKeyInTheScenario() throws Exception {
        file(server.resolve("export/tennyu.csv"), "R-0001");
        RunResult r = runWithHome("connections:\n  known-hosts:\n    - \"" + sftp.address() + " " + sftp.fingerprint() + "\"\n",
            withoutHostKey(), MOVE_DOWN);
        assertThat(r.status()).as(r.error()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(names(h.dir().resolve("inbox"))).containsExactly("tennyu.csv");
    }

    @Test
    void theAdministratorsPinIsEnforcedAServerShowingAnotherKeyIsSentNothing() throws Exception {
        file(server.resolve("export/tennyu.csv"), "R-0001");
        String pinned = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8";
        RunResult r = runWithHome("connections:\n  known-hosts: [\"" + sftp.address() + " " + pinned + "\"]\n", withoutHostKey(), MOVE_DOWN);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("showed the host key " + sftp.fingerprint() + " (ecdsa-sha2-nistp256), not the pinned " + pinned);
        assertThat(sftp.logins).hasValue(0);
    }

    @Test
    void aScenarioPinThatDisagreesWithTheAdministratorsIsRefusedAtLoad() throws Exception {
        String other = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8";
        RunResult r = runWithHome("connections:\n  known-hosts: [\"" + sftp.address() + " " + sftp.fingerprint() + "\"]\n",
            sftp.connectionWithKey("vendor", other), MOVE_DOWN);
        assertThat(r.status()).isEqualTo(RunResult.Status.INVALID);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.position().line()).isEqualTo(3);
            assertThat(p.format(org.karakuri.i18n.Messages.get())).contains("the connection 'vendor' pins the host key " + other + " for "
                + sftp.address() + ", but engine.yaml's connections.known-hosts pins " + sftp.fingerprint() + " for that server");
        });
        assertThat(sftp.sessions).hasValue(0);
    }

    @Test
    void aConnectionNobodyPinnedAKeyForIsRefusedAtLoad() throws Exception {
        RunResult r = runWithHome("connections:\n  known-hosts: [\"sftp.example.lg.jp " + sftp.fingerprint() + "\"]\n",
            withoutHostKey(), MOVE_DOWN);
        assertThat(r.status()).isEqualTo(RunResult.Status.INVALID);
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.format(org.karakuri.i18n.Messages.get()))
            .contains("the connection 'vendor' to " + sftp.address() + " pins no host key and engine.yaml's connections.known-hosts has none for that server"));
        assertThat(sftp.sessions).hasValue(0);
    }
}
