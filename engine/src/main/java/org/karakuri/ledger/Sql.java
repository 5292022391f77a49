package org.karakuri.ledger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where SQL runs: one kept connection (a run, a command; {@link Ledger}) or a pool (the server;
 * {@code schedule.DataSources}). The tables' classes ({@link RunLedger}) take one of these and
 * never care which.
 */
public interface Sql {
    /** The database's settings, for messages. */
    LedgerSettings settings();

    /** Runs {@code work} on a connection, auto-commit on, and returns its result. */
    <T> T call(Work<T> work) throws SQLException;

    /** JDBC work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T on(Connection c) throws SQLException;
    }
}
