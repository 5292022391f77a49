package org.karakuri.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.cli.Main;

class ServeCommandTest {
    @TempDir
    Path home;

    @Test
    void serveHelpExplainsTheOptionsInsteadOfRefusingThem() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.execute(new String[] {"--lang", "en", "serve", "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8), home);
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--scenarios").contains("--bind").contains("--insecure-http")
            .contains("KARAKURI_TLS_KEYSTORE").contains("user add");
    }

    @Test
    void refusesAnAddressBeyondLoopbackWithoutTlsAndSaysWhatToDo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.execute(new String[] {"--lang", "en", "serve", "--scenarios", home.toString(), "--bind", "0.0.0.0", "--port", "0"},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), home);
        assertThat(exit).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("KARAKURI_TLS_KEYSTORE").contains("--insecure-http");
    }
}
