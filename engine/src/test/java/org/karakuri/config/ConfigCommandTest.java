package org.karakuri.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.cli.Main;

class ConfigCommandTest {
    @TempDir
    Path home;

    @Test
    void showsEverySettingAndWhereItCameFrom() throws Exception {
        Files.writeString(home.resolve("engine.yaml"), """
            capabilities:
              roots: [/srv/kyoyu]
            database:
              password: do-not-print-me
            """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"--lang", "en", "config"}, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), home);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(text)
            .contains("configuration file: " + home.resolve("engine.yaml"))
            .contains("capabilities.roots = [/srv/kyoyu]    (" + home.resolve("engine.yaml") + ":2:10)")
            .contains("capabilities.camel-components = [log, seda, file, http, https, smtp, smtps]    (default)")
            .contains("database.password = (set)")
            .doesNotContain("do-not-print-me");
    }

    @Test
    void aBadFileExitsWithTwoAndItsPlace() throws Exception {
        Files.writeString(home.resolve("engine.yaml"), "capabilities:\n  open-schemes: [ftp]\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"--lang", "en", "config"}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), home);
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("engine.yaml:2:18: capabilities.open-schemes: 'ftp' cannot be allowed for open");
    }
}
