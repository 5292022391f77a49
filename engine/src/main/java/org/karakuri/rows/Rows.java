package org.karakuri.rows;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.karakuri.audit.OperationsTrail;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.spi.RowStatus;
import org.karakuri.config.SecretsConfig;
import org.karakuri.ledger.RowKeys;
import org.karakuri.ledger.Sql;
import org.karakuri.users.Principal;

/**
 * Rows an operator must deal with, one service behind {@code karakuri rows} and the console's
 * review queue: the ledger's rows by status; a row held for review (interrupted), found invalid
 * or failed is either <em>entered by hand</em> ({@code resolve}: the ledger says done, so no run
 * enters it again) or <em>entered again</em> by the next run ({@code reset}: its line is removed).
 * Each decision is kept with who made it and why ({@code row_decisions}) and written into the
 * operations trail. A key the ledger keeps hashed (a masked column, a My Number) is found from the
 * key as written, and never shown or recorded in clear.
 */
public final class Rows {
    /** The statuses of the review queue: what a person must look at. */
    public static final Set<RowStatus> NEEDS_A_PERSON = Collections.unmodifiableSet(
        new java.util.LinkedHashSet<>(List.of(RowStatus.INTERRUPTED, RowStatus.INVALID, RowStatus.FAILED)));
    private static final List<String> HASHED = List.of("hmac:", "sha256:");
    private static final int MAX_COMMENT = 4000;

    private final Sql sql;
    private final SecretsConfig secrets;
    private final Path home;
    private final OperationsTrail trail;
    private final String node;
    private final Clock clock;

    /**
     * @param secrets where the master key is, to find a row whose key the ledger keeps as a keyed hash
     * @param home    KARAKURI_HOME (a master key's path in the configuration may be relative to it)
     */
    public Rows(Sql sql, SecretsConfig secrets, Path home, OperationsTrail trail, String node, Clock clock) {
        this.sql = sql;
        this.secrets = secrets;
        this.home = home;
        this.trail = trail;
        this.node = node;
        this.clock = clock;
    }

    /**
     * A row as people see it.
     *
     * @param key    the ledger's key; {@link #shownKey()} hides a hashed one (a My Number, a masked column's key)
     * @param row    its row number in the file of the run that wrote it
     */
    public record Row(String scenario, String key, RowStatus status, String runId, int row, String message, Instant at) {
        /** The key, or {@code ********} when the ledger keeps only its hash. */
        public String shownKey() {
            return HASHED.stream().anyMatch(key::startsWith) ? "********" : key;
        }

        /** A reference to this row that is safe to show and post back: the key, or its stored hash. */
        public String ref() {
            return key;
        }
    }

    /** A decision about a row. */
    public record Decision(String scenario, String key, String decision, RowStatus previous, String runId, int row, String by,
                           String comment, Instant at) {}

    /** The scenario's rows, by key, of the given statuses (all when empty). */
    public List<Row> list(String scenario, Set<RowStatus> statuses) {
        return select("WHERE scenario = ?" + in(statuses) + " ORDER BY row_key", scenario, statuses);
    }

    /** Rows that need a person, of every scenario (or one), latest first, at most {@code limit}. */
    public List<Row> queue(String scenario, int limit) {
        String where = scenario == null ? "WHERE 1 = 1" : "WHERE scenario = ?";
        return select(where + in(NEEDS_A_PERSON) + " ORDER BY updated_at DESC, scenario, row_key LIMIT " + Math.max(0, limit), scenario,
            NEEDS_A_PERSON);
    }

    /**
     * The row a key names: as written, in the form the ledger compares keys in, as the keyed hash
     * it keeps a My Number or a masked column's key under (with the current or a retired master
     * key), as an older version kept it, or as the stored form a page posts back.
     */
    public Optional<Row> find(String scenario, String key) {
        List<String> forms = new RowKeys(sql, scenario, secrets, home).lookup(key);
        String placeholders = String.join(", ", Collections.nCopies(forms.size(), "?"));
        List<Row> found = select("WHERE scenario = ? AND row_key IN (" + placeholders + ")", scenario, Set.of(), forms.toArray(String[]::new));
        return found.stream().min(java.util.Comparator.comparingInt(r -> forms.indexOf(r.key())));
    }

    /** Entered by hand: the ledger says done, so no run enters the row again. */
    public Decision resolve(Principal who, String scenario, String key, String comment) {
        if (comment == null || comment.isBlank()) {
            throw new KarakuriException("rows.comment-needed");
        }
        Row r = find(scenario, key).orElseThrow(() -> new KarakuriException("rows.no-row", scenario));
        if (r.status() == RowStatus.DONE || r.status() == RowStatus.IN_PROGRESS) {
            throw new KarakuriException("rows.not-for-a-person", r.shownKey(), r.status().text());
        }
        String note = "entered by hand (" + who.name() + "): " + clip(comment.strip());
        update("UPDATE row_outcomes SET status = ?, message = ?, updated_at = ?, owner_process = NULL WHERE scenario = ? AND row_key = ?",
            RowStatus.DONE.text(), note, time(clock.instant()), scenario, r.key());
        return decide(who, r, "done", comment, "row-resolve");
    }

