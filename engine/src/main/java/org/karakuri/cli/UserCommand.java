package org.karakuri.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.karakuri.audit.OperationsTrail;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.users.Principal;
import org.karakuri.users.Role;
import org.karakuri.users.User;
import org.karakuri.users.Users;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./karakuri user add|list|remove|passwd|token}: the people who may use the console and
 * the API, in the engine's database. Only the command line can make the first admin. Every change
 * goes into the operations trail, by the OS user.
 */
@Command(name = "user", description = {"Manage the users of the console and the API.", "コンソールと API の利用者を管理します。"},
    mixinStandardHelpOptions = true,
    subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Remove.class, UserCommand.Passwd.class, UserCommand.Token.class})
public final class UserCommand {

    /** Base of the subcommands: the database, the trail, the streams. */
    abstract static class Sub implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public final Integer call() {
            return Hosts.withDatabase(spec, (db, home) -> run(new Users(db), new OperationsTrail(home), spec.commandLine().getOut()));
        }

        abstract int run(Users users, OperationsTrail trail, PrintWriter out);

        void record(OperationsTrail trail, String action, String target, Map<String, String> details) {
            Principal me = Principal.cli();
            trail.record(action, me.name(), me.via(), target, details, Hosts.name());
        }

        /** The password: one line of standard input, or asked twice at the terminal without echo. */
        char[] password(boolean fromStdin) {
            Messages m = Messages.get();
            if (fromStdin) {
                try {
                    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                    if (line == null) {
                        throw new KarakuriException("users.no-password-on-stdin");
                    }
                    return line.toCharArray();
                } catch (IOException e) {
                    throw new KarakuriException("users.no-password-on-stdin");
                }
            }
            Console console = System.console();
            if (console == null) {
                throw new KarakuriException("users.no-terminal");
            }
            char[] first = console.readPassword("%s", m.format("users.ask-password", Users.MIN_PASSWORD));
            char[] second = console.readPassword("%s", m.format("users.ask-again"));
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new KarakuriException("users.passwords-differ");
            }
            Arrays.fill(second, ' ');
            return first;
        }
    }

    @Command(name = "add", description = {"Add a user with a role: author, operator, auditor or admin.", "利用者を役割（author・operator・auditor・admin）付きで追加します。"})
    static final class Add extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "author|operator|auditor|admin")
        String role;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean stdin;

        @Override
        int run(Users users, OperationsTrail trail, PrintWriter out) {
            Role r = Role.parse(role).orElseThrow(() -> new KarakuriException("users.bad-role", role, Role.choices()));
            char[] password = password(stdin);
            try {
                User u = users.add(name, r, password);
                record(trail, "user-add", u.name(), Map.of("role", r.text()));
                out.println(Messages.get().format("users.added", u.name(), r.text()));
                return 0;
            } finally {
                Arrays.fill(password, ' ');
            }
        }
    }

    @Command(name = "list", description = {"List the users, their roles and their active tokens.", "利用者と役割、有効なトークンの数を表示します。"})
    static final class ListUsers extends Sub {
        @Override
        int run(Users users, OperationsTrail trail, PrintWriter out) {
            Messages m = Messages.get();
            List<User> all = users.list();
            if (all.isEmpty()) {
                out.println(m.format("users.none"));
                return 0;
            }
            TextTable t = new TextTable(List.of(m.format("users.col.name"), m.format("users.col.role"), m.format("users.col.source"),
                m.format("users.col.created"), m.format("users.col.tokens")), 4);
            for (User u : all) {
                long tokens = users.tokens(u.name()).stream().filter(Users.TokenInfo::active).count();
                t.row(List.of(u.name(), u.role().text(), u.source(), RunsCommand.time(u.created()), String.valueOf(tokens)));
            }
            t.print(out);
            return 0;
        }
    }

    @Command(name = "remove", description = {"Remove a user, with their tokens and console sessions.", "利用者を削除します（トークンとセッションも）。"})
    static final class Remove extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        int run(Users users, OperationsTrail trail, PrintWriter out) {
            users.remove(name);
            record(trail, "user-remove", name, Map.of());
            out.println(Messages.get().format("users.removed", name));
            return 0;
        }
    }

    @Command(name = "passwd", description = {"Set a user's password (at least 12 characters); their console sessions end.",
        "利用者のパスワードを設定します（12 文字以上）。ログイン中のセッションは終了します。"})
    static final class Passwd extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean stdin;

        @Override
        int run(Users users, OperationsTrail trail, PrintWriter out) {
            users.get(name).orElseThrow(() -> new KarakuriException("users.no-user", name));
            char[] password = password(stdin);
            try {
                users.passwd(name, password);
                record(trail, "user-passwd", name, Map.of());
                out.println(Messages.get().format("users.password-set", name));
                return 0;
            } finally {
                Arrays.fill(password, ' ');
            }
        }
    }

    @Command(name = "token", description = {"Print a new API token for the user, on one line (shown once, kept hashed); --list shows them, --revoke ends them.",
        "利用者の新しい API トークンを 1 行で表示します（表示は一度だけ、保存はハッシュのみ）。--list で一覧、--revoke で失効。"})
    static final class Token extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--list", description = "List the user's tokens (ids, when made, last used, revoked).")
        boolean list;

        @Option(names = "--revoke", arity = "0..1", fallbackValue = "*", paramLabel = "ID", description = "Revoke the token with this id, or all of the user's tokens.")
        String revoke;

        @Override
        int run(Users users, OperationsTrail trail, PrintWriter out) {
            Messages m = Messages.get();
            if (list) {
                TextTable t = new TextTable(List.of(m.format("users.col.token"), m.format("users.col.created"), m.format("users.col.last-used"),
                    m.format("users.col.revoked")));
                for (Users.TokenInfo i : users.tokens(name)) {
                    t.row(List.of(i.id(), RunsCommand.time(i.created()), RunsCommand.time(i.lastUsed()), RunsCommand.time(i.revoked())));
                }
                t.print(out);
                return 0;
            }
            if (revoke != null) {
                String id = revoke.equals("*") ? null : revoke;
                int n = users.revoke(name, id);
                record(trail, "token-revoke", name, Map.of("token", id == null ? "*" : id, "count", String.valueOf(n)));
                spec.commandLine().getErr().println(m.format("users.revoked", n, name));
                return 0;
            }
            Users.NewToken t = users.newToken(name);
            record(trail, "token-new", name, Map.of("token", t.id()));
            out.println(t.token());
            spec.commandLine().getErr().println(m.format("users.token-shown-once", t.id()));
            return 0;
        }
    }
}
