package org.karakuri.ledger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.karakuri.testing.PostgresExtension;

class LedgerOnPostgresTest extends LedgerContract {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    PostgresExtension.Database db;

    @BeforeEach
    @Override
    void open() {
        db = postgres.newDatabase();
        super.open();
    }

    @Override
    LedgerSettings settings() {
        return new LedgerSettings(db.url(), db.user(), db.password());
    }
}