    /** Enter again: the row's line is removed, so the next run checks and enters it as new. */
    public Decision reset(Principal who, String scenario, String key, String comment) {
        Row r = find(scenario, key).orElseThrow(() -> new KarakuriException("rows.no-row", scenario));
        if (r.status() == RowStatus.IN_PROGRESS) {
            throw new KarakuriException("rows.not-for-a-person", r.shownKey(), r.status().text());
        }
        update("DELETE FROM row_outcomes WHERE scenario = ? AND row_key = ?", scenario, r.key());
        return decide(who, r, "reset", comment, "row-reset");
    }

    /** Enter every row of the scenario again (but rows in progress); returns the decisions. */
    public List<Decision> resetAll(Principal who, String scenario, String comment) {
        List<Decision> out = new ArrayList<>();
        for (Row r : list(scenario, Set.of())) {
            if (r.status() != RowStatus.IN_PROGRESS) {
                out.add(reset(who, scenario, r.key(), comment));
            }
        }
        return out;
    }

    /** The decisions about rows, latest first: of one scenario and key, or all (nulls). */
    public List<Decision> decisions(String scenario, String key, int limit) {
        List<Object> args = new ArrayList<>();
        String where = "";
        if (scenario != null) {
            where = "WHERE scenario = ?";
            args.add(scenario);
            if (key != null) {
                where += " AND row_key = ?";
                args.add(key);
            }
        }
        String statement = "SELECT scenario, row_key, decision, previous, run_id, row_no, decided_by, comment, decided_at FROM row_decisions "
            + where + " ORDER BY decided_at DESC LIMIT " + Math.max(0, limit);
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement(statement)) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                List<Decision> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Decision(r.getString(1), r.getString(2), r.getString(3), r.getString(4) == null ? null : RowStatus.of(r.getString(4)),
                            r.getString(5), r.getInt(6), r.getString(7), r.getString(8), r.getObject(9, OffsetDateTime.class).toInstant()));
                    }
                }
                return out;
            }
        });
    }

    private Decision decide(Principal who, Row r, String decision, String comment, String action) {
        Instant now = clock.instant();
        String text = comment == null || comment.isBlank() ? null : clip(comment.strip());
        update("INSERT INTO row_decisions (scenario, row_key, decision, previous, run_id, row_no, decided_by, comment, decided_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", r.scenario(), r.key(), decision, r.status().text(), r.runId(), r.row(), who.name(), text, time(now));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("previous", r.status().text());
        details.put("run", r.runId());
        details.put("row", String.valueOf(r.row()));
        if (text != null) {
            details.put("comment", text);
        }
        trail.record(action, who.name(), who.via(), r.scenario() + "/" + r.key(), details, node);
        return new Decision(r.scenario(), r.key(), decision, r.status(), r.runId(), r.row(), who.name(), text, now);
    }

    private static String in(Set<RowStatus> statuses) {
        return statuses.isEmpty() ? "" : " AND status IN (" + String.join(", ", Collections.nCopies(statuses.size(), "?")) + ")";
    }

    private List<Row> select(String where, String scenario, Set<RowStatus> statuses, String... more) {
        String statement = "SELECT scenario, row_key, status, run_id, row_no, message, updated_at FROM row_outcomes " + where;
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement(statement)) {
                int i = 1;
                if (scenario != null) {
                    s.setString(i++, scenario);
                }
                for (String m : more) {
                    s.setString(i++, m);
                }
                for (RowStatus st : statuses) {
                    s.setString(i++, st.text());
                }
                List<Row> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        OffsetDateTime at = r.getObject(7, OffsetDateTime.class);
                        out.add(new Row(r.getString(1), r.getString(2), RowStatus.of(r.getString(3)), r.getString(4), r.getInt(5), r.getString(6),
                            at == null ? null : at.toInstant()));
                    }
                }
                return out;
            }
        });
    }

    private void update(String statement, Object... args) {
        run(c -> {
            try (PreparedStatement s = c.prepareStatement(statement)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                return s.executeUpdate();
            }
        });
    }

    private <T> T run(Sql.Work<T> work) {
        try {
            return sql.call(work);
        } catch (SQLException e) {
            throw sql.settings().unavailable(e);
        }
    }

    private static String clip(String s) {
        return s.length() <= MAX_COMMENT ? s : s.substring(0, MAX_COMMENT - 1) + "…";
    }

    private static OffsetDateTime time(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    /** The statuses {@code --status} may name, as {@code done|failed|…}. */
    public static String statusChoices() {
        return String.join("|", java.util.Arrays.stream(RowStatus.values()).map(RowStatus::text).toList());
    }
}
