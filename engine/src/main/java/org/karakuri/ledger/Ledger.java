package org.karakuri.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.spi.RowOutcome;
import org.karakuri.spi.RowStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run ledger: what happened to each row of a {@code for-each-row} with {@code key:}, kept
 * under (scenario, business key) across runs, so a later run skips rows already done and holds
 * back rows that were in progress when a run died. One connection, opened once per run
 * (the runner hands it to a loop as a {@link RunRowLedger}) and closed when the run ends; the schema comes from the Flyway
 * migrations in {@code db/migration}. The same SQL runs on H2 and PostgreSQL. The runs table
 * ({@link #runs()}) is in the same database and can share the connection.
 */
public final class Ledger implements Sql, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Ledger.class);
    private static final int MAX_KEY = 1000;
    private static final int MAX_MESSAGE = 4000;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "scenario, row_key, status, run_id, row_no, message, updated_at, owner_process";

    private final LedgerSettings settings;
    private final Connection connection;

    private Ledger(LedgerSettings settings, Connection connection) {
        this.settings = settings;
        this.connection = connection;
    }

    /** Connects and brings the schema up to date (see {@link LedgerSettings#connectMigrated()}). */
    public static Ledger open(LedgerSettings settings) {
        try {
            Connection c = settings.connectMigrated();
            log.debug("ledger open: {}", settings);
            return new Ledger(settings, c);
        } catch (SQLException e) {
            throw settings.unavailable(e);
        }
    }

    /** Runs {@code work} on the ledger's connection, one caller at a time. */
    @Override
    public synchronized <T> T call(Sql.Work<T> work) throws SQLException {
        return work.on(connection);
    }

    /** The runs table, on this ledger's connection. */
    public RunLedger runs() {
        return new RunLedger(this);
    }

    @Override
    public LedgerSettings settings() {
        return settings;
    }

    /** The row's latest outcome under this exact key, if the ledger has one. */
    public synchronized Optional<RowOutcome> row(String scenario, String key) {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS + " FROM row_outcomes WHERE scenario = ? AND row_key = ?")) {
            s.setString(1, scenario);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(outcome(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(settings, e);
        }
    }

    /**
     * The row under the first of {@code forms} the ledger holds. A row found under a later form
     * (an older version's, a retired key's) is moved to {@code forms.get(0)}, unless a row is
     * already there.
     */
    public synchronized Optional<RowOutcome> row(String scenario, List<String> forms) {
        for (int i = 0; i < forms.size(); i++) {
            Optional<RowOutcome> found = row(scenario, forms.get(i));
            if (found.isPresent()) {
                if (i > 0) {
                    rekey(scenario, forms.get(i), forms.get(0));
                    RowOutcome o = found.get();
                    return Optional.of(new RowOutcome(o.scenario(), forms.get(0), o.status(), o.runId(), o.rowNumber(), o.message(), o.at(), o.owner()));
                }
                return found;
            }
        }
        return Optional.empty();
    }

    private void rekey(String scenario, String from, String to) {
        try (PreparedStatement s = connection.prepareStatement("UPDATE row_outcomes SET row_key = ? WHERE scenario = ? AND row_key = ?")) {
            s.setString(1, to);
            s.setString(2, scenario);
            s.setString(3, from);
            s.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw unavailable(settings, e);
            }
            // another process moved it, or entered the key meanwhile: the row under `to` stands
        }
    }

    /**
     * The ids of the master keys hidden keys were made with ({@code hmac:<id>:…}): the scenario's,
     * or every scenario's when {@code scenario} is null; on any connection.
     */
    public static java.util.Set<String> keyIds(Sql db, String scenario) {
        String select = "SELECT DISTINCT SUBSTRING(row_key FROM 6 FOR 13) FROM row_outcomes WHERE row_key LIKE 'hmac:%'";
        return new java.util.TreeSet<>(scenario == null ? strings(db, select) : strings(db, select + " AND scenario = ?", scenario));
    }

    /** The scenario's keys kept readable (neither {@code hmac:} nor {@code sha256:}); on any connection. */
    public static List<String> readableKeys(Sql db, String scenario) {
        return strings(db, "SELECT row_key FROM row_outcomes WHERE scenario = ? AND row_key NOT LIKE 'hmac:%' AND row_key NOT LIKE 'sha256:%'",
            scenario);
    }

    private static List<String> strings(Sql db, String statement, String... parameters) {
        try {
            return db.call(c -> {
                try (PreparedStatement s = c.prepareStatement(statement)) {
                    for (int i = 0; i < parameters.length; i++) {
                        s.setString(i + 1, parameters[i]);
                    }
                    List<String> out = new ArrayList<>();
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            out.add(r.getString(1));
                        }
                    }
                    return out;
                }
            });
        } catch (SQLException e) {
            throw unavailable(db.settings(), e);
        }
    }

    /** Every row of a scenario, by key. */
    public synchronized List<RowOutcome> rows(String scenario) {
        return select("WHERE scenario = ? ORDER BY row_key", scenario);
    }

    private synchronized List<RowOutcome> select(String where, String... args) {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS + " FROM row_outcomes " + where)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            List<RowOutcome> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(outcome(r));
                }
            }
            return out;
        } catch (SQLException e) {
            throw unavailable(settings, e);
        }
    }

    /** Records, just before its steps run, that this process is entering the row. */
    public void started(String scenario, String key, String runId, int rowNumber) {
        started(scenario, key, runId, rowNumber, ProcessOwner.current());
    }

    void started(String scenario, String key, String runId, int rowNumber, ProcessOwner owner) {
        write(scenario, key, RowStatus.IN_PROGRESS, runId, rowNumber, null, owner.toString());
    }

    /** Records how the row ended: done, failed or invalid (with the masked reason). */
    public void finished(String scenario, String key, RowStatus status, String runId, int rowNumber, String message) {
        if (status == RowStatus.IN_PROGRESS) {
            throw new IllegalArgumentException("use started() for in-progress");
        }
        write(scenario, key, status, runId, rowNumber, message, null);
    }

    /**
     * Turns the scenario's rows left {@code in-progress} by a process that is gone into
     * {@code interrupted}, keeping the run that died and its row number. Rows of the current
     * run and of processes still running are left alone. Returns the rows interrupted now.
     */
    public synchronized List<RowOutcome> interruptDead(String scenario, String currentRunId) {
        List<RowOutcome> dead = new ArrayList<>();
        for (RowOutcome o : select("WHERE scenario = ? AND status = ? ORDER BY row_key", scenario, RowStatus.IN_PROGRESS.text())) {
            if (!o.runId().equals(currentRunId) && ProcessOwner.parse(o.owner()).map(owner -> !owner.isAlive()).orElse(true)) {
                dead.add(o);
            }
        }
        String sql = "UPDATE row_outcomes SET status = ?, updated_at = ? WHERE scenario = ? AND row_key = ? AND status = ? AND run_id = ?";
        List<RowOutcome> interrupted = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (RowOutcome o : dead) {
                Instant now = Instant.now();
                s.setString(1, RowStatus.INTERRUPTED.text());
                s.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                s.setString(3, scenario);
                s.setString(4, o.key());
                s.setString(5, RowStatus.IN_PROGRESS.text());
                s.setString(6, o.runId());
                if (s.executeUpdate() == 1) {
                    interrupted.add(new RowOutcome(o.scenario(), o.key(), RowStatus.INTERRUPTED, o.runId(), o.rowNumber(), o.message(), now, o.owner()));
                }
            }
        } catch (SQLException e) {
            throw unavailable(settings, e);
        }
        return interrupted;
    }

    private void write(String scenario, String key, RowStatus status, String runId, int rowNumber, String message, String owner) {
        write(scenario, key, status, runId, rowNumber, message, owner, false);
    }

    private synchronized void write(String scenario, String key, RowStatus status, String runId, int rowNumber, String message, String owner,
                                    boolean retried) {
        if (key.length() > MAX_KEY) {
            throw new KarakuriException("ledger.key-too-long", MAX_KEY, key.length());
        }
        String text = message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try {
            // update first, insert when there is nothing to update: portable, unlike MERGE / ON CONFLICT
            try (PreparedStatement u = connection.prepareStatement(
                "UPDATE row_outcomes SET status = ?, run_id = ?, row_no = ?, message = ?, updated_at = ?, owner_process = ? WHERE scenario = ? AND row_key = ?")) {
                u.setString(1, status.text());
                u.setString(2, runId);
                u.setInt(3, rowNumber);
                u.setString(4, text);
                u.setObject(5, now);
                u.setString(6, owner);
                u.setString(7, scenario);
                u.setString(8, key);
                if (u.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement i = connection.prepareStatement("INSERT INTO row_outcomes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                i.setString(1, scenario);
                i.setString(2, key);
                i.setString(3, status.text());
                i.setString(4, runId);
                i.setInt(5, rowNumber);
                i.setString(6, text);
                i.setObject(7, now);
                i.setString(8, owner);
                i.executeUpdate();
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || retried) {
                    throw e;
                }
                // another process inserted the key between our update and insert: update it
                write(scenario, key, status, runId, rowNumber, message, owner, true);
            }
        } catch (SQLException e) {
            throw unavailable(settings, e);
        }
    }

    private static RowOutcome outcome(ResultSet r) throws SQLException {
        OffsetDateTime at = r.getObject(7, OffsetDateTime.class);
        return new RowOutcome(r.getString(1), r.getString(2), RowStatus.of(r.getString(3)), r.getString(4), r.getInt(5),
            r.getString(6), at == null ? null : at.toInstant(), r.getString(8));
    }

    private static KarakuriException unavailable(LedgerSettings settings, SQLException e) {
        return settings.unavailable(e);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the ledger {} failed: {}", settings.displayUrl(), e.getMessage());
        }
    }
}
