package org.karakuri.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.i18n.Messages;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/** A secret, and everything a filter makes of it, never reaches the trail or the report (issue 14.3). */
class SecretMaskingTest {
    @TempDir
    Path dir;

    private String written(RunResult r) throws Exception {
        return Files.readString(r.folder().resolve("audit.jsonl")) + Files.readString(r.folder().resolve("report.html"));
    }

    @Test
    void valuesFiltersMakeOfASecretAreMaskedToo() throws Exception {
        ScenarioHarness h = new ScenarioHarness(dir).env("KARAKURI_SECRET_PW", " Hunter2-abc ");
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - log: "upper ${secret:pw | upper}"
              - log: "lower ${secret:pw | lower}"
              - log: "zenkaku ${secret:pw | zenkaku}"
              - log: "hankaku ${secret:pw | zenkaku | hankaku}"
              - log: "trim [${secret:pw | trim}]"
              - set:
                  shout: ${secret:pw | trim | upper}
              - log: "again ${shout | lower}"
            """).run();
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunResult.Status.SUCCEEDED);
        String text = written(r);
        for (String form : List.of("HUNTER2-ABC", "hunter2-abc", "Ｈｕｎｔｅｒ２－ａｂｃ", "Hunter2-abc")) {
            assertThat(text).as(form).doesNotContain(form);
        }
        assertThat(text).contains("upper ********").contains("trim [********]").contains("again ********");
    }

    @Test
    void aSecretShorterThanThreeCharactersIsMaskedWhereItStandsAsAWord() throws Exception {
        ScenarioHarness h = new ScenarioHarness(dir).env("KARAKURI_SECRET_PIN", "42");
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - log: "PIN: ${secret:pin}, 受付番号 R-4242"
            """).run();
        String text = written(r);
        assertThat(text).doesNotContain("PIN: 42").contains("PIN: ********, 受付番号 R-4242");
    }

    @Test
    void envCannotReadTheEnginesOwnVariables() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
            scenario: s
            vars:
              token: ${env:KARAKURI_API_TOKEN}
              home: ${env:HOME}
            steps:
              - log: ${env:KARAKURI_SECRET_LEGACY_PASSWORD}
              - if: ${env:KARAKURI_MASTER_KEY} == x
                then:
                  - log: key
            """);
        List<String> problems = new ScenarioLoader().check(file, "s.yaml").problems().stream()
            .map(p -> p.format(Messages.of(Locale.ENGLISH))).toList();
        assertThat(problems).containsExactly(
            "s.yaml:3:3: vars.token: env:KARAKURI_API_TOKEN cannot be read by a scenario: KARAKURI_… variables belong to the engine "
                + "(secrets, keys, tokens). Read a secret with secret:name (for example secret:legacy.password)",
            "s.yaml:6:5: steps[0].log: env:KARAKURI_SECRET_LEGACY_PASSWORD cannot be read by a scenario: KARAKURI_… variables belong to "
                + "the engine (secrets, keys, tokens). Read a secret with secret:name (for example secret:legacy.password)",
            "s.yaml:7:5: steps[1].if: env:KARAKURI_MASTER_KEY cannot be read by a scenario: KARAKURI_… variables belong to the engine "
                + "(secrets, keys, tokens). Read a secret with secret:name (for example secret:legacy.password)");
    }

    @Test
    void envOfAnEngineVariableIsRefusedWhenEvaluatedToo() throws Exception {
        ScenarioHarness h = new ScenarioHarness(dir).env("KARAKURI_SECRET_PW", "hunter2-xyz");
        RunResult r = h.write("s.yaml", """
            scenario: s
            vars:
              site: http://127.0.0.1:9
            steps:
              - http:
                  method: POST
                  url: ${site}/x
                  body:
                    leaked: ${env:KARAKURI_SECRET_PW}
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("env:KARAKURI_SECRET_PW cannot be read by a scenario").doesNotContain("hunter2");
    }
}
