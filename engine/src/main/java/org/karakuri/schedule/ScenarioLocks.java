package org.karakuri.schedule;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a scenario at a time, across every node on the database. Quartz's non-concurrent
 * jobs should already see to that, but clusters have known double fires, and browser work is not
 * idempotent. PostgreSQL: a session-level {@code pg_try_advisory_lock} on a 64-bit hash of the id;
 * H2: the scenario's row in {@code KARAKURI_SCENARIO_LOCKS}, held {@code FOR UPDATE NOWAIT} in an
 * open transaction. Either way the lock lives in a connection that the run keeps, so a node that
 * dies releases it with its connections.
 */
public final class ScenarioLocks {
    private static final Logger log = LoggerFactory.getLogger(ScenarioLocks.class);

    private final DataSources db;

    public ScenarioLocks(DataSources db) {
        this.db = db;
    }

    /** A held lock; closing it releases the lock. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** The lock of {@code scenarioId}, or empty when another run holds it. */
    public Optional<Held> tryLock(String scenarioId) throws SQLException {
        Connection c = db.connection();
        try {
            return db.isPostgres() ? advisory(c, scenarioId) : row(c, scenarioId);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static Optional<Held> advisory(Connection c, String id) throws SQLException {
        long key = key(id);
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            s.setLong(1, key);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (!r.getBoolean(1)) {
                    c.close();
                    return Optional.empty();
                }
            }
        }
        return Optional.of(() -> {
            try (c; PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                s.setLong(1, key);
                s.execute();
            } catch (SQLException e) {
                log.warn("releasing the run lock of {} failed: {}", id, e.getMessage());
            }
        });
    }

    private static Optional<Held> row(Connection c, String id) throws SQLException {
        c.setAutoCommit(false);
        Boolean got = selectForUpdate(c, id);
        if (got == null) {
            // first run of this scenario: create its row, then lock it
            c.rollback();
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO KARAKURI_SCENARIO_LOCKS (SCENARIO_ID) VALUES (?)")) {
                s.setString(1, id);
                s.executeUpdate();
            } catch (SQLException duplicate) {
                if (!"23505".equals(duplicate.getSQLState()) && !isLockTimeout(duplicate)) {
                    throw duplicate;
                }
            }
            c.setAutoCommit(false);
            got = selectForUpdate(c, id);
        }
        if (!Boolean.TRUE.equals(got)) {
            c.rollback();
            c.setAutoCommit(true);
            c.close();
            return Optional.empty();
        }
        return Optional.of(() -> {
            try (c) {
                c.rollback();
                c.setAutoCommit(true);
            } catch (SQLException e) {
                log.warn("releasing the run lock of {} failed: {}", id, e.getMessage());
            }
        });
    }

    /** True when locked, false when another transaction holds the row, null when there is no row. */
    private static Boolean selectForUpdate(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT SCENARIO_ID FROM KARAKURI_SCENARIO_LOCKS WHERE SCENARIO_ID = ? FOR UPDATE NOWAIT")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Boolean.TRUE : null;
            }
        } catch (SQLException e) {
            if (isLockTimeout(e)) {
                return Boolean.FALSE;
            }
            throw e;
        }
    }

    private static boolean isLockTimeout(SQLException e) {
        return "HYT00".equals(e.getSQLState()) || e.getErrorCode() == 50200;
    }

    /** The first 8 bytes of SHA-256("karakuri:" + id): stable across nodes and versions. */
    static long key(String id) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("karakuri:" + id).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(h, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
