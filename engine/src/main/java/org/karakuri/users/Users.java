package org.karakuri.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.ledger.Sql;

/**
 * The users of an engine, in its database ({@code V30__users.sql}): names, roles, password hashes
 * ({@link PasswordHash}), API tokens (kept as SHA-256: a token is 32 random bytes, so a fast hash
 * is enough), and failed logins: {@link #MAX_FAILURES} in a row lock the name for {@link #LOCK}.
 * The same class serves the command line ({@code karakuri user}), the API and the console, on H2
 * or PostgreSQL; a cluster's nodes share it.
 */
public final class Users {
    public static final int MIN_PASSWORD = 12;
    public static final int MAX_FAILURES = 5;
    public static final Duration LOCK = Duration.ofMinutes(15);
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._@-]{0,99}");
    private static final String TOKEN_PREFIX = "krk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sql sql;
    private final Clock clock;
    private volatile Directory directory;

    public Users(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** Also lets people the directory knows log in (local users stay the default and are checked first). */
    public Users withDirectory(Directory d) {
        this.directory = d;
        return this;
    }

    public Users(Sql sql) {
        this(sql, Clock.systemUTC());
    }

    /** A new token, shown once: {@code token} is what the caller sends, {@code id} what lists show. */
    public record NewToken(String id, String token) {}

    /** A token as lists show it: never the token itself. */
    public record TokenInfo(String id, String user, Instant created, Instant lastUsed, Instant revoked) {
        public boolean active() {
            return revoked == null;
        }
    }

    /** How a login went. */
    public sealed interface Login permits Login.Ok, Login.Refused, Login.Locked {
        record Ok(User user) implements Login {}

        record Refused() implements Login {}

        record Locked(Instant until) implements Login {}
    }

    /** Adds a local user with a password; refuses a taken or malformed name, or a short password. */
    public User add(String name, Role role, char[] password) {
        checkName(name);
        checkPassword(password);
        return insert(name, role, PasswordHash.hash(password), "local");
    }

    /** Adds (or updates the role of) a user the directory vouches for: no password kept here. */
    public User directoryUser(String name, Role role) {
        checkName(name);
        Optional<User> known = get(name);
        if (known.isPresent()) {
            if (known.get().role() != role) {
                update("UPDATE users SET role = ? WHERE name = ?", role.text(), name);
            }
            return new User(name, role, known.get().source(), known.get().created());
        }
        return insert(name, role, null, "ldap");
    }

    private User insert(String name, Role role, String hash, String source) {
        if (get(name).isPresent()) {
            throw new KarakuriException("users.exists", name);
        }
        Instant now = clock.instant();
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO users (name, role, password_hash, source, created_at) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, name);
                s.setString(2, role.text());
                s.setString(3, hash);
                s.setString(4, source);
                s.setObject(5, time(now));
                return s.executeUpdate();
            }
        });
        return new User(name, role, source, now);
    }

    public List<User> list() {
        return run(c -> {
            List<User> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT name, role, source, created_at FROM users ORDER BY name");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(user(r));
                }
            }
            return out;
        });
    }

    public Optional<User> get(String name) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT name, role, source, created_at FROM users WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(user(r)) : Optional.<User>empty();
                }
            }
        });
    }

    public boolean hasAdmin() {
        return list().stream().anyMatch(u -> u.role() == Role.ADMIN);
    }

    /** Removes the user, their tokens and their console sessions; refuses to remove the last admin. */
    public void remove(String name) {
        User u = get(name).orElseThrow(() -> new KarakuriException("users.no-user", name));
        if (u.role() == Role.ADMIN && list().stream().filter(x -> x.role() == Role.ADMIN).count() == 1) {
            throw new KarakuriException("users.last-admin", name);
        }
        update("DELETE FROM api_tokens WHERE user_name = ?", name);
        update("DELETE FROM console_sessions WHERE user_name = ?", name);
        update("DELETE FROM users WHERE name = ?", name);
    }

    /** Sets a new password; the user's console sessions end. */
    public void passwd(String name, char[] password) {
        User u = get(name).orElseThrow(() -> new KarakuriException("users.no-user", name));
        if (!u.source().equals("local")) {
            throw new KarakuriException("users.not-local", name, u.source());
        }
        checkPassword(password);
        update("UPDATE users SET password_hash = ? WHERE name = ?", PasswordHash.hash(password), name);
        update("DELETE FROM console_sessions WHERE user_name = ?", name);
        update("DELETE FROM login_failures WHERE name = ?", name);
    }

    /**
     * Checks a local password. Locked names are refused without a check; each failure counts, and
     * the {@link #MAX_FAILURES}th locks the name for {@link #LOCK}; a success clears the count.
     * An unknown name costs the same time as a known one and counts the same.
     */
    public Login login(String name, char[] password) {
        Optional<Instant> locked = lockedUntil(name);
        if (locked.isPresent()) {
            return new Login.Locked(locked.get());
        }
        Optional<String> hash = name == null ? Optional.empty() : run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT password_hash FROM users WHERE name = ? AND source = 'local'")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.<String>empty();
                }
            }
        });
        boolean ok;
        if (hash.isPresent()) {
            ok = PasswordHash.matches(password, hash.get());
        } else if (directory != null && get(name).map(u -> !u.source().equals("local")).orElse(true)) {
            Optional<Role> role = directory.login(name, password);
            if (role.isPresent()) {
                update("DELETE FROM login_failures WHERE name = ?", name);
                return new Login.Ok(directoryUser(name, role.get()));
            }
            ok = false;
        } else {
            PasswordHash.dummyCheck(password);
            ok = false;
        }
        if (ok) {
            update("DELETE FROM login_failures WHERE name = ?", name);
            return new Login.Ok(get(name).orElseThrow());
        }
        return failed(name);
    }

    /** Counts a failed login of {@code name} (also for the directory's refusals). */
    public Login failed(String name) {
        String key = name == null ? "" : name.length() > 100 ? name.substring(0, 100) : name;
        Instant now = clock.instant();
        int failures = run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT failures, last_at FROM login_failures WHERE name = ?")) {
                s.setString(1, key);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return 0;
                    }
                    // failures long ago do not add up with today's
                    Instant last = r.getObject(2, OffsetDateTime.class).toInstant();
                    return last.isBefore(now.minus(LOCK)) ? 0 : r.getInt(1);
                }
            }
        }) + 1;
        Instant until = failures >= MAX_FAILURES ? now.plus(LOCK) : null;
        int updated = run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE login_failures SET failures = ?, last_at = ?, locked_until = ? WHERE name = ?")) {
                s.setInt(1, until != null ? 0 : failures);
                s.setObject(2, time(now));
                timestamp(s, 3, until);
                s.setString(4, key);
                return s.executeUpdate();
            }
        });
        if (updated == 0) {
            run(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO login_failures (name, failures, last_at, locked_until) VALUES (?, ?, ?, ?)")) {
                    s.setString(1, key);
                    s.setInt(2, until != null ? 0 : failures);
                    s.setObject(3, time(now));
                    timestamp(s, 4, until);
                    return s.executeUpdate();
                }
            });
        }
        return until != null ? new Login.Locked(until) : new Login.Refused();
    }

    /** When the name's lock ends, if it is locked now. */
    public Optional<Instant> lockedUntil(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT locked_until FROM login_failures WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next() && r.getObject(1) != null) {
                        Instant until = r.getObject(1, OffsetDateTime.class).toInstant();
                        return until.isAfter(now) ? Optional.of(until) : Optional.<Instant>empty();
                    }
                    return Optional.<Instant>empty();
                }
            }
        });
    }

    /** A new API token for the user; only its hash is kept. */
    public NewToken newToken(String name) {
        get(name).orElseThrow(() -> new KarakuriException("users.no-user", name));
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String id = HexFormat.of().formatHex(bytes, 0, 4);
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO api_tokens (id, user_name, token_hash, created_at) VALUES (?, ?, ?, ?)")) {
                s.setString(1, id);
                s.setString(2, name);
                s.setString(3, sha256(token));
                s.setObject(4, time(clock.instant()));
                return s.executeUpdate();
            }
        });
        return new NewToken(id, token);
    }

    public List<TokenInfo> tokens(String name) {
        return run(c -> {
            List<TokenInfo> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                "SELECT id, user_name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_name = ? ORDER BY created_at, id")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new TokenInfo(r.getString(1), r.getString(2), instant(r, 3), instant(r, 4), instant(r, 5)));
                    }
                }
            }
            return out;
        });
    }

    /** Revokes one token of the user ({@code id}), or all of them (null); returns how many. */
    public int revoke(String name, String id) {
        get(name).orElseThrow(() -> new KarakuriException("users.no-user", name));
        int n = run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE api_tokens SET revoked_at = ? WHERE user_name = ? AND revoked_at IS NULL"
                + (id == null ? "" : " AND id = ?"))) {
                s.setObject(1, time(clock.instant()));
                s.setString(2, name);
                if (id != null) {
                    s.setString(3, id);
                }
                return s.executeUpdate();
            }
        });
        if (id != null && n == 0) {
            throw new KarakuriException("users.no-token", id, name);
        }
        return n;
    }

    /** The user a token belongs to, when it is one of ours and not revoked. */
    public Optional<Principal> byToken(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        String hash = sha256(token);
        Optional<Principal> p = run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT u.name, u.role FROM api_tokens t JOIN users u ON u.name = t.user_name "
                + "WHERE t.token_hash = ? AND t.revoked_at IS NULL")) {
                s.setString(1, hash);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<Principal>empty();
                    }
                    String user = r.getString(1);
                    return Role.parse(r.getString(2)).map(role -> new Principal(user, role, "api"));
                }
            }
        });
        p.ifPresent(x -> update("UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?", time(clock.instant()), hash));
        return p;
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new KarakuriException("users.bad-name", name);
        }
    }

    static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD) {
            throw new KarakuriException("users.short-password", MIN_PASSWORD);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static User user(ResultSet r) throws SQLException {
        return new User(r.getString(1), Role.parse(r.getString(2)).orElse(Role.AUTHOR), r.getString(3), instant(r, 4));
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

    static OffsetDateTime time(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static void timestamp(PreparedStatement s, int i, Instant at) throws SQLException {
        if (at == null) {
            s.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(i, time(at));
        }
    }

    static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    <T> T run(Sql.Work<T> work) {
        try {
            return sql.call(work);
        } catch (SQLException e) {
            throw sql.settings().unavailable(e);
        }
    }

    Clock clock() {
        return clock;
    }

    Sql sql() {
        return sql;
    }
}
