package org.karakuri.robots.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.cli.Main;
import org.karakuri.i18n.Messages;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.spi.RowOutcome;
import org.karakuri.spi.RowStatus;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/** Business keys are compared however they are written, My Numbers kept as a keyed HMAC, and an upgrade enters no row twice (issue 14.4). */
class LedgerKeysTest {
    @TempDir
    Path dir;
    ScenarioHarness h;
    Path keyFile;

    @BeforeEach
    void setUp() {
        Messages.setDefault(Locale.ENGLISH);
        keyFile = dir.resolve(".karakuri-keys/master.key");
        h = new ScenarioHarness(dir).write("s.yaml", """
            scenario: s
            steps:
              - for-each-row:
                  file: in.csv
                  key: 番号
                  steps:
                    - log: entered ${row.行}
            """);
    }

    private RunResult run(String... keys) {
        StringBuilder csv = new StringBuilder("番号,行\n");
        for (int i = 0; i < keys.length; i++) {
            csv.append(keys[i]).append(',').append(i + 1).append('\n');
        }
        TestFiles.csv(dir.resolve("in.csv"), StandardCharsets.UTF_8, false, csv.toString());
        return h.run();
    }

    private List<Object> entered() {
        return h.events("log").stream().map(e -> e.get("text")).toList();
    }

    private List<RowOutcome> ledger() {
        try (Ledger l = Ledger.open(LedgerSettings.h2(h.home()))) {
            return l.rows("s");
        }
    }

    @Test
    void aKeyWrittenAnotherWayIsTheSameRow() {
        assertThat(run("123456789018", "R-1").status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(entered()).containsExactly("entered 1", "entered 2");

        assertThat(run("１２３４５６７８９０１８", "Ｒ－１").status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(entered()).isEmpty();
        assertThat(run("1234-5678-9018", "R−1").status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(entered()).isEmpty();
        assertThat(h.events("item-ended")).extracting(e -> e.get("outcome")).containsExactly("skipped", "skipped");

        List<RowOutcome> rows = ledger();
        assertThat(rows).hasSize(2);
        assertThat(rows).extracting(RowOutcome::key).contains("R-1").noneMatch(k -> k.contains("123456789018") || k.startsWith("sha256:"));
        assertThat(rows).extracting(RowOutcome::key).anyMatch(k -> k.matches("hmac:k[0-9a-f]{12}:[0-9a-f]{64}"));
    }

    @Test
    void twoWaysOfWritingOneKeyInOneFileAreADuplicate() {
        RunResult r = run("R-1", "Ｒ－１");
        assertThat(entered()).containsExactly("entered 1");
        assertThat(h.events("item-ended")).extracting(e -> e.get("outcome")).containsExactly("ok", "invalid");
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
    }

    /** What the version before this one kept for a key (its RowItems.ledgerKey): the key as written, or its unsalted SHA-256. */
    private static String olderVersionKey(String written, boolean hidden) throws Exception {
        return hidden ? "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(written.getBytes(StandardCharsets.UTF_8)))
            : written;
    }

    @Test
    void anUpgradeNeverEntersAgainARowDoneBefore() throws Exception {
        try (Ledger l = Ledger.open(LedgerSettings.h2(h.home()))) {
            l.finished("s", olderVersionKey("1234-5678-9018", true), RowStatus.DONE, "old-run", 2, null);
            l.finished("s", olderVersionKey("Ｒ－１", false), RowStatus.DONE, "old-run", 3, null);
            l.finished("s", olderVersionKey("R-2", false), RowStatus.DONE, "old-run", 4, null);
            // 2-4-6 was not seen as a My Number then: kept in clear
            l.finished("s", olderVersionKey("98 7654 321093", false), RowStatus.DONE, "old-run", 5, null);
        }
        run("123456789018", "R-1", "R-2", "R-3", "９８ ７６５４ ３２１０９３");
        assertThat(entered()).containsExactly("entered 4");
        assertThat(ledger()).extracting(RowOutcome::key, RowOutcome::runId).doesNotContain(
            tuple("Ｒ－１", "old-run"), tuple("98 7654 321093", "old-run"))
            .contains(tuple("R-1", "old-run"), tuple("R-2", "old-run"));
        assertThat(ledger()).extracting(RowOutcome::key).noneMatch(k -> k.startsWith("sha256:") || k.contains("7654"))
            .filteredOn(k -> k.startsWith("hmac:")).hasSize(2);
    }

    @Test
    void aMissingKeyStopsTheRunInsteadOfEnteringDoneRowsAgain() throws Exception {
        run("123456789018");
        assertThat(keyFile).exists();
        Files.delete(keyFile);
        RunResult r = run("123456789018");
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("no master key at " + keyFile).contains("rows done before would be entered again");
        assertThat(entered()).isEmpty();
    }

    @Test
    void aWrongKeyStopsTheRunNamingTheKeys() throws Exception {
        run("123456789018");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        RunResult r = run("123456789018");
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("the ledger holds keys of rows of s hidden with the master key k").contains("which this engine does not have");
        assertThat(entered()).isEmpty();
    }

    @Test
    void rowsDoneBeforeARotationOfTheKeyAreStillRecognised() throws Exception {
        run("123456789018");
        String before = ledger().get(0).key();
        Files.writeString(h.home().resolve("engine.yaml"), "secrets:\n  key-file: " + keyFile + "\n");
        int code = Main.execute(new String[] {"secret", "rotate-key"}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), h.home());
        assertThat(code).isZero();
        run("1234 5678 9018");
        assertThat(entered()).isEmpty();
        String after = ledger().get(0).key();
        assertThat(after).isNotEqualTo(before).startsWith("hmac:k");
        assertThat(after.substring(5, 18)).isNotEqualTo(before.substring(5, 18));
    }
}
