package org.karakuri.rows;

import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.ledger.Sql;

/** The rows service as {@code karakuri rows} opens it: one connection to the embedded H2 database. */
class RowsOnH2Test extends RowsContract {
    private Ledger ledger;

    @Override
    LedgerSettings settings() {
        return LedgerSettings.h2(home);
    }

    @Override
    Sql sql() {
        if (ledger == null) {
            ledger = Ledger.open(settings());
        }
        return ledger;
    }

    @Override
    void close() {
        if (ledger != null) {
            ledger.close();
        }
    }
}
