package org.karakuri.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.audit.OperationsTrail;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.users.Users;

/** {@code karakuri user …} on a real home: the database, the operations trail, and what the terminal shows. */
class UserCommandTest {
    @TempDir
    Path home;

    record Output(int exit, String out, String err) {}

    Output karakuri(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--lang", "en"));
        all.addAll(List.of(args));
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)));
        try {
            int exit = Main.execute(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), home);
            return new Output(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(before);
        }
    }

    @Test
    void makesTheFirstAdminListsUsersAndRecordsEveryChangeInTheOperationsTrail() throws Exception {
        assertThat(karakuri(null, "user", "list").out()).contains("no users yet");
        Output added = karakuri("kanri-2026-haru\n", "user", "add", "kanri", "--role", "admin", "--password-stdin");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("added kanri (admin)");
        assertThat(karakuri("unyou-2026-haru\n", "user", "add", "sato", "--role", "operator", "--password-stdin").exit()).isZero();
        Output list = karakuri(null, "user", "list");
        assertThat(list.out()).contains("kanri").contains("admin").contains("sato").contains("operator");

        Output token = karakuri(null, "user", "token", "sato");
        assertThat(token.out().lines().toList()).singleElement().satisfies(t -> assertThat(t).startsWith("krk_"));
        assertThat(token.err()).contains("shown once");
        String secret = token.out().strip();
        try (Ledger db = Ledger.open(LedgerSettings.h2(home))) {
            assertThat(new Users(db).byToken(secret)).isPresent();
        }
        assertThat(karakuri(null, "user", "token", "sato", "--revoke").err()).contains("revoked 1 token(s) of sato");
        assertThat(karakuri(null, "user", "remove", "sato").out()).contains("removed sato");

        List<String> actions = new OperationsTrail(home).latest(10, o -> true).stream().map(o -> o.action() + " " + o.target()).toList();
        assertThat(actions).containsExactly("user-remove sato", "token-revoke sato", "token-new sato", "user-add sato", "user-add kanri");
        String trail = Files.readString(OperationsTrail.file(home));
        assertThat(trail).doesNotContain("kanri-2026-haru").doesNotContain(secret);
        Output verify = karakuri(null, "audit", "verify", "--all");
        assertThat(verify.exit()).as(verify.out()).isZero();
    }

    @Test
    void refusesAShortPasswordAnUnknownRoleAndNoPasswordWithoutATerminal() {
        Output shortOne = karakuri("short\n", "user", "add", "sato", "--role", "operator", "--password-stdin");
        assertThat(shortOne.exit()).isEqualTo(2);
        assertThat(shortOne.err()).contains("at least 12 characters");
        Output role = karakuri("unyou-2026-haru\n", "user", "add", "sato", "--role", "boss", "--password-stdin");
        assertThat(role.err()).contains("'boss' is not a role; write one of author|operator|auditor|admin");
        Output noTerminal = karakuri(null, "user", "add", "sato", "--role", "operator");
        assertThat(noTerminal.err()).contains("--password-stdin");
    }

    @Test
    void anEditedOperationIsFoundByAuditVerifyAll() throws Exception {
        karakuri("kanri-2026-haru\n", "user", "add", "kanri", "--role", "admin", "--password-stdin");
        karakuri("unyou-2026-haru\n", "user", "add", "sato", "--role", "operator", "--password-stdin");
        Path file = OperationsTrail.file(home);
        Files.writeString(file, Files.readString(file).replace("\"role\":\"operator\"", "\"role\":\"admin\""));
        Output verify = karakuri(null, "audit", "verify", "--all");
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.out()).contains("operations.jsonl:2").contains("edited");
    }
}
