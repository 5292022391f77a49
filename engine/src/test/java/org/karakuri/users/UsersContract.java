package org.karakuri.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;

/** Users, tokens, lock-out and sessions, on whichever database a subclass gives. */
abstract class UsersContract {
    static final char[] GOOD = "kinkyu-2026-haru".toCharArray();

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-04-01T09:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    Ledger db;
    Users users;

    abstract LedgerSettings settings();

    @BeforeEach
    void open() {
        db = Ledger.open(settings());
        users = new Users(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void keepsUsersWithTheirRolesAndOnlyASaltedSlowHashOfThePassword() throws Exception {
        users.add("sato", Role.OPERATOR, GOOD);
        users.add("suzuki", Role.AUDITOR, GOOD);
        assertThat(users.list()).extracting(User::name, User::role).containsExactly(
            org.assertj.core.groups.Tuple.tuple("sato", Role.OPERATOR), org.assertj.core.groups.Tuple.tuple("suzuki", Role.AUDITOR));
        String[] hashes = db.call(c -> {
            try (var s = c.prepareStatement("SELECT password_hash FROM users ORDER BY name"); var r = s.executeQuery()) {
                r.next();
                String a = r.getString(1);
                r.next();
                return new String[] {a, r.getString(1)};
            }
        });
        assertThat(hashes[0]).startsWith("pbkdf2-sha256$" + PasswordHash.ITERATIONS + "$").doesNotContain(new String(GOOD));
        assertThat(hashes[0]).as("a salt of its own").isNotEqualTo(hashes[1]);
        assertThat(users.login("sato", GOOD)).isInstanceOf(Users.Login.Ok.class);
        assertThat(users.login("sato", "kinkyu-2026-natsu".toCharArray())).isInstanceOf(Users.Login.Refused.class);
    }

    @Test
    void refusesShortPasswordsTakenNamesAndRemovingTheLastAdmin() {
        assertThatThrownBy(() -> users.add("sato", Role.OPERATOR, "short-pass1".toCharArray()))
            .isInstanceOf(KarakuriException.class).hasMessageContaining("at least 12 characters");
        users.add("admin1", Role.ADMIN, GOOD);
        assertThatThrownBy(() -> users.add("admin1", Role.AUTHOR, GOOD)).hasMessageContaining("already a user admin1");
        assertThatThrownBy(() -> users.add("bad name", Role.AUTHOR, GOOD)).hasMessageContaining("cannot be a user name");
        assertThatThrownBy(() -> users.remove("admin1")).hasMessageContaining("last admin");
        users.add("admin2", Role.ADMIN, GOOD);
        users.remove("admin1");
        assertThat(users.list()).extracting(User::name).containsExactly("admin2");
    }

    @Test
    void locksANameForFifteenMinutesAfterFiveFailedLogins() {
        users.add("sato", Role.OPERATOR, GOOD);
        char[] wrong = "not-the-password".toCharArray();
        for (int i = 0; i < 4; i++) {
            assertThat(users.login("sato", wrong)).isInstanceOf(Users.Login.Refused.class);
        }
        assertThat(users.login("sato", wrong)).isEqualTo(new Users.Login.Locked(now.get().plus(Users.LOCK)));
        assertThat(users.login("sato", GOOD)).as("even the right password while locked").isInstanceOf(Users.Login.Locked.class);
        now.set(now.get().plus(Duration.ofMinutes(14)));
        assertThat(users.login("sato", GOOD)).isInstanceOf(Users.Login.Locked.class);
        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertThat(users.login("sato", GOOD)).isInstanceOf(Users.Login.Ok.class);
        // an unknown name is counted and locked the same way: a lock says nothing about who exists
        for (int i = 0; i < 4; i++) {
            users.login("nobody", wrong);
        }
        assertThat(users.login("nobody", wrong)).isInstanceOf(Users.Login.Locked.class);
    }

    @Test
    void tokensAreShownOnceKeptHashedListedAndRevoked() throws Exception {
        users.add("sato", Role.OPERATOR, GOOD);
        Users.NewToken t = users.newToken("sato");
        assertThat(t.token()).startsWith("krk_").hasSizeGreaterThan(40);
        assertThat(users.byToken(t.token())).contains(new Principal("sato", Role.OPERATOR, "api"));
        String stored = db.call(c -> {
            try (var s = c.prepareStatement("SELECT token_hash FROM api_tokens"); var r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        });
        assertThat(stored).isEqualTo(Users.sha256(t.token())).doesNotContain(t.token().substring(4));
        assertThat(users.tokens("sato")).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo(t.id());
            assertThat(i.lastUsed()).isEqualTo(now.get());
            assertThat(i.active()).isTrue();
        });
        Users.NewToken second = users.newToken("sato");
        assertThat(users.revoke("sato", t.id())).isEqualTo(1);
        assertThat(users.byToken(t.token())).isEmpty();
        assertThat(users.byToken(second.token())).isPresent();
        assertThat(users.revoke("sato", null)).isEqualTo(1);
        assertThat(users.byToken(second.token())).isEmpty();
        assertThat(users.byToken("krk_made-up")).isEmpty();
    }

    @Test
    void sessionsEndAfterTheIdleTimeoutAndWithANewPassword() {
        User sato = users.add("sato", Role.OPERATOR, GOOD);
        Sessions sessions = new Sessions(users, Duration.ofMinutes(30));
        Sessions.Session s = sessions.open(sato);
        assertThat(sessions.find(s.id())).get().satisfies(x -> {
            assertThat(x.user()).isEqualTo(new Principal("sato", Role.OPERATOR, "console"));
            assertThat(x.csrf()).isEqualTo(s.csrf()).hasSizeGreaterThan(40);
        });
        now.set(now.get().plus(Duration.ofMinutes(29)));
        assertThat(sessions.find(s.id())).as("used within 30 minutes").isPresent();
        now.set(now.get().plus(Duration.ofMinutes(29)));
        assertThat(sessions.find(s.id())).as("the use above counted as activity").isPresent();
        now.set(now.get().plus(Duration.ofMinutes(31)));
        assertThat(sessions.find(s.id())).as("idle 31 minutes").isEmpty();
        Sessions.Session again = sessions.open(sato);
        users.passwd("sato", "kinkyu-2026-natsu".toCharArray());
        assertThat(sessions.find(again.id())).isEmpty();
        assertThat(sessions.find("made-up")).isEmpty();
    }
}
