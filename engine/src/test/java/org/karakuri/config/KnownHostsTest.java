package org.karakuri.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.model.Connection;

/** {@code connections.known-hosts} in engine.yaml: the host keys the administrator pins, which a scenario's must agree with. */
class KnownHostsTest {
    private static final String A = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8";
    private static final String B = "SHA256:ZJcK6pG1o3yQ1y4q8bA0m3f1mM0u3bJ7Wc5n1cJQmzE";

    @TempDir
    Path home;

    private ConnectionsConfig load(String yaml, Map<String, String> env) throws Exception {
        Files.writeString(home.resolve("engine.yaml"), yaml);
        return EngineConfig.load(home, env).connections();
    }

    private static Connection connection(String sftp, String hostKey) {
        return Connection.sftp(sftp, Template.parse("${secret:vendor.user}"), Template.parse("${secret:vendor.key}"), null, hostKey, null);
    }

    @Test
    void aListedServerIsFoundByHostAndPortPort22WhenNoneIsWritten() throws Exception {
        ConnectionsConfig c = load("""
            connections:
              known-hosts:
                - "sftp.example.lg.jp %s"
                - "[2001:db8::5]:2222 %s="
            """.formatted(A, B), Map.of());
        assertThat(c.knownHost("SFTP.example.lg.jp", 22)).hasValue(A);
        assertThat(c.knownHost("sftp.example.lg.jp", 2222)).isEmpty();
        assertThat(c.knownHost("2001:db8::5", 2222)).hasValue(B);
        assertThat(c.hostKey("vendor", connection("sftp.example.lg.jp", null))).isEqualTo(A);
        assertThat(c.hostKey("vendor", connection("sftp.example.lg.jp:22", A + "="))).isEqualTo(A);
        assertThat(c.hostKey("other", connection("other.example.lg.jp", B))).as("a server not listed: the scenario's pin").isEqualTo(B);
    }

    @Test
    void theEnvironmentGivesTheListCommaSeparated() throws Exception {
        ConnectionsConfig c = load("", Map.of("KARAKURI_KNOWN_HOSTS", "a.example:2222 " + A + ", b.example " + B));
        assertThat(c.knownHost("a.example", 2222)).hasValue(A);
        assertThat(c.knownHost("b.example", 22)).hasValue(B);
    }

    @Test
    void aScenarioPinThatDisagreesAndNoPinAtAllAreRefused() throws Exception {
        ConnectionsConfig c = load("connections:\n  known-hosts: [\"sftp.example.lg.jp " + A + "\"]\n", Map.of());
        assertThatThrownBy(() -> c.hostKey("vendor", connection("sftp.example.lg.jp", B)))
            .isInstanceOfSatisfying(KarakuriException.class, e -> assertThat(Messages.of(Locale.ENGLISH).format(e.key(), e.args()))
                .isEqualTo("the connection 'vendor' pins the host key " + B + " for sftp.example.lg.jp, but engine.yaml's "
                    + "connections.known-hosts pins " + A + " for that server; remove host-key from the scenario (the administrator's "
                    + "pin applies) or ask the administrator which key is right"));
        assertThatThrownBy(() -> c.hostKey("vendor", connection("other.example.lg.jp", null)))
            .isInstanceOfSatisfying(KarakuriException.class, e -> assertThat(e.key()).isEqualTo("connection.no-host-key"));
    }

    @Test
    void anEntryThatIsNoKnownHostStopsTheEngineWithItsPlace() throws Exception {
        assertThatThrownBy(() -> load("connections:\n  known-hosts:\n    - sftp.example.lg.jp ssh-ed25519 AAAAC3Nz\n", Map.of()))
            .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.message(Locale.ENGLISH))
                .contains("engine.yaml:")
                .contains("'sftp.example.lg.jp ssh-ed25519 AAAAC3Nz' is not a known host: write \"host[:port] SHA256:fingerprint\""));
    }
}
