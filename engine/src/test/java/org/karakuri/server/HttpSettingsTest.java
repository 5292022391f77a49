package org.karakuri.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.config.EngineConfig;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.users.Directory;

/** serve's settings come from engine.yaml's server and directory sections, each overridden by the variable docker/compose.yaml sets. */
class HttpSettingsTest {
    @TempDir
    Path home;

    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs")) && Files.exists(p.resolve("karakuri"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    Map<String, String> env(String... pairs) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("KARAKURI_HOME", home.toString()));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void theServeExampleOfTheDocsGivesTlsNamesTimeoutsAndTheDirectory() throws Exception {
        Files.copy(root().resolve("docs/examples/engine-serve.yaml"), home.resolve("engine.yaml"));
        HttpSettings http = HttpSettings.from("0.0.0.0", 8443, false, env());
        assertThat(http.keystore()).isEqualTo(home.resolve("tls/console.p12"));
        assertThat(http.tls()).isTrue();
        assertThat(http.names()).contains("karakuri.city.local", "rpa01", "localhost");
        assertThat(http.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(http.consoleIdle()).isEqualTo(Duration.ofMinutes(15));
        assertThat(http.nodeUrl(8443)).isEqualTo("https://rpa01.city.local:8443");
        assertThat(http.names()).as("the node's own address is one of its names").contains("rpa01.city.local");
        assertThat(Server.Settings.from(home, http, env()).shutdownTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(Directory.from(EngineConfig.load(home, env()).directory())).isPresent();
    }

    @Test
    void serveGraceWinsOverTheShutdownTimeoutOfTheFile() throws Exception {
        Files.copy(root().resolve("docs/examples/engine-serve.yaml"), home.resolve("engine.yaml"));
        HttpSettings http = HttpSettings.from("127.0.0.1", 0, false, env());
        ServeCommand serve = new ServeCommand();
        new picocli.CommandLine(serve).parseArgs("--scenarios", home.toString());
        assertThat(serve.settings(http, env()).shutdownTimeout()).isEqualTo(Duration.ofSeconds(120));
        serve = new ServeCommand();
        new picocli.CommandLine(serve).parseArgs("--scenarios", home.toString(), "--grace", "5");
        assertThat(serve.settings(http, env()).shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theVariablesComposeSetsWinOverTheFile() throws Exception {
        Files.writeString(home.resolve("engine.yaml"), """
            server:
              tls-keystore: tls/console.p12
              names: [karakuri.city.local]
              console-idle-minutes: 15
            """);
        HttpSettings http = HttpSettings.from("0.0.0.0", 8765, false, env(
            "KARAKURI_TLS_KEYSTORE", "/run/karakuri-tls/console.p12", "KARAKURI_TLS_KEYSTORE_PASSWORD", "s3cret",
            "KARAKURI_SERVER_NAMES", "engine-1.example, ENGINE-2.example", "KARAKURI_HTTP_IDLE_TIMEOUT", "5",
            "KARAKURI_CONSOLE_IDLE_MINUTES", "45"));
        assertThat(http.keystore()).isEqualTo(Path.of("/run/karakuri-tls/console.p12"));
        assertThat(http.keystorePassword()).isEqualTo("s3cret");
        assertThat(http.names()).contains("engine-1.example", "engine-2.example").doesNotContain("karakuri.city.local");
        assertThat(http.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(http.consoleIdle()).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void withNothingSetServeListensPlainWithTheDefaultTimeouts() {
        HttpSettings http = HttpSettings.from("127.0.0.1", 0, false, env());
        assertThat(http.tls()).isFalse();
        assertThat(http.keystorePassword()).isEmpty();
        assertThat(http.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(http.consoleIdle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(http.names()).containsExactlyInAnyOrder("localhost", "127.0.0.1", "[::1]");
        assertThat(http.nodeUrl(8765)).as("on loopback the other nodes are on this machine").isEqualTo("http://127.0.0.1:8765");
    }

    @Test
    void aBadTimeoutIsPlacedInTheFileOrAtItsVariable() throws Exception {
        Messages.setDefault(java.util.Locale.ENGLISH);
        Files.writeString(home.resolve("engine.yaml"), "server:\n  console-idle-minutes: 0\n");
        assertThatThrownBy(() -> HttpSettings.from("127.0.0.1", 0, false, env())).isInstanceOf(KarakuriException.class)
            .hasMessageContaining("engine.yaml:2:25").hasMessageContaining("'0' is not a whole number above 0");
        assertThatThrownBy(() -> HttpSettings.from("127.0.0.1", 0, false, env("KARAKURI_HTTP_IDLE_TIMEOUT", "half a minute")))
            .hasMessageContaining("KARAKURI_HTTP_IDLE_TIMEOUT").hasMessageContaining("half a minute");
        Files.delete(home.resolve("engine.yaml"));
        assertThatThrownBy(() -> HttpSettings.from("127.0.0.1", 0, false, env("KARAKURI_NODE_URL", "engine-1")))
            .hasMessageContaining("KARAKURI_NODE_URL").hasMessageContaining("'engine-1' is not an address other nodes can reach");
    }
}
