package org.karakuri.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

class CamelToTest {
    @TempDir
    Path dir;

    @Test
    void sendsTheValueToAnyCamelEndpoint() throws Exception {
        Path out = dir.resolve("out");
        ScenarioHarness h = new ScenarioHarness(dir);
        RunResult r = h.write("s.yaml", """
            scenario: s
            vars:
              no: R-0001
            steps:
              - camel:
                  to: file:%s?fileName=notice.txt&charset=UTF-8
                  body: 受付番号 ${no} を登録しました
            """.formatted(out)).run();
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(Files.readString(out.resolve("notice.txt"))).isEqualTo("受付番号 R-0001 を登録しました");
        assertThat(h.events("camel")).hasSize(1);
    }
}
