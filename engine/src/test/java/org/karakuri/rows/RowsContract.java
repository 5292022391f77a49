package org.karakuri.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.audit.OperationsTrail;
import org.karakuri.config.SecretsConfig;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.ledger.RunRowLedger;
import org.karakuri.ledger.Sql;
import org.karakuri.spi.RowOutcome;
import org.karakuri.spi.RowStatus;
import org.karakuri.users.Principal;

/**
 * An operator finds a row by its key as they write it, whatever form the ledger keeps it in: a My
 * Number or a masked column's key as a keyed hash under the master key, a readable key in its
 * compared form. The same on every database (subclasses).
 */
abstract class RowsContract {
    static final String MY_NUMBER = "123456789018";

    @TempDir
    Path dir;

    /** KARAKURI_HOME; the master key lives beside it, never inside. */
    Path home;

    SecretsConfig secrets;
    Rows rows;

    /** The database this contract runs on. */
    abstract LedgerSettings settings();

    /** How the service reaches it (a command's one connection, the server's pool). */
    abstract Sql sql();

    @AfterEach
    abstract void close();

    @BeforeEach
    void service() {
        home = dir.resolve("home");
        secrets = new SecretsConfig(home.resolve("secrets.store"), dir.resolve("keys/master.key"), null);
    }

    Rows rows() {
        if (rows == null) {
            // the operations trail signs with the test's master key, never one in the user's ~/.config/karakuri
            OperationsTrail trail = new OperationsTrail(home, java.util.Map.of("KARAKURI_MASTER_KEY_FILE", secrets.keyFile().toString()));
            rows = new Rows(sql(), secrets, home, trail, "node-a", Clock.systemUTC());
        }
        return rows;
    }

    /** Writes a row as a run's loop does: the key as written in the file, kept in the form the ledger keeps. */
    String runLeaves(String written, boolean masked, RowStatus status) {
        try (RunRowLedger l = new RunRowLedger(Ledger.open(settings()), secrets, home)) {
            String stored = l.stored("tennyu", written, masked);
            l.started("tennyu", stored, "run-1", 7);
            l.finished("tennyu", stored, status, "run-1", 7, "the page said 登録できません");
            return stored;
        }
    }

    @Test
    void aMyNumberKeptAsAKeyedHashIsFoundByTheNumberAsAnOperatorWritesIt() {
        String stored = runLeaves("1234-5678-9018", false, RowStatus.INTERRUPTED);
        assertThat(stored).startsWith("hmac:").doesNotContain(MY_NUMBER);
        for (String typed : List.of(MY_NUMBER, "1234 5678 9018", "１２３４５６７８９０１８", " 1234-5678-9018 ", stored)) {
            assertThat(rows().find("tennyu", typed)).as(typed).get()
                .satisfies(r -> {
                    assertThat(r.key()).isEqualTo(stored);
                    assertThat(r.shownKey()).isEqualTo("********");
                    assertThat(r.status()).isEqualTo(RowStatus.INTERRUPTED);
                    assertThat(r.row()).isEqualTo(7);
                });
        }
        assertThat(rows().find("tennyu", "123456789026")).as("another valid My Number").isEmpty();
        assertThat(rows().find("other", MY_NUMBER)).as("another scenario").isEmpty();
    }

    @Test
    void resolvingAMyNumberRowMarksItDoneForTheNextRunAndKeepsTheNumberOutOfTheTrail() throws Exception {
        runLeaves("1234-5678-9018", false, RowStatus.INTERRUPTED);
        Rows.Decision d = rows().resolve(Principal.cli(), "tennyu", "１２３４ ５６７８ ９０１８", "窓口で手入力済み");
        assertThat(d.previous()).isEqualTo(RowStatus.INTERRUPTED);
        try (RunRowLedger l = new RunRowLedger(Ledger.open(settings()), secrets, home)) {
            assertThat(l.row("tennyu", MY_NUMBER, false)).as("the next run sees it done").get()
                .extracting(RowOutcome::status).isEqualTo(RowStatus.DONE);
        }
        assertThat(rows().queue(null, 10)).isEmpty();
        assertThat(rows().decisions("tennyu", null, 10)).extracting(Rows.Decision::decision).containsExactly("done");
        assertThat(Files.readString(OperationsTrail.file(home))).contains("row-resolve").doesNotContain(MY_NUMBER).doesNotContain("9018");
    }

    @Test
    void aMaskedColumnsKeyAndAReadableKeyAreFoundAsWrittenAndResetForTheNextRun() {
        String masked = runLeaves("山田　花子", true, RowStatus.FAILED);
        runLeaves("Ｒ－１", false, RowStatus.INVALID);
        assertThat(masked).startsWith("hmac:");
        assertThat(rows().find("tennyu", "山田 花子")).get().extracting(Rows.Row::key).isEqualTo(masked);
        assertThat(rows().find("tennyu", "R-1")).get().extracting(Rows.Row::shownKey).isEqualTo("R-1");
        rows().reset(Principal.cli(), "tennyu", "山田　花子", "住所を直したので再入力");
        assertThat(rows().list("tennyu", Set.of())).extracting(Rows.Row::shownKey).containsExactly("R-1");
    }

    @Test
    void lookingUpMakesNoMasterKeyAndAMissingKeyIsSaidWhenTheLedgerHoldsHiddenRows() throws Exception {
        runLeaves("R-1", false, RowStatus.FAILED);
        assertThat(rows().find("tennyu", MY_NUMBER)).isEmpty();
        assertThat(secrets.keyFile()).as("a lookup made no key").doesNotExist();
        runLeaves(MY_NUMBER, false, RowStatus.FAILED);
        Files.delete(secrets.keyFile());
        assertThatThrownBy(() -> rows().find("tennyu", MY_NUMBER)).isInstanceOf(KarakuriException.class)
            .hasMessageContaining(secrets.keyFile().toString());
    }
}
