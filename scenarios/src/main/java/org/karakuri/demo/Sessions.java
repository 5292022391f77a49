package org.karakuri.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side sessions keyed by a {@code JSESSIONID} cookie. A session lives while it is used:
 * each request restarts its timeout, measured on the injected clock so tests can advance time.
 */
final class Sessions {

    static final String COOKIE = "JSESSIONID";

    /** One logged-in clerk. The search condition lives here, as in the old system. */
    static final class Session {
        private final String id;
        private final String user;
        private Instant lastAccess; // guarded by this
        private boolean expired; // guarded by this
        private volatile String searchName;

        private Session(String id, String user, Instant now) {
            this.id = id;
            this.user = user;
            this.lastAccess = now;
        }

        String id() {
            return id;
        }

        String user() {
            return user;
        }

        /** The 氏名 of the last search, or {@code null} before the first one. */
        String searchName() {
            return searchName;
        }

        void searchName(String name) {
            this.searchName = name;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration timeout;

    Sessions(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    Session create(String user) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        Session session = new Session(HexFormat.of().withUpperCase().formatHex(bytes), user, clock.instant());
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, its timeout restarted; empty if unknown or expired. */
    Optional<Session> touch(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        synchronized (session) {
            if (session.expired || !now.isBefore(session.lastAccess.plus(timeout))) {
                session.expired = true;
                sessions.remove(id, session);
                return Optional.empty();
            }
            session.lastAccess = now;
        }
        return Optional.of(session);
    }

    void invalidate(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every current session; a request already past its check when this runs still finishes. */
    void expireAll() {
        for (Session session : sessions.values()) {
            synchronized (session) {
                session.expired = true;
            }
        }
        sessions.clear();
    }
}
