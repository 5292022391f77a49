package org.karakuri.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.audit.OperationsTrail;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.spi.RowOutcome;
import org.karakuri.spi.RowStatus;
import org.karakuri.rows.Rows;

/** {@code karakuri rows list|reset|resolve} on a ledger with rows of every kind. */
class RowsCommandTest {
    @TempDir
    Path home;

    record Output(int exit, String out, String err) {}

    Output karakuri(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--lang", "en"));
        all.addAll(List.of(args));
        int exit = Main.execute(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), home);
        return new Output(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void ledger() {
        try (Ledger l = Ledger.open(LedgerSettings.h2(home))) {
            l.finished("tennyu", "R-1", RowStatus.DONE, "run-1", 2, null);
            l.finished("tennyu", "R-2", RowStatus.FAILED, "run-1", 3, "登録しました が表示されません");
            l.finished("tennyu", "R-3", RowStatus.INVALID, "run-1", 4, "郵便番号: 123-4567 の形で書いてください");
            l.finished("tennyu", "R-4", RowStatus.INTERRUPTED, "run-1", 5, null);
            // a My Number key: the ledger keeps only its hash
            l.finished("tennyu", "sha256:" + sha256("123456789018"), RowStatus.INTERRUPTED, "run-1", 6, null);
        }
    }

    static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void listsRowsByStatusWithoutShowingAHashedKey() {
        Output all = karakuri("rows", "list", "tennyu");
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out()).contains("R-1").contains("R-4").contains("held for review").contains("********").doesNotContain("sha256:");
        Output held = karakuri("rows", "list", "tennyu", "--status", "interrupted");
        assertThat(held.out()).contains("R-4").doesNotContain("R-1").doesNotContain("R-2");
        Output bad = karakuri("rows", "list", "tennyu", "--status", "held");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--status held: write one of in-progress|done|failed|invalid|interrupted");
    }

    @Test
    void resolvesAHeldRowAsEnteredByHandAndResetsAnotherEachInTheTrailWithWhoDidIt() throws Exception {
        Output resolved = karakuri("rows", "resolve", "tennyu", "--key", "R-4", "--as", "done", "--comment", "窓口で手入力済み");
        assertThat(resolved.exit()).as(resolved.err()).isZero();
        assertThat(resolved.out()).contains("row R-4 of tennyu (held for review) recorded as entered by hand");
        assertThat(karakuri("rows", "resolve", "tennyu", "--key", "123456789018", "--as", "done", "--comment", "確認済み").out())
            .contains("row ******** of tennyu");
        Output reset = karakuri("rows", "reset", "tennyu", "--key", "R-3");
        assertThat(reset.out()).contains("row R-3 of tennyu (invalid) will be entered again by the next run");
        try (Ledger l = Ledger.open(LedgerSettings.h2(home))) {
            assertThat(l.row("tennyu", "R-4")).get().extracting(RowOutcome::status).isEqualTo(RowStatus.DONE);
            assertThat(l.row("tennyu", "R-4").get().message()).contains("entered by hand").contains("窓口で手入力済み");
            assertThat(l.row("tennyu", "R-3")).isEmpty();
        }
        String user = System.getProperty("user.name");
        List<OperationsTrail.Operation> ops = new OperationsTrail(home).latest(10, o -> true);
        assertThat(ops).extracting(OperationsTrail.Operation::action, OperationsTrail.Operation::by)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("row-reset", user), org.assertj.core.groups.Tuple.tuple("row-resolve", user),
                org.assertj.core.groups.Tuple.tuple("row-resolve", user));
        assertThat(ops.get(2).details()).containsEntry("comment", "窓口で手入力済み").containsEntry("previous", "interrupted");
        assertThat(Files.readString(OperationsTrail.file(home))).doesNotContain("123456789018");
        try (Ledger l = Ledger.open(LedgerSettings.h2(home))) {
            List<Rows.Decision> d = new Rows(l, org.karakuri.config.EngineConfig.load(home, java.util.Map.of()).secrets(), home, new OperationsTrail(home), "test", java.time.Clock.systemUTC()).decisions("tennyu", null, 10);
            assertThat(d).extracting(Rows.Decision::decision).containsExactly("reset", "done", "done");
            assertThat(d.get(2).by()).isEqualTo(user);
        }
        assertThat(karakuri("audit", "verify", "--all").exit()).isZero();
    }

    @Test
    void resolvesARowWhoseMyNumberTheLedgerKeepsAsAKeyedHashByTheNumberAsWritten(@TempDir Path keys) throws Exception {
        Files.writeString(home.resolve("engine.yaml"), "secrets:\n  key-file: " + keys.resolve("master.key") + "\n");
        org.karakuri.config.SecretsConfig secrets = org.karakuri.config.EngineConfig.load(home, java.util.Map.of()).secrets();
        try (org.karakuri.ledger.RunRowLedger l = new org.karakuri.ledger.RunRowLedger(Ledger.open(LedgerSettings.h2(home)), secrets, home)) {
            l.finished("jumin", l.stored("jumin", "1111-2222-3333", false), RowStatus.INTERRUPTED, "run-2", 3, null);
        }
        Output listed = karakuri("rows", "list", "jumin");
        assertThat(listed.out()).contains("********").doesNotContain("hmac:").doesNotContain("3333");
        Output resolved = karakuri("rows", "resolve", "jumin", "--key", "１１１１ ２２２２ ３３３３", "--as", "done", "--comment", "窓口で手入力済み");
        assertThat(resolved.exit()).as(resolved.err()).isZero();
        assertThat(resolved.out()).contains("row ******** of jumin (held for review) recorded as entered by hand");
        try (org.karakuri.ledger.RunRowLedger l = new org.karakuri.ledger.RunRowLedger(Ledger.open(LedgerSettings.h2(home)), secrets, home)) {
            assertThat(l.row("jumin", "111122223333", false)).get().extracting(RowOutcome::status).isEqualTo(RowStatus.DONE);
        }
    }

    @Test
    void refusesAResolutionWithoutACommentAnUnknownKeyAndAnythingButDone() {
        assertThat(karakuri("rows", "resolve", "tennyu", "--key", "R-9", "--as", "done", "--comment", "x").err())
            .contains("no such row of tennyu");
        assertThat(karakuri("rows", "resolve", "tennyu", "--key", "R-4", "--as", "failed", "--comment", "x").err()).contains("only done");
        assertThat(karakuri("rows", "resolve", "tennyu", "--key", "R-4", "--as", "done", "--comment", " ").err()).contains("--comment");
        assertThat(karakuri("rows", "resolve", "tennyu", "--key", "R-1", "--as", "done", "--comment", "x").err()).contains("nothing to decide");
        Output all = karakuri("rows", "reset", "tennyu", "--all");
        assertThat(all.out()).contains("5 row(s) of tennyu will be entered again");
    }
}
