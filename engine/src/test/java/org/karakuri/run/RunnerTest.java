package org.karakuri.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.testing.ScenarioHarness;

class RunnerTest {
    @TempDir
    Path dir;

    @Test
    void runsStepsInOrderAndWritesTheRunFolder() {
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
        assertThat(r.folder().resolve("audit.jsonl")).exists();
        assertThat(r.folder().resolve("report.html")).exists();
    }
}
