package org.karakuri.users;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Console sessions, in the database so that every node of a cluster knows them: the cookie holds
 * 32 random bytes, the table only their SHA-256; each session has its own CSRF token. A session
 * idle for longer than the idle timeout is gone.
 */
public final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How often the last-seen time is written: not on every request. */
    private static final Duration TOUCH = Duration.ofSeconds(30);

    private final Users users;
    private final Duration idle;

    public Sessions(Users users, Duration idle) {
        this.users = users;
        this.idle = idle;
    }

    /** A session: {@code id} goes into the cookie, {@code csrf} into every form. */
    public record Session(String id, Principal user, String csrf, Instant lastSeen) {}

    public Duration idleTimeout() {
        return idle;
    }

    public Session open(User user) {
        String id = random();
        String csrf = random();
        Instant now = users.clock().instant();
        users.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO console_sessions (id_hash, user_name, role, csrf, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, Users.sha256(id));
                s.setString(2, user.name());
                s.setString(3, user.role().text());
                s.setString(4, csrf);
                s.setObject(5, Users.time(now));
                s.setObject(6, Users.time(now));
                return s.executeUpdate();
            }
        });
        return new Session(id, new Principal(user.name(), user.role(), "console"), csrf, now);
    }

    /** The live session of a cookie value; an idle one is removed and not returned. */
    public Optional<Session> find(String id) {
        if (id == null || id.isBlank() || id.length() > 100) {
            return Optional.empty();
        }
        String hash = Users.sha256(id);
        Instant now = users.clock().instant();
        Optional<Session> found = users.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT s.user_name, u.role, s.csrf, s.last_seen_at FROM console_sessions s "
                + "JOIN users u ON u.name = s.user_name WHERE s.id_hash = ?")) {
                s.setString(1, hash);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<Session>empty();
                    }
                    String name = r.getString(1);
                    Optional<Role> role = Role.parse(r.getString(2));
                    String csrf = r.getString(3);
                    Instant seen = Users.instant(r, 4);
                    return role.map(x -> new Session(id, new Principal(name, x, "console"), csrf, seen));
                }
            }
        });
        if (found.isEmpty()) {
            return found;
        }
        if (found.get().lastSeen().plus(idle).isBefore(now)) {
            close(id);
            return Optional.empty();
        }
        if (found.get().lastSeen().plus(TOUCH).isBefore(now)) {
            users.run(c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE console_sessions SET last_seen_at = ? WHERE id_hash = ?")) {
                    s.setObject(1, Users.time(now));
                    s.setString(2, hash);
                    return s.executeUpdate();
                }
            });
        }
        return found;
    }

    public void close(String id) {
        if (id == null) {
            return;
        }
        users.run(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM console_sessions WHERE id_hash = ?")) {
                s.setString(1, Users.sha256(id));
                return s.executeUpdate();
            }
        });
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
