package org.karakuri.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.cli.Main;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/** {@code karakuri secret} and {@code ${secret:…}}: encrypted at rest, read before the environment, never without its key. */
class SecretStoreTest {
    @TempDir
    Path dir;

    Path home;
    Path keyFile;
    String out;
    String err;

    @BeforeEach
    void engineWithAKeyOutsideItsHome() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        keyFile = dir.resolve("keys/master.key");
        Files.writeString(home.resolve("engine.yaml"), "secrets:\n  key-file: " + keyFile + "\n");
    }

    @AfterEach
    void restoreStdin() {
        SecretCommand.stdin = System.in;
    }

    private int cli(String stdin, String... args) {
        SecretCommand.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--lang";
        all[1] = "en";
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.execute(all, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), home);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private ScenarioHarness harness() {
        return new ScenarioHarness(dir).env("KARAKURI_HOME", home.toString()).env("KARAKURI_MASTER_KEY_FILE", keyFile.toString());
    }

    private static final String WRITES_THE_SECRET = """
        scenario: s
        steps:
          - camel:
              to: file:./out?fileName=value.txt
              body: ${secret:legacy.password}
        """;

    @Test
    void setListAndRemoveKeepTheValueEncryptedAndOutOfEveryOutput() throws Exception {
        assertThat(cli("p@ss-ワード\n", "secret", "set", "legacy.password")).as(err).isZero();
        assertThat(err).contains("made a new master key at " + keyFile).contains("secret 'legacy.password' set");
        Path store = home.resolve("secrets.store");
        assertThat(Files.readString(store)).contains("legacy.password").doesNotContain("p@ss").contains("karakuri-secrets/1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent()))).isEqualTo("rwx------");

        assertThat(cli("", "secret", "list")).isZero();
        assertThat(out).isEqualTo("legacy.password\n");
        assertThat(cli("", "secret", "remove", "legacy.password")).isZero();
        assertThat(cli("", "secret", "list")).isZero();
        assertThat(out).isEmpty();
        assertThat(cli("", "secret", "remove", "legacy.password")).isEqualTo(1);
        assertThat(err).contains("holds no secret 'legacy.password'");
    }

    @Test
    void aScenarioReadsTheStoreBeforeTheEnvironmentAndMasksIt() throws Exception {
        cli("from-the-store", "secret", "set", "legacy.password");
        ScenarioHarness h = harness().env("KARAKURI_SECRET_LEGACY_PASSWORD", "from-the-environment");
        RunResult r = h.write("s.yaml", WRITES_THE_SECRET).run();
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(dir.resolve("out/value.txt")).hasContent("from-the-store");
        assertThat(Files.readString(r.folder().resolve("audit.jsonl"))).doesNotContain("from-the-store");

        cli("", "secret", "remove", "legacy.password");
        r = h.run();
        assertThat(dir.resolve("out/value.txt")).hasContent("from-the-environment");
    }

    @Test
    void aMissingKeyStopsTheRunInsteadOfFallingBackToTheEnvironment() throws Exception {
        cli("from-the-store", "secret", "set", "legacy.password");
        Files.delete(keyFile);
        RunResult r = harness().env("KARAKURI_SECRET_LEGACY_PASSWORD", "from-the-environment").write("s.yaml", WRITES_THE_SECRET).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("no master key at " + keyFile).contains("the secret store is encrypted with it");
        assertThat(dir.resolve("out/value.txt")).doesNotExist();
    }

    @Test
    void aWrongKeyNamesBothKeysAndStops() throws Exception {
        cli("from-the-store", "secret", "set", "legacy.password");
        assertThat(cli("", "secret", "key")).isZero();
        String right = out.split(" ")[2];
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        assertThat(cli("", "secret", "list")).isEqualTo(2);
        assertThat(err).contains("was written with the master key " + right + ", but this engine has the key k");
    }

    @Test
    void theKeyFileMustBeOwnerOnlyAndOutsideTheHome() throws Exception {
        cli("x-value", "secret", "set", "a");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(cli("", "secret", "list")).isEqualTo(2);
        assertThat(err).contains("other users can read or write the master key file " + keyFile + ": make it readable by the engine's user only (chmod 600");

        Files.writeString(home.resolve("engine.yaml"), "secrets:\n  key-file: keys/master.key\n");
        assertThat(cli("y-value", "secret", "set", "b")).isEqualTo(2);
        assertThat(err).contains("is inside KARAKURI_HOME");
    }

    @Test
    void rotatingTheKeyKeepsEverySecretAndRetiresTheOldKey() throws Exception {
        cli("first-value", "secret", "set", "one");
        cli("second-value", "secret", "set", "two");
        cli("", "secret", "key");
        String before = out.split(" ")[2];
        assertThat(cli("", "secret", "rotate-key")).as(err).isZero();
        assertThat(out).contains("the previous key " + before + " is kept as retired");
        assertThat(Files.readString(home.resolve("secrets.store"))).doesNotContain(before);
        cli("", "secret", "key");
        assertThat(out).contains("retired key " + before);
        assertThat(cli("", "secret", "list")).isZero();
        assertThat(out).isEqualTo("one\ntwo\n");

        RunResult r = harness().write("s.yaml", WRITES_THE_SECRET.replace("legacy.password", "two")).run();
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(dir.resolve("out/value.txt")).hasContent("second-value");
    }

    @Test
    void theKeyMayComeFromTheEnvironmentInsteadOfAFile() throws Exception {
        String key = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        MasterKey k = MasterKey.find(new org.karakuri.config.SecretsConfig(home.resolve("secrets.store"), keyFile, key), home).orElseThrow();
        SecretStore.open(home.resolve("secrets.store"), k).set("legacy.password", "via-env-key");
        RunResult r = harness().env("KARAKURI_MASTER_KEY", key).write("s.yaml", WRITES_THE_SECRET).run();
        // with the key in the environment no key file is made, even where the configuration names one
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(dir.resolve("out/value.txt")).hasContent("via-env-key");
        assertThat(keyFile).doesNotExist();
    }

    @Test
    void aValueMovedToAnotherNameNoLongerOpens() throws Exception {
        cli("moved-value", "secret", "set", "one");
        cli("other", "secret", "set", "two");
        Path store = home.resolve("secrets.store");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(store.toFile());
        var secrets = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("secrets");
        secrets.set("two", secrets.get("one"));
        Files.writeString(store, json.toString());
        RunResult r = harness().write("s.yaml", WRITES_THE_SECRET.replace("legacy.password", "two")).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("the secret 'two' in " + store + " cannot be decrypted");
    }
}
