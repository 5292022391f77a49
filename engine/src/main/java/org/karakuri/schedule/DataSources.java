package org.karakuri.schedule;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.ledger.RunLedger;
import org.karakuri.ledger.Sql;
import org.karakuri.context.Masker;

/**
 * The server's pooled connections to the engine's one database ({@link LedgerSettings}: embedded
 * H2 under {@code KARAKURI_HOME} by default, PostgreSQL when {@code KARAKURI_DB_URL} is set),
 * migrated before first use. Quartz, the scenario locks and the API's view of the runs table
 * share the pool.
 */
public final class DataSources implements Sql, AutoCloseable {
    private final LedgerSettings settings;
    private final JdbcConnectionPool pool;

    private DataSources(LedgerSettings settings, JdbcConnectionPool pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /** Opens the database the environment names (else the embedded one under {@code home}) and migrates it. */
    public static DataSources open(Map<String, String> env, Path home, int maxConnections) {
        return open(LedgerSettings.from(env, home), maxConnections);
    }

    public static DataSources open(LedgerSettings settings, int maxConnections) {
        settings.registerPassword(Masker.global());
        try {
            return new DataSources(settings, settings.migratedPool(maxConnections));
        } catch (SQLException e) {
            throw settings.unavailable(e);
        }
    }

    @Override
    public LedgerSettings settings() {
        return settings;
    }

    @Override
    public <T> T call(Work<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return work.on(c);
        }
    }

    /** The runs table, through the pool. */
    public RunLedger runs() {
        return new RunLedger(this);
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public boolean isPostgres() {
        return settings.isPostgres();
    }

    /** The URL without parameters, which may hold a password. */
    public String displayUrl() {
        return settings.displayUrl();
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
