package org.karakuri.rows;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.ledger.Sql;
import org.karakuri.schedule.DataSources;
import org.karakuri.testing.PostgresExtension;

/** The rows service as {@code serve} opens it: the pool of a PostgreSQL database. */
class RowsOnPostgresTest extends RowsContract {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    private PostgresExtension.Database db;
    private DataSources pool;

    @BeforeEach
    void database() {
        db = postgres.newDatabase();
    }

    @Override
    LedgerSettings settings() {
        return new LedgerSettings(db.url(), db.user(), db.password());
    }

    @Override
    Sql sql() {
        if (pool == null) {
            pool = DataSources.open(settings(), 4);
        }
        return pool;
    }

    @Override
    void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
