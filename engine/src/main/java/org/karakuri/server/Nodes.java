package org.karakuri.server;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.karakuri.ledger.Sql;

/** The nodes of a cluster and where each one's console is reached ({@code cluster_nodes}), in the shared database. */
final class Nodes {
    private final Sql db;

    Nodes(Sql db) {
        this.db = db;
    }

    /** This node listens at {@code url} from now on. */
    void announce(String node, String url, Instant at) {
        try {
            db.call(c -> {
                try (PreparedStatement u = c.prepareStatement("UPDATE cluster_nodes SET url = ?, started_at = ? WHERE node = ?")) {
                    u.setString(1, url);
                    u.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                    u.setString(3, node);
                    if (u.executeUpdate() > 0) {
                        return null;
                    }
                }
                try (PreparedStatement i = c.prepareStatement("INSERT INTO cluster_nodes (node, url, started_at) VALUES (?, ?, ?)")) {
                    i.setString(1, node);
                    i.setString(2, url);
                    i.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                    i.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw db.settings().unavailable(e);
        }
    }

    /** Where {@code node} said it listens, if it ever did. */
    Optional<String> url(String node) {
        try {
            return db.call(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT url FROM cluster_nodes WHERE node = ?")) {
                    s.setString(1, node);
                    try (ResultSet r = s.executeQuery()) {
                        return r.next() ? Optional.of(r.getString(1)) : Optional.<String>empty();
                    }
                }
            });
        } catch (SQLException e) {
            throw db.settings().unavailable(e);
        }
    }
}
