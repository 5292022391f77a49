package org.karakuri.users;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.testing.PostgresExtension;

class UsersOnPostgresTest extends UsersContract {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    PostgresExtension.Database pg;

    @BeforeEach
    @Override
    void open() {
        pg = postgres.newDatabase();
        super.open();
    }

    @Override
    LedgerSettings settings() {
        return new LedgerSettings(pg.url(), pg.user(), pg.password());
    }
}
