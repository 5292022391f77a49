package org.karakuri.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.cli.Main;
import org.karakuri.i18n.Messages;
import org.karakuri.load.Problem;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/** A scenario reaches only what the engine's capability policy allows (issue 14.1). */
class CapabilityCheckTest {
    @TempDir
    Path dir;

    private List<String> problems(String yaml) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, yaml);
        return new ScenarioLoader().check(file, "s.yaml").problems().stream().map(p -> p.format(Messages.of(Locale.ENGLISH))).toList();
    }

    @Test
    void aFileEndpointOutsideTheAllowedFoldersIsRefusedBeforeAnythingRuns() throws Exception {
        assertThat(problems("""
            scenario: s
            steps:
              - log: start
              - camel:
                  to: file:/tmp?fileName=planted.txt
            """)).singleElement().asString()
            .startsWith("s.yaml:4:5: steps[1].camel: '/tmp' is outside the folders this scenario may touch");
    }

    @Test
    void theLanguageComponentIsRefusedSoTheEnvironmentCannotBeRead() throws Exception {
        assertThat(problems("""
            scenario: s
            steps:
              - camel:
                  to: language:simple:$${sysenv.HOME}
                  into: home
            """)).singleElement().asString()
            .isEqualTo("s.yaml:3:5: steps[0].camel: the Camel component 'language' is not allowed; this engine allows: "
                + "log, seda, file, http, https, smtp, smtps (the administrator sets capabilities.camel-components in engine.yaml)");
    }

    @Test
    void dangerousComponentsAreRefusedByDefault() throws Exception {
        for (String uri : List.of("exec:cat?args=/etc/passwd", "bean:java.lang.Runtime?method=exec", "class:java.lang.Object",
            "jdbc:ds", "sql:select 1", "direct:karakuri-s", "controlbus:route?action=stop")) {
            assertThat(problems("scenario: s\nsteps:\n  - camel: " + uri + "\n")).as(uri).singleElement().asString()
                .contains("is not allowed; this engine allows");
        }
    }

    @Test
    void camelExpressionsPlaceholdersAndBeanReferencesAreRefusedInAllowedComponents() throws Exception {
        assertThat(problems("scenario: s\nsteps:\n  - camel: log:{{env:KARAKURI_DB_PASSWORD}}\n")).singleElement().asString()
            .contains("'{{' is not allowed in a camel: URI");
        assertThat(problems("scenario: s\nsteps:\n  - camel: file:./out?fileName=$${sysenv.HOME}.txt\n")).singleElement().asString()
            .contains("'${' is not allowed in a camel: URI");
        assertThat(problems("scenario: s\nsteps:\n  - camel: log:x?exchangeFormatter=%23class:java.lang.Object\n")).singleElement().asString()
            .contains("the option 'exchangeFormatter' refers to an object");
        assertThat(problems("scenario: s\nsteps:\n  - camel: file:./out?fileName=a.txt&jailStartingDirectory=false\n")).singleElement().asString()
            .contains("the file: option 'jailStartingDirectory' is not allowed here");
        assertThat(problems("scenario: s\nsteps:\n  - camel: file:./out?fileName=../../../escape.txt\n")).singleElement().asString()
            .contains("is outside the folders this scenario may touch");
    }

    @Test
    void aComponentHiddenInAVariableIsRefused() throws Exception {
        assertThat(problems("""
            scenario: s
            vars:
              target: exec:sh
            steps:
              - camel: ${target}
            """)).singleElement().asString()
            .contains("write the Camel component out at the start of the URI");
    }

    @Test
    void allowedEndpointsInsideTheScenarioFolderPass() throws Exception {
        assertThat(problems("""
            scenario: s
            vars:
              no: R-1
            steps:
              - camel: log:tennyu
              - camel:
                  to: file:./out?fileName=notice-${no}.txt&charset=UTF-8
              - camel: seda:notifications
            """)).isEmpty();
    }

    @Test
    void aFolderKnownOnlyWhenTheStepRunsIsCheckedThenAndNothingIsWritten() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path scenarioFolder = Files.createDirectories(dir.resolve("scenarios"));
        ScenarioHarness h = new ScenarioHarness(scenarioFolder);
        RunResult r = h.write("s.yaml", """
            scenario: s
            vars:
              folder: ./out
            steps:
              - camel:
                  to: file:${folder}?fileName=planted.txt
                  body: x
            """).set("folder", outside.toString()).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("is outside the folders this scenario may touch");
        assertThat(outside.resolve("planted.txt")).doesNotExist();
    }

    @Test
    void aRelativeFileEndpointWritesUnderTheScenarioFolderNotTheEnginesWorkingFolder() throws Exception {
        ScenarioHarness h = new ScenarioHarness(dir);
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - camel:
                  to: file:out?fileName=notice.txt
                  body: 登録しました
            """).run();
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(dir.resolve("out/notice.txt")).hasContent("登録しました");
        assertThat(Path.of("out/notice.txt")).doesNotExist();
    }

    @Test
    void anAdministratorMayAllowAComponentInEngineYaml() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "scenario: s\nsteps:\n  - camel: language:constant:hello\n");
        assertThat(validate(home, file)).isEqualTo(2);
        Files.writeString(home.resolve("engine.yaml"), "capabilities:\n  camel-components: [log, language]\n");
        assertThat(validate(home, file)).isZero();
    }

    @Test
    void theRefusalSpeaksJapanese() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "scenario: s\nsteps:\n  - camel: exec:sh\n");
        Problem p = new ScenarioLoader().check(file, "s.yaml").problems().get(0);
        assertThat(p.format(Messages.of(Locale.JAPANESE))).isEqualTo("s.yaml:3:5: steps[0].camel: Camel のコンポーネント 'exec' は使えません。"
            + "このエンジンで使えるもの: log, seda, file, http, https, smtp, smtps（管理者が engine.yaml の capabilities.camel-components で決めます）");
    }

    private static int validate(Path home, Path file) {
        return Main.execute(new String[] {"validate", file.toString()}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), home);
    }
}
