package org.karakuri.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.context.RunResult;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.ledger.RunStatus;
import org.karakuri.testing.ScenarioHarness;

class RunnerTest {
    @TempDir
    Path dir;

    @Test
    void runsStepsInOrderAndWritesTheRunFolder() throws Exception {
        ScenarioHarness h = new ScenarioHarness(dir);
        RunResult r = h.write("hello.yaml", """
            scenario: hello
            vars:
              who: 市民課
            steps:
              - set:
                  greeting: こんにちは ${who}
              - log: ${greeting}
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(h.events("log")).singleElement().satisfies(e -> assertThat(e.get("text")).isEqualTo("こんにちは 市民課"));
        assertThat(r.folder()).isEqualTo(h.home().resolve("runs").resolve(r.runId()));
        assertThat(Files.readAllLines(r.folder().resolve("audit.jsonl"))).hasSize(h.events().size() + 1)
            .first().asString().contains("\"type\":\"run-started\"");
        assertThat(org.karakuri.audit.TrailVerifier.verify(r.folder().resolve("audit.jsonl")).intact()).isTrue();
        assertThat(Files.readString(r.folder().resolve("report.html"))).contains("hello").contains("succeeded".equals("x") ? "" : "Succeeded");
    }

    @Test
    void overridesReplaceDefaultsAndLaterVariablesSeeThem() {
        ScenarioHarness h = new ScenarioHarness(dir).set("inbox", "./other");
        h.write("s.yaml", """
            scenario: s
            vars:
              inbox: ./inbox
              csv: ${inbox}/tennyu.csv
            steps:
              - log: ${csv}
            """).run();
        assertThat(h.events("log")).singleElement().satisfies(e -> assertThat(e.get("text")).isEqualTo("./other/tennyu.csv"));
    }

    @Test
    void rejectsAnOverrideOfAnUndeclaredVariableAsInvalidInput() {
        ScenarioHarness h = new ScenarioHarness(dir).set("inbx", "./x");
        RunResult r = h.write("s.yaml", "scenario: s\nvars:\n  inbox: ./in\nsteps:\n  - log: a\n").run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.problems()).singleElement().asString().contains("--set inbx").contains("inbox");
        assertThat(h.home().resolve("runs")).doesNotExist();
    }

    @Test
    void invalidScenarioRunsNothingAndExitsTwo() {
        ScenarioHarness h = new ScenarioHarness(dir);
        RunResult r = h.write("s.yaml", "scenario: s\nsteps:\n  - log: one\n  - lgo: two\n").run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(h.events()).isEmpty();
        assertThat(h.home().resolve("runs")).doesNotExist();
        try (Ledger ledger = Ledger.open(LedgerSettings.h2(h.home()))) {
            assertThat(ledger.runs().latest(null, 10)).as("the attempt is in the runs table").singleElement().satisfies(run -> {
                assertThat(run.status()).isEqualTo(RunStatus.INVALID);
                assertThat(run.error()).contains("s.yaml:4:5").contains("lgo");
                assertThat(run.folder()).isNull();
            });
        }
    }

    @Test
    void secretsNeverReachTheTrailTheReportOrTheTerminal() {
        ScenarioHarness h = new ScenarioHarness(dir).env("KARAKURI_SECRET_LEGACY_PASSWORD", "hunter2-パス");
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - set:
                  pw: ${secret:legacy.password}
              - log: "password is ${pw}, my number 1234 5678 9018"
              - fail: "login with ${secret:legacy.password} refused"
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(h.homeText()).contains("password is ********").doesNotContain("hunter2").doesNotContain("1234 5678 9018");
        assertThat(String.join("\n", h.progress())).doesNotContain("hunter2").contains("login with ******** refused");
        assertThat(r.error()).doesNotContain("hunter2");
    }

    @Test
    void aLedgerThatCannotBeUsedCostsAWarningNeverTheTrailOrTheReport() {
        ScenarioHarness h = new ScenarioHarness(dir).env("KARAKURI_DB_URL", "jdbc:postgresql://127.0.0.1:1/karakuri?connectTimeout=2")
            .env("KARAKURI_DB_USER", "robot").env("KARAKURI_DB_PASSWORD", "db-pw-4417");
        RunResult r = h.write("s.yaml", "scenario: s\nsteps:\n  - log: 一\n").run();
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(org.karakuri.audit.TrailVerifier.verify(r.folder().resolve("audit.jsonl")).intact()).isTrue();
        assertThat(r.report()).exists();
        assertThat(h.events("run-ended")).singleElement().satisfies(e -> assertThat(String.valueOf(e.get("ledger-error")))
            .contains("jdbc:postgresql://127.0.0.1:1/karakuri").doesNotContain("db-pw-4417"));
        assertThat(h.homeText()).doesNotContain("db-pw-4417");

        RunResult unsupported = h.env("KARAKURI_DB_URL", "jdbc:mysql://db/karakuri").run();
        assertThat(unsupported.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(h.events("run-ended").get(0).get("ledger-error")).asString().contains("KARAKURI_DB_URL jdbc:mysql://db/karakuri");
    }

    @Test
    void aMissingSecretNamesTheVariableToSet() {
        ScenarioHarness h = new ScenarioHarness(dir);
        RunResult r = h.write("s.yaml", "scenario: s\nsteps:\n  - log: ${secret:legacy.user}\n").run();
        assertThat(r.exitCode()).as("refused before step 1").isEqualTo(2);
        assertThat(r.problems()).singleElement().asString().contains("s.yaml:3:10").contains("KARAKURI_SECRET_LEGACY_USER");
    }

    @Test
    void todayAndWarekiFollowTheRunsClock() {
        Clock clock = Clock.fixed(Instant.parse("2019-04-30T03:00:00Z"), ZoneId.of("Asia/Tokyo"));
        ScenarioHarness h = new ScenarioHarness(dir).clock(clock);
        h.write("s.yaml", "scenario: s\nsteps:\n  - log: ${today | wareki} ${today | date:'yyyy/MM/dd'} ${run.id}\n").run();
        assertThat(h.events("log").get(0).get("text").toString()).startsWith("平成31年4月30日 2019/04/30 20190430-120000-s-");
    }

    @Test
    void dryRunPrintsThePlanAndTouchesNothing() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        ScenarioHarness h = new ScenarioHarness(dir).dryRun(true).env("KARAKURI_SECRET_LEGACY_USER", "u")
            .env("KARAKURI_SECRET_LEGACY_PASSWORD", "p");
        RunResult r = h.write("s.yaml", """
            scenario: s
            vars:
              api: http://127.0.0.1:9/never
            steps:
              - http:
                  method: POST
                  url: ${api}
              - log: ${secret:legacy.user} ${secret:legacy.password}
            """).run();
        assertThat(r.exitCode()).isZero();
        assertThat(r.runId()).isNull();
        assertThat(h.home()).doesNotExist();
        assertThat(Files.list(inbox)).isEmpty();
        assertThat(h.progress()).anySatisfy(l -> assertThat(l).contains("s.yaml:5:5").contains("http"))
            .anySatisfy(l -> assertThat(l).contains("KARAKURI_SECRET_LEGACY_PASSWORD").contains("set"))
            .anySatisfy(l -> assertThat(l).contains("KARAKURI_SECRET_LEGACY_USER").contains("set"));
    }
}
