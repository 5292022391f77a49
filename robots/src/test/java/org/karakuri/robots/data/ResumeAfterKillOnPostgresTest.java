package org.karakuri.robots.data;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.karakuri.testing.PostgresExtension;

/** Kill and resume with the ledger in PostgreSQL (a throwaway cluster from the OS packages). */
class ResumeAfterKillOnPostgresTest extends ResumeAfterKillContract {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    private PostgresExtension.Database db;

    @BeforeEach
    void newDatabase() {
        db = postgres.newDatabase();
    }

    @Override
    Map<String, String> database() {
        return db.env();
    }
}
