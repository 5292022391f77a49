package org.karakuri.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.karakuri.i18n.Messages;

/**
 * The runs table ({@code V20__runs.sql}): one line per run, written when the run starts
 * ({@code running}) and when it ends, in the same database as the row ledger. Reading it turns a
 * {@code running} line whose process is certainly gone (this host, the process id no longer
 * alive) into {@code interrupted}, in the table too; a run of another host is left as it is,
 * since its process cannot be checked from here (a served run of a node that died is settled
 * through its scenario lock: {@code OrphanedRuns}). The same SQL runs on H2 and PostgreSQL.
 */
public final class RunLedger {
    private static final int MAX_TEXT = 4000;
    private static final String COLUMNS = "id, scenario, scenario_file, file_sha256, trigger_kind, started_by, host, started_at, ended_at, "
        + "status, items_ok, items_failed, items_invalid, items_skipped, items_processed, manual_minutes, minutes_saved, error, folder, "
        + "owner_process";

    private final Sql sql;

    public RunLedger(Sql sql) {
        this.sql = sql;
    }

    /** Records a run that starts now ({@code running}), over its {@code queued} line when the server queued it. */
    public void started(RunRecord r) {
        run(c -> {
            try (PreparedStatement u = c.prepareStatement("UPDATE runs SET scenario_file = ?, file_sha256 = ?, trigger_kind = ?, started_by = ?, "
                + "host = ?, started_at = ?, status = ?, manual_minutes = ?, folder = ?, owner_process = ? WHERE id = ? AND status = ?")) {
                u.setString(1, clip(r.scenarioFile()));
                u.setString(2, r.fileSha256());
                u.setString(3, r.trigger());
                u.setString(4, r.startedBy());
                u.setString(5, r.host());
                timestamp(u, 6, r.started());
                u.setString(7, r.status().text());
                integer(u, 8, r.manualMinutes());
                u.setString(9, clip(r.folder()));
                u.setString(10, r.owner());
                u.setString(11, r.id());
                u.setString(12, RunStatus.QUEUED.text());
                if (u.executeUpdate() == 0) {
                    insert(c, r);
                }
            }
            return null;
        });
    }

    /** Records a run the server has just queued: its id is fixed from now on. */
    public void queued(RunRecord r) {
        run(c -> insert(c, r));
    }

    /**
     * Sets the run's status (and why) when it is one of {@code from}: a stop by an operator, a
     * queued run that never ran. False when the run was in none of them.
     */
    public boolean mark(String id, RunStatus status, String reason, Instant at, java.util.Set<RunStatus> from) {
        return run(c -> {
            String in = String.join(", ", java.util.Collections.nCopies(from.size(), "?"));
            try (PreparedStatement u = c.prepareStatement("UPDATE runs SET status = ?, error = ?, ended_at = COALESCE(ended_at, ?) WHERE id = ? AND status IN (" + in + ")")) {
                u.setString(1, status.text());
                u.setString(2, clip(reason));
                timestamp(u, 3, at);
                u.setString(4, id);
                int i = 5;
                for (RunStatus f : from) {
                    u.setString(i++, f.text());
                }
                return u.executeUpdate() == 1;
            }
        });
    }

    /** One page of runs, latest first: of one scenario and one status when given (null: any). */
    public List<RunRecord> page(String scenario, RunStatus status, int limit, int offset) {
        List<Object> args = new ArrayList<>();
        String where = filter(scenario, status, args);
        return select(where + "ORDER BY started_at DESC, id DESC LIMIT " + Math.max(0, limit) + " OFFSET " + Math.max(0, offset), args.toArray());
    }

