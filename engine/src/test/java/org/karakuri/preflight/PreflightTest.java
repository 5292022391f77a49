package org.karakuri.preflight;

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
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/** A secret or an environment variable that is not set is caught before anything runs. */
class PreflightTest {
    @TempDir
    Path dir;

    static final String LOGIN = """
        scenario: login
        vars:
          user: ${env:LEGACY_USER}
        steps:
          - log: 始めます
          - http:
              url: http://127.0.0.1:9/login
              headers:
                Authorization: Bearer ${secret:legacy.token}
          - log: "${secret:legacy.token} again, and ${env:LEGACY_USER}"
        """;

    private static List<String> problems(RunResult r) {
        return r.problems().stream().map(p -> p.format(Messages.of(Locale.ENGLISH))).toList();
    }

    @Test
    void runRefusesWithExitTwoBeforeStepOneWhenASecretOrAnEnvironmentVariableIsNotSet() {
        ScenarioHarness h = new ScenarioHarness(dir);
        RunResult r = h.write("login.yaml", LOGIN).run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(problems(r)).containsExactly(
            dir.resolve("login.yaml") + ":3:9: vars.user: the environment variable LEGACY_USER is not set",
            dir.resolve("login.yaml") + ":9:31: steps[1].http.headers.Authorization: the secret legacy.token is not set on this computer: "
                + "store it with ./karakuri secret set legacy.token, or set the environment variable KARAKURI_SECRET_LEGACY_TOKEN");
        assertThat(h.events()).as("not even step 1 ran").isEmpty();
        assertThat(h.home().resolve("runs")).doesNotExist();
    }

    @Test
    void aDryRunRefusesTooAndRunsWhenEverythingIsSet() {
        ScenarioHarness h = new ScenarioHarness(dir).dryRun(true).env("LEGACY_USER", "clerk01");
        RunResult r = h.write("login.yaml", LOGIN).run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(problems(r)).singleElement().asString().contains("legacy.token is not set");
        RunResult ok = h.env("KARAKURI_SECRET_LEGACY_TOKEN", "t0ken").run();
        assertThat(ok.exitCode()).isZero();
        assertThat(h.progress()).anySatisfy(l -> assertThat(l).contains("KARAKURI_SECRET_LEGACY_TOKEN").contains("set"));
    }

    @Test
    void validateWarnsButAcceptsTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("login.yaml"), LOGIN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.execute(new String[] {"--lang", "en", "validate", file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), dir.resolve(".karakuri"));
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
            file + ":3:9: vars.user: warning: the environment variable LEGACY_USER is not set (a run here would stop before its first step)",
            file + ":9:31: steps[1].http.headers.Authorization: warning: the secret legacy.token is not set on this computer: store it with "
                + "./karakuri secret set legacy.token, or set the environment variable KARAKURI_SECRET_LEGACY_TOKEN (a run here would stop "
                + "before its first step)");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(file + ": OK");
    }

    @Test
    void theMessagesAreInJapaneseToo() {
        RunResult r = new ScenarioHarness(dir).env("LEGACY_USER", "u").write("login.yaml", LOGIN).run();
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.format(Messages.of(Locale.JAPANESE)))
            .endsWith("シークレット legacy.token がこのコンピューターに設定されていません。./karakuri secret set legacy.token で保管するか、"
                + "環境変数 KARAKURI_SECRET_LEGACY_TOKEN を設定してください"));
    }
}
