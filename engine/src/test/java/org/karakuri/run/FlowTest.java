package org.karakuri.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.context.RunResult;
import org.karakuri.event.RunEvent;
import org.karakuri.testing.Flaky;
import org.karakuri.testing.ScenarioHarness;

/** Control flow compiled to Camel: if, try, retry, continue-on-error, call, on-error, fail. */
class FlowTest {
    @TempDir
    Path dir;
    ScenarioHarness h;

    @BeforeEach
    void setUp() {
        h = new ScenarioHarness(dir).withActions(new Flaky());
        Flaky.CALLS.clear();
    }

    private List<Object> logged() {
        return h.events("log").stream().map(e -> e.get("text")).toList();
    }

    @Test
    void ifRunsThenOrElseByCondition() {
        RunResult r = h.write("s.yaml", """
            scenario: s
            vars:
              区分: 転入
            steps:
              - if: ${区分} == 転入
                then:
                  - log: then
                else:
                  - log: else
              - if: ${区分} != 転入
                then:
                  - log: wrong
                else:
                  - log: other
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(logged()).containsExactly("then", "other");
        assertThat(h.events("condition")).extracting(e -> e.get("result")).containsExactly(true, false);
    }

    @Test
    void retryRedeliversTheFailingStepUntilItSucceeds() {
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - log: before
              - flaky: {name: a, failures: 2}
                retry: {times: 3, wait: 10ms}
              - log: after
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(Flaky.CALLS.get("a").get()).isEqualTo(3);
        assertThat(logged()).containsExactly("before", "after");
        assertThat(h.events("step-ended")).extracting(e -> e.get("outcome"))
            .containsExactly("ok", "will-retry", "will-retry", "ok", "ok");
    }

    @Test
    void retryGivesUpAfterTimesAndFailsAtTheStepsLine() {
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - flaky: {name: b, failures: 9}
                retry: {times: 2, wait: 1ms}
              - log: never
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(Flaky.CALLS.get("b").get()).isEqualTo(3);
        assertThat(r.error()).startsWith(dir.resolve("s.yaml") + ":3:5: flaky b call 3");
        assertThat(logged()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void continueOnErrorRecordsTheFailureAndGoesOn() {
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - fail: not today
                continue-on-error: true
              - log: still here
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(logged()).containsExactly("still here");
        assertThat(h.events("step-continued")).singleElement().satisfies(e -> assertThat(e.get("error").toString()).endsWith("not today"));
        assertThat(r.counts().stepsContinued.get()).isEqualTo(1);
    }

    @Test
    void tryCatchFinallyExposesTheError() {
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - try:
                  - log: trying
                  - fail: 登録できません
                  - log: not reached
                catch:
                  - log: "caught: ${error}"
                finally:
                  - log: finally
              - log: after
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(logged()).hasSize(4).startsWith("trying").endsWith("finally", "after");
        assertThat(logged().get(1).toString()).startsWith("caught: ").endsWith("登録できません");
    }

    @Test
    void onErrorStepsRunBeforeTheRunFails() {
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - fail: broken
            on-error:
              - log: cleaning up
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(logged()).containsExactly("cleaning up");
        assertThat(r.error()).endsWith(":3:5: broken");
    }

    @Test
    void callRunsAnotherScenarioWithItsOwnVariables() throws Exception {
        Files.writeString(dir.resolve("login.yaml"), """
            scenario: login
            vars:
              user: nobody
              office: 市民課
            steps:
              - log: ${user} @ ${office}
              - set:
                  inner: yes
            """);
        RunResult r = h.write("main.yaml", """
            scenario: main
            steps:
              - call: login.yaml
                with:
                  user: clerk01
              - log: back
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(logged()).containsExactly("clerk01 @ 市民課", "back");
        assertThat(h.events("call-ended")).singleElement().satisfies(e -> assertThat(e.get("outcome")).isEqualTo("ok"));
    }

    @Test
    void callOfAnInvalidScenarioFailsWithItsProblems() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "scenario: bad\nsteps:\n  - lgo: x\n");
        RunResult r = h.write("main.yaml", """
            scenario: main
            steps:
              - call: bad.yaml
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("bad.yaml").contains("3:5").contains("lgo");
    }

    @Test
    void failureNamesTheYamlLineInEveryEvent() {
        h.write("s.yaml", """
            scenario: s
            steps:
              - log: one
              - fail: stop here
            """).run();
        RunEvent failed = h.events("step-ended").get(1);
        assertThat(failed.position().line()).isEqualTo(4);
        assertThat(failed.step()).isEqualTo("s@s.yaml:4:5");
        assertThat(h.progress()).anySatisfy(l -> assertThat(l).contains(":4:5").contains("stop here"));
    }
}