    /** How many runs {@link #page} pages through. */
    public int count(String scenario, RunStatus status) {
        List<Object> args = new ArrayList<>();
        String where = filter(scenario, status, args);
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM runs " + where)) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    private static String filter(String scenario, RunStatus status, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (scenario != null) {
            conditions.add("scenario = ?");
            args.add(scenario);
        }
        if (status != null) {
            conditions.add("status = ?");
            args.add(status.text());
        }
        return conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions) + " ";
    }

    /** Records how a run ended; inserts the whole line when its start was never recorded. */
    public void ended(RunRecord r) {
        run(c -> {
            try (PreparedStatement u = c.prepareStatement("UPDATE runs SET ended_at = ?, status = ?, items_ok = ?, items_failed = ?, "
                + "items_invalid = ?, items_skipped = ?, items_processed = ?, manual_minutes = ?, minutes_saved = ?, error = ? WHERE id = ?")) {
                timestamp(u, 1, r.ended());
                u.setString(2, r.status().text());
                u.setInt(3, r.itemsOk());
                u.setInt(4, r.itemsFailed());
                u.setInt(5, r.itemsInvalid());
                u.setInt(6, r.itemsSkipped());
                u.setInt(7, r.itemsProcessed());
                integer(u, 8, r.manualMinutes());
                integer(u, 9, r.minutesSaved());
                u.setString(10, clip(r.error()));
                u.setString(11, r.id());
                if (u.executeUpdate() == 0) {
                    insert(c, r);
                }
            }
            return null;
        });
    }

    /** Marks a run that is still {@code running} as {@code interrupted} (a stop, a shutdown); false when it had ended. */
    public boolean interrupt(String id, String reason, Instant at) {
        return run(c -> {
            try (PreparedStatement u = c.prepareStatement(
                "UPDATE runs SET status = ?, error = ?, ended_at = ? WHERE id = ? AND status = ?")) {
                u.setString(1, RunStatus.INTERRUPTED.text());
                u.setString(2, clip(reason));
                timestamp(u, 3, at);
                u.setString(4, id);
                u.setString(5, RunStatus.RUNNING.text());
                return u.executeUpdate() == 1;
            }
        });
    }

    /** The latest runs first, at most {@code limit}, of one scenario or (null) of all. */
    public List<RunRecord> latest(String scenario, int limit) {
        String where = scenario == null ? "" : "WHERE scenario = ? ";
        return select(where + "ORDER BY started_at DESC, id DESC LIMIT " + Math.max(0, limit), scenario == null ? new Object[0] : new Object[] {scenario});
    }

    /** The runs still {@code running}, oldest first (a dead process of this host's already settled). */
    public List<RunRecord> running() {
        return select("WHERE status = ? ORDER BY started_at, id", RunStatus.RUNNING.text()).stream()
            .filter(r -> r.status() == RunStatus.RUNNING).toList();
    }

    public Optional<RunRecord> get(String id) {
        return select("WHERE id = ?", id).stream().findFirst();
    }

    /** Runs started before {@code cutoff}, oldest first. */
    public List<RunRecord> startedBefore(Instant cutoff) {
        return select("WHERE started_at < ? ORDER BY started_at, id", time(cutoff));
    }

    /** Runs started in [{@code from}, {@code to}), oldest first; null bounds are open. */
    public List<RunRecord> startedBetween(Instant from, Instant to) {
        List<Object> args = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (from != null) {
            conditions.add("started_at >= ?");
            args.add(time(from));
        }
        if (to != null) {
            conditions.add("started_at < ?");
            args.add(time(to));
        }
        String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions) + " ";
        return select(where + "ORDER BY started_at, id", args.toArray());
    }

    /** Deletes these runs' lines; returns how many there were. */
    public int delete(Collection<String> ids) {
        return run(c -> {
            int n = 0;
            try (PreparedStatement d = c.prepareStatement("DELETE FROM runs WHERE id = ?")) {
                for (String id : ids) {
                    d.setString(1, id);
                    n += d.executeUpdate();
                }
            }
            return n;
        });
    }

    private List<RunRecord> select(String rest, Object... args) {
        List<RunRecord> found = run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM runs " + rest)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                List<RunRecord> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(record(r));
                    }
                }
                return out;
            }
        });
        List<RunRecord> out = new ArrayList<>(found.size());
        for (RunRecord r : found) {
            out.add(settled(r));
        }
        return out;
    }

    /** A {@code running} line of a process that is gone becomes {@code interrupted}, in the table too. */
    private RunRecord settled(RunRecord r) {
        if (r.status() != RunStatus.RUNNING || r.owner() == null) {
            return r;
        }
        Optional<ProcessOwner> owner = ProcessOwner.parse(r.owner());
        if (owner.isEmpty() || !owner.get().isGone()) {
            return r;
        }
        String why = Messages.get().format("runs.process-gone", r.owner());
        Instant now = Instant.now();
        interrupt(r.id(), why, now);
        return r.interrupted(now, why);
    }

    private static Void insert(Connection c, RunRecord r) throws SQLException {
        try (PreparedStatement i = c.prepareStatement("INSERT INTO runs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            i.setString(1, r.id());
            i.setString(2, r.scenario());
            i.setString(3, clip(r.scenarioFile()));
            i.setString(4, r.fileSha256());
            i.setString(5, r.trigger());
            i.setString(6, r.startedBy());
            i.setString(7, r.host());
            timestamp(i, 8, r.started());
            timestamp(i, 9, r.ended());
            i.setString(10, r.status().text());
            i.setInt(11, r.itemsOk());
            i.setInt(12, r.itemsFailed());
            i.setInt(13, r.itemsInvalid());
            i.setInt(14, r.itemsSkipped());
            i.setInt(15, r.itemsProcessed());
            integer(i, 16, r.manualMinutes());
            integer(i, 17, r.minutesSaved());
            i.setString(18, clip(r.error()));
            i.setString(19, clip(r.folder()));
            i.setString(20, r.owner());
            i.executeUpdate();
        }
        return null;
    }

    private static RunRecord record(ResultSet r) throws SQLException {
        return new RunRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
            r.getString(7), instant(r.getObject(8, OffsetDateTime.class)), instant(r.getObject(9, OffsetDateTime.class)),
            RunStatus.of(r.getString(10)), r.getInt(11), r.getInt(12), r.getInt(13), r.getInt(14), r.getInt(15),
            r.getObject(16, Integer.class), r.getObject(17, Integer.class), r.getString(18), r.getString(19),
            r.getString(20));
    }

    private static void integer(PreparedStatement s, int i, Integer v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setInt(i, v);
        }
    }

    private static void timestamp(PreparedStatement s, int i, Instant at) throws SQLException {
        if (at == null) {
            s.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(i, time(at));
        }
    }

    private static OffsetDateTime time(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 1) + "…";
    }

    private <T> T run(Sql.Work<T> work) {
        try {
            return sql.call(work);
        } catch (SQLException e) {
            throw sql.settings().unavailable(e);
        }
    }
}
