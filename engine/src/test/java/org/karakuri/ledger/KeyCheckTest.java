package org.karakuri.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.cli.Main;
import org.karakuri.config.SecretsConfig;
import org.karakuri.secret.MasterKey;
import org.karakuri.secret.SecretStore;
import org.karakuri.spi.RowStatus;

/** A missing or wrong master key stops serve before it starts anything (issue 14.9). */
class KeyCheckTest {
    @TempDir
    Path dir;
    Path home;
    Path keyFile;
    Path scenarios;
    String err;

    @BeforeEach
    void engine() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        keyFile = dir.resolve("keys/master.key");
        scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(home.resolve("engine.yaml"), "secrets:\n  key-file: " + keyFile + "\n");
    }

    private int serve() {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"--lang", "en", "serve", "--scenarios", scenarios.toString(), "--port", "0"},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), home);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private void ledgerWithARowHiddenBy(String keyId) {
        try (Ledger l = Ledger.open(LedgerSettings.h2(home))) {
            l.finished("tennyu", "hmac:" + keyId + ":" + "0".repeat(64), RowStatus.DONE, "r1", 2, null);
        }
    }

    @Test
    void aLedgerWithHiddenRowsAndNoKeyStopsServe() {
        ledgerWithARowHiddenBy("k0123456789ab");
        assertThat(serve()).isEqualTo(2);
        assertThat(err).contains("no master key at " + keyFile).contains("rows done before would be entered again");
    }

    @Test
    void aLedgerHiddenWithAnotherKeyStopsServeNamingBothKeys() throws Exception {
        ledgerWithARowHiddenBy("k0123456789ab");
        Files.createDirectories(keyFile.getParent());
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        Files.setPosixFilePermissions(keyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(serve()).isEqualTo(2);
        assertThat(err).contains("the ledger holds keys of rows of every scenario hidden with the master key k0123456789ab")
            .contains(MasterKey.id(new byte[32]));
    }

    @Test
    void aSecretStoreWithoutItsKeyStopsServe() throws Exception {
        MasterKey key = MasterKey.create(new SecretsConfig(home.resolve("secrets.store"), keyFile, null), home);
        SecretStore.open(home.resolve("secrets.store"), key).set("legacy.password", "x-value");
        Files.delete(keyFile);
        assertThat(serve()).isEqualTo(2);
        assertThat(err).contains("no master key at " + keyFile).contains("the secret store is encrypted with it");
    }
}
