package org.karakuri.schedule;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Position;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The server's database: embedded H2 in {@code KARAKURI_HOME/ledger} by default, PostgreSQL when
 * {@code KARAKURI_DB_URL} is set (with {@code KARAKURI_DB_USER}, {@code KARAKURI_DB_PASSWORD}),
 * pooled, and migrated by Flyway from {@code classpath:db/migration} before first use.
 *
 * <p>The same settings as the run ledger ({@code org.karakuri.ledger}), so both share one database
 * and one migration history; when the ledger's set-up is on main this class becomes a thin
 * adapter over it.
 */
public final class DataSources implements AutoCloseable {
    public static final String URL = "KARAKURI_DB_URL";
    public static final String USER = "KARAKURI_DB_USER";
    public static final String PASSWORD = "KARAKURI_DB_PASSWORD";

    private final String url;
    private final JdbcConnectionPool pool;
    private final boolean postgres;

    private DataSources(String url, JdbcConnectionPool pool, boolean postgres) {
        this.url = url;
        this.pool = pool;
        this.postgres = postgres;
    }

    /** Opens the database the environment names (else the embedded one under {@code home}) and migrates it. */
    public static DataSources open(Map<String, String> env, Path home, int maxConnections) {
        String url = env.get(URL);
        JdbcConnectionPool pool;
        boolean postgres;
        if (url == null || url.isBlank()) {
            url = "jdbc:h2:file:" + home.toAbsolutePath().normalize().resolve("ledger") + ";AUTO_SERVER=TRUE";
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser("sa");
            h2.setPassword("");
            pool = JdbcConnectionPool.create(h2);
            postgres = false;
        } else if (url.strip().startsWith("jdbc:postgresql:")) {
            url = url.strip();
            PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
            pg.setURL(url);
            pg.setUser(env.getOrDefault(USER, ""));
            pg.setPassword(env.getOrDefault(PASSWORD, ""));
            pool = JdbcConnectionPool.create(pg);
            postgres = true;
        } else {
            throw new KarakuriException("db.unsupported-url", displayUrl(url));
        }
        pool.setMaxConnections(maxConnections);
        pool.setLoginTimeout(30);
        DataSources db = new DataSources(url, pool, postgres);
        db.migrate();
        return db;
    }

    private void migrate() {
        try {
            Flyway.configure(DataSources.class.getClassLoader())
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        } catch (FlywayException e) {
            pool.dispose();
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new KarakuriException((Position) null, e, "db.migration-failed", displayUrl(url), first);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** The URL without parameters, which may hold a password. */
    public String displayUrl() {
        return displayUrl(url);
    }

    static String displayUrl(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            cut = i >= 0 ? Math.min(cut, i) : cut;
        }
        return url.substring(0, cut);
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
