package org.karakuri.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.config.EngineConfig;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;

/** Login against a real LDAP server (UnboundID's in-memory directory on loopback): bind as the user, role from the group mapping. */
class DirectoryLoginTest {
    @TempDir
    Path home;
    InMemoryDirectoryServer ldap;
    Ledger db;
    Users users;

    @BeforeEach
    void directory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=city,dc=local");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        config.setSchema(null);
        ldap = new InMemoryDirectoryServer(config);
        ldap.add("dn: dc=city,dc=local", "objectClass: domain", "dc: city");
        ldap.add("dn: ou=people,dc=city,dc=local", "objectClass: organizationalUnit", "ou: people");
        ldap.add("dn: ou=groups,dc=city,dc=local", "objectClass: organizationalUnit", "ou: groups");
        ldap.add("dn: uid=yamada,ou=people,dc=city,dc=local", "objectClass: inetOrgPerson", "uid: yamada", "cn: 山田", "sn: 山田",
            "userPassword: shimin-2026-haru");
        ldap.add("dn: uid=kimura,ou=people,dc=city,dc=local", "objectClass: inetOrgPerson", "uid: kimura", "cn: 木村", "sn: 木村",
            "userPassword: shimin-2026-natsu");
        ldap.add("dn: uid=kansa,ou=people,dc=city,dc=local", "objectClass: inetOrgPerson", "uid: kansa", "cn: 監査", "sn: 監査",
            "userPassword: kansa-2026-aki", "memberOf: cn=rpa-auditors,ou=groups,dc=city,dc=local");
        ldap.add("dn: cn=rpa-operators,ou=groups,dc=city,dc=local", "objectClass: groupOfNames", "cn: rpa-operators",
            "member: uid=yamada,ou=people,dc=city,dc=local");
        ldap.startListening();
        db = Ledger.open(LedgerSettings.h2(home));
        // the directory as an administrator writes it in engine.yaml: the mapping as a list, DNs with their commas
        Files.writeString(home.resolve("engine.yaml"), """
            directory:
              url: ldap://127.0.0.1:%d
              user: uid={0},ou=people,dc=city,dc=local
              group-base: ou=groups,dc=city,dc=local
              roles:
                - cn=rpa-admins,ou=groups,dc=city,dc=local=admin
                - CN=rpa-operators, OU=groups, DC=city, DC=local=operator
                - cn=rpa-auditors,ou=groups,dc=city,dc=local=auditor
            """.formatted(ldap.getListenPort()));
        users = new Users(db).withDirectory(directory(Map.of()).orElseThrow());
    }

    Optional<Directory> directory(Map<String, String> env) {
        return Directory.from(EngineConfig.load(home, env).directory());
    }

    @AfterEach
    void stop() {
        db.close();
        ldap.shutDown(true);
    }

    @Test
    void aDirectoryUserLogsInWithTheRoleOfTheirGroupAndIsKeptWithoutAPassword() throws Exception {
        assertThat(users.login("yamada", "shimin-2026-haru".toCharArray())).isInstanceOfSatisfying(Users.Login.Ok.class, ok -> {
            assertThat(ok.user().role()).isEqualTo(Role.OPERATOR);
            assertThat(ok.user().source()).isEqualTo("ldap");
        });
        assertThat(users.login("kansa", "kansa-2026-aki".toCharArray())).as("memberOf on the entry")
            .isInstanceOfSatisfying(Users.Login.Ok.class, ok -> assertThat(ok.user().role()).isEqualTo(Role.AUDITOR));
        String stored = db.call(c -> {
            try (var s = c.prepareStatement("SELECT password_hash FROM users WHERE name = 'yamada'"); var r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        });
        assertThat(stored).isNull();
    }

    @Test
    void refusesAWrongPasswordAnEmptyOneAUserInNoMappedGroupAndANameThatTriesToRewriteTheDn() {
        assertThat(users.login("yamada", "wrong-password".toCharArray())).isInstanceOf(Users.Login.Refused.class);
        assertThat(users.login("yamada", new char[0])).as("an empty password is an anonymous bind").isInstanceOf(Users.Login.Refused.class);
        assertThat(users.login("kimura", "shimin-2026-natsu".toCharArray())).isInstanceOf(Users.Login.Refused.class);
        assertThat(users.login("yamada,ou=people", "shimin-2026-haru".toCharArray())).isInstanceOf(Users.Login.Refused.class);
        assertThat(users.list()).isEmpty();
    }

    @Test
    void countsDirectoryFailuresTowardsTheLockAndKeepsLocalUsersFirst() {
        users.add("kanri", Role.ADMIN, "kanri-2026-haru".toCharArray());
        assertThat(users.login("kanri", "kanri-2026-haru".toCharArray())).isInstanceOf(Users.Login.Ok.class);
        for (int i = 0; i < 4; i++) {
            users.login("yamada", "wrong-password".toCharArray());
        }
        assertThat(users.login("yamada", "wrong-password".toCharArray())).isInstanceOf(Users.Login.Locked.class);
        assertThat(users.login("yamada", "shimin-2026-haru".toCharArray())).isInstanceOf(Users.Login.Locked.class);
    }

    @Test
    void theEnvironmentOverridesTheFileWithTheMappingSeparatedBySemicolons() {
        Users fromEnv = new Users(db).withDirectory(directory(Map.of(
            "KARAKURI_LDAP_ROLES", "cn=rpa-operators,ou=groups,dc=city,dc=local=auditor; cn=rpa-admins,ou=groups,dc=city,dc=local=admin"))
            .orElseThrow());
        assertThat(fromEnv.login("yamada", "shimin-2026-haru".toCharArray()))
            .isInstanceOfSatisfying(Users.Login.Ok.class, ok -> assertThat(ok.user().role()).isEqualTo(Role.AUDITOR));
    }

    @Test
    void saysWhatIsMissingFromTheSettingsAndWhere() throws Exception {
        Files.writeString(home.resolve("engine.yaml"), "directory:\n  url: ldap://x\n");
        assertThatThrownBy(() -> directory(Map.of())).isInstanceOf(KarakuriException.class)
            .hasMessageContaining("engine.yaml:2:3").hasMessageContaining("KARAKURI_LDAP_USER");
        Files.writeString(home.resolve("engine.yaml"), "directory:\n  url: ldap://x\n  user: uid={0}\n  roles: [cn=x=boss]\n");
        assertThatThrownBy(() -> directory(Map.of())).hasMessageContaining("'cn=x=boss'").hasMessageContaining("author|operator|auditor|admin");
        assertThatThrownBy(() -> directory(Map.of("KARAKURI_LDAP_ROLES", "cn=x"))).hasMessageContaining("'cn=x'");
        Files.delete(home.resolve("engine.yaml"));
        assertThat(directory(Map.of())).isEmpty();
    }
}
