package org.karakuri.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.karakuri.config.DatabaseConfig;
import org.karakuri.config.EngineConfig;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;
import org.karakuri.context.Masker;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The one database of an engine: the row ledger, the runs table, Quartz's job store and the
 * scenario locks all live in it, under one Flyway migration history ({@code db/migration}). By
 * default an embedded H2 database in {@code KARAKURI_HOME/ledger} (automatic mixed mode, so a
 * second process, such as {@code karakuri runs}, can open it while a run holds it); PostgreSQL when
 * {@code KARAKURI_DB_URL} is set, with {@code KARAKURI_DB_USER} and {@code KARAKURI_DB_PASSWORD}.
 * The password is a secret: {@link #toString()} and {@link #displayUrl()} never show it, and
 * whoever opens the database registers it with a masker ({@link #registerPassword(Masker)}).
 */
public record LedgerSettings(String url, String user, String password) {
    public static final String URL = "KARAKURI_DB_URL";
    public static final String USER = "KARAKURI_DB_USER";
    public static final String PASSWORD = "KARAKURI_DB_PASSWORD";

    /**
     * The newest migration in {@code db/migration}. A database whose history holds it is up to
     * date, and opening it skips Flyway (whose class-path scan costs a one-step run a good part
     * of its time). A test checks this against the files.
     */
    static final String LATEST_MIGRATION = "50";
    private static final Object MIGRATING = new Object();

    public LedgerSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a database URL is needed");
        }
        user = user == null ? "" : user;
    }

    /** The settings {@code engine.yaml} and the environment ask for ({@code database:}), else the embedded database under {@code home}. */
    public static LedgerSettings from(Map<String, String> env, Path home) {
        DatabaseConfig db = EngineConfig.load(home, env).database();
        String url = db.url();
        if (url == null || url.isBlank()) {
            return h2(home);
        }
        url = url.strip();
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new KarakuriException("db.unsupported-url", displayUrl(url));
        }
        return new LedgerSettings(url, db.user(), db.password());
    }

    /**
     * The embedded H2 database file {@code home/ledger.mv.db}. {@code WRITE_DELAY=0} writes each
     * commit to the file at once (H2 otherwise waits up to half a second), so a run killed right
     * after marking a row {@code in-progress} leaves that mark behind.
     */
    public static LedgerSettings h2(Path home) {
        Path file = home.toAbsolutePath().normalize().resolve("ledger");
        return new LedgerSettings("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;WRITE_DELAY=0", "sa", "");
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** Registers the password, so that no log, trail or message shows it. */
    public void registerPassword(Masker masker) {
        if (password != null && !password.isEmpty()) {
            masker.register(password);
        }
    }

    /**
     * One new connection, auto-commit on. Straight through the one driver the URL needs:
     * {@code DriverManager} would first load every driver on the class path.
     */
    public Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        makeFolder();
        Driver driver = isPostgres() ? new org.postgresql.Driver() : org.h2.Driver.load();
        Connection c = driver.connect(url, p);
        if (c == null) {
            throw new SQLException("not a database URL: " + displayUrl());
        }
        c.setAutoCommit(true);
        restrictFiles();
        return c;
    }

    /** A KARAKURI_HOME the engine makes for its embedded database is its user's only (H2 would make it readable by all). */
    private void makeFolder() {
        if (url.startsWith("jdbc:h2:file:")) {
            try {
                org.karakuri.secret.OwnerOnly.createDirectories(Path.of(url.substring("jdbc:h2:file:".length()).split(";", 2)[0]).getParent());
            } catch (java.io.IOException | RuntimeException e) {
                // H2 says what is wrong with the folder when it opens the database
            }
        }
    }

    private static final java.util.Set<String> RESTRICTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The embedded database's files are the engine user's only (0600), made so once per process and file. */
    private void restrictFiles() {
        if (!url.startsWith("jdbc:h2:file:")) {
            return;
        }
        String base = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
        if (!RESTRICTED.add(base)) {
            return;
        }
        for (String suffix : new String[] {".mv.db", ".trace.db", ".lock.db"}) {
            Path f = Path.of(base + suffix);
            try {
                if (java.nio.file.Files.exists(f)) {
                    org.karakuri.secret.OwnerOnly.restrict(f);
                }
            } catch (java.io.IOException | RuntimeException e) {
                RESTRICTED.remove(base);
            }
        }
    }

    /** A pool of at most {@code maxConnections} (the server: Quartz, the run locks, the API). */
    private JdbcConnectionPool pool(int maxConnections) {
        makeFolder();
        ConnectionPoolDataSource source;
        if (isPostgres()) {
            PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
            pg.setURL(url);
            pg.setUser(user);
            pg.setPassword(password == null ? "" : password);
            source = pg;
        } else {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password == null ? "" : password);
            source = h2;
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create(source);
        pool.setMaxConnections(maxConnections);
        pool.setLoginTimeout(30);
        return pool;
    }

    /**
     * One new connection to an up-to-date schema: when the schema is behind, Flyway migrates it
     * first. H2 ties a new table's check constraints to the session that created it, and they
     * fail once that session is closed while the database stays open; so migrating happens while
     * no other connection of this process is open (one at a time, under a lock), Flyway's
     * connections close, the database with them, and the connection handed out opens it afresh.
     */
    public Connection connectMigrated() throws SQLException {
        synchronized (MIGRATING) {
            Connection c = connect();
            if (isUpToDate(c)) {
                return c;
            }
            c.close();
            migrate(null);
            return connect();
        }
    }

    /** A pool of up-to-date connections (see {@link #connectMigrated()}). */
    public JdbcConnectionPool migratedPool(int maxConnections) throws SQLException {
        synchronized (MIGRATING) {
            JdbcConnectionPool pool = pool(maxConnections);
            boolean upToDate;
            try (Connection c = pool.getConnection()) {
                upToDate = isUpToDate(c);
                restrictFiles();
            } catch (SQLException | RuntimeException e) {
                pool.dispose();
                throw e;
            }
            if (upToDate) {
                return pool;
            }
            try {
                migrate(pool);
            } finally {
                pool.dispose();
            }
            return pool(maxConnections);
        }
    }

    /** Whether the schema's history holds the newest migration: then opening needs no Flyway at all. */
    boolean isUpToDate(Connection c) {
        // look before querying: a query of a missing table would leave H2 a trace file with an exception in it
        try (PreparedStatement t = c.prepareStatement("SELECT COUNT(*) FROM information_schema.tables "
                + "WHERE table_schema = CURRENT_SCHEMA AND table_name = 'flyway_schema_history'");
             ResultSet r = t.executeQuery()) {
            if (!r.next() || r.getInt(1) == 0) {
                return false;
            }
        } catch (SQLException e) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement(
            "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = ? AND \"success\" = TRUE")) {
            s.setString(1, LATEST_MIGRATION);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getInt(1) == 1;
            }
        } catch (SQLException noHistoryYet) {
            return false;
        }
    }

    private void migrate(DataSource dataSource) {
        try {
            var config = Flyway.configure(LedgerSettings.class.getClassLoader()).locations("classpath:db/migration");
            (dataSource != null ? config.dataSource(dataSource) : config.dataSource(url, user, password)).load().migrate();
        } catch (FlywayException e) {
            throw new KarakuriException((Position) null, e, "ledger.migration-failed", displayUrl(), firstLine(e));
        }
    }

    /** The error the user reads when the database cannot be used: where, and the driver's first line. */
    public KarakuriException unavailable(SQLException e) {
        return new KarakuriException((Position) null, e, "ledger.unavailable", displayUrl(), firstLine(e));
    }

    static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.lines().findFirst().orElse(m).replaceAll("[.。]+$", "");
    }

    /** The URL without its parameters (which may hold a password), for messages. */
    public String displayUrl() {
        return displayUrl(url);
    }

    static String displayUrl(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return url.substring(0, cut);
    }

    @Override
    public String toString() {
        return "LedgerSettings[url=" + displayUrl() + ", user=" + user + ", password=" + (password == null || password.isEmpty() ? "" : "********") + "]";
    }
}
