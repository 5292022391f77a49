package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.karakuri.i18n.Messages;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.context.RunResult;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.testing.ScenarioHarness;

/** {@code open} loads only what the engine's capability policy allows (issue 14.1). */
class OpenCapabilityTest extends BrowserTest {

    private List<String> problems(String yaml) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, yaml);
        return new ScenarioLoader(ActionRegistry.installed()).check(file, "s.yaml").problems().stream()
            .map(p -> p.format(Messages.of(Locale.ENGLISH))).toList();
    }

    @Test
    void aFileUrlOutsideTheAllowedFoldersIsRefusedAtValidation() throws Exception {
        assertThat(problems("""
            scenario: s
            steps:
              - open: file:///etc/shadow
              - read:
                  secret: css:body
            """)).singleElement().asString()
            .startsWith("s.yaml:3:5: steps[0].open: '/etc/shadow' is outside the folders this scenario may touch");
    }

    @Test
    void schemesOtherThanHttpHttpsAndFileAreRefusedAtValidation() throws Exception {
        assertThat(problems("scenario: s\nsteps:\n  - open: \"javascript:alert(1)\"\n")).singleElement().asString()
            .isEqualTo("s.yaml:3:5: steps[0].open: open may not load 'javascript:' addresses; this engine allows: http, https, file "
                + "(the administrator sets capabilities.open-schemes in engine.yaml)");
        assertThat(problems("scenario: s\nsteps:\n  - open: \"data:text/html,<b>x</b>\"\n")).singleElement().asString()
            .contains("open may not load 'data:' addresses");
        assertThat(problems("scenario: s\nsteps:\n  - open: https://jumin.example.lg.jp/menu\n  - open: /resident/new\n")).isEmpty();
    }

    @Test
    void anAddressKnownOnlyWhenTheStepRunsIsCheckedBeforeItLoads() {
        ScenarioHarness h = new ScenarioHarness(dir).write("s.yaml", """
            scenario: s
            vars:
              page: https://example.invalid/
            browser:
              timeout: 3s
            steps:
              - open: ${page}
            """).set("page", "file:///etc/hostname");
        RunResult r = h.run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("'/etc/hostname' is outside the folders this scenario may touch");
    }

    @Test
    void aFileInsideTheScenarioFolderOpens() throws Exception {
        Path page = dir.resolve("page.html");
        Files.writeString(page, "<html><body><p id='m'>ようこそ</p></body></html>");
        TestContext ctx = run("""
            - open: %s
            - read:
                message: css:#m
            """.formatted(page.toUri()));
        assertThat(ctx.variable("message")).isEqualTo("ようこそ");
    }
}
