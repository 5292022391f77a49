package org.karakuri.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.context.RunResult;
import org.karakuri.testing.Counting;
import org.karakuri.testing.ScenarioHarness;

/** Loops take each item only when its turn comes, isolate item variables, and go on after a failed item. */
class LoopTest {
    @TempDir
    Path dir;
    ScenarioHarness h;

    @BeforeEach
    void setUp() {
        h = new ScenarioHarness(dir).withActions(new Counting());
        Counting.LOG.clear();
    }

    @Test
    void takesTheNextItemOnlyAfterThePreviousOneIsDone() {
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - count:
                  to: 3
                  skip: 2
                  steps:
                    - log: n=${n}
              - log: after
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(Counting.LOG).containsExactly("take 1", "ok 1", "take 2", "take 3", "ok 3", "close");
        assertThat(h.events("log")).extracting(e -> e.get("text")).containsExactly("n=1", "n=3", "after");
        assertThat(h.events("item-ended")).extracting(e -> e.get("outcome")).containsExactly("ok", "skipped", "ok");
        assertThat(r.counts().itemsSkipped.get()).isEqualTo(1);
    }

    @Test
    void aFailedItemIsRecordedAndTheOthersStillRunButTheRunFails() {
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - count:
                  to: 3
                  steps:
                    - if: ${n} == 2
                      then:
                        - fail: two is bad
                    - set:
                        last: ${n}
              - log: last=${last}
            """).run();
        assertThat(Counting.LOG).containsExactly("take 1", "ok 1", "take 2", "failed 2", "take 3", "ok 3", "close");
        assertThat(h.events("log")).extracting(e -> e.get("text")).containsExactly("last=3");
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(h.events("item-ended").get(1).get("error").toString()).contains("s.yaml:8:15").contains("two is bad");
        assertThat(h.progress()).noneMatch(l -> l.contains("null"));
    }

    @Test
    void itemVariablesDoNotLeakOutOfTheLoop() {
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - count:
                  to: 2
                  steps:
                    - log: ${n}
              - log: ${n}
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("s.yaml:7:5").contains("'n'");
    }

    @Test
    void nestedLoopsKeepTheirOwnItems() {
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - count:
                  to: 2
                  steps:
                    - set:
                        outer: ${n}
                    - count:
                        to: 2
                        steps:
                          - log: ${outer}.${n}
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(h.events("log")).extracting(e -> e.get("text")).containsExactly("1.1", "1.2", "2.1", "2.2");
    }

    @Test
    void aStoppedRunStartsNoFurtherStep() {
        org.karakuri.event.EventSink stopAtThird = e -> {
            if (e.type().equals("item-started") && Integer.valueOf(3).equals(e.get("index"))) {
                ActiveRuns.stop(e.runId(), "operator");
            }
        };
        h.write("s.yaml", """
            scenario: s
            steps:
              - count:
                  to: 1000
                  steps:
                    - log: ${n}
              - log: after
            """);
        RunResult r = new Runner(h.registry()).run(h.dir().resolve("s.yaml"), RunOptions.defaults().withHome(h.home())
            .withSinks(java.util.List.of(stopAtThird)));
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.counts().itemsOk.get()).isEqualTo(2);
        assertThat(Counting.LOG).doesNotContain("take 4").contains("close");
    }
}
