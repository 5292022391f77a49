package org.karakuri.secret;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.karakuri.config.EngineConfig;
import org.karakuri.config.SecretsConfig;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./karakuri secret set NAME | list | remove NAME | key | rotate-key}: the encrypted
 * secret store and its master key. Values come from standard input only, never from the command
 * line (which other users can see in the process list and the shell keeps in its history).
 */
@Command(name = "secret", description = {"Keep secrets encrypted for secret:NAME references: set (value from stdin), list, remove; show or rotate the master key.",
    "secret:名前 で使うシークレットを暗号化して保管します: set（値は標準入力から）、list、remove。マスターキーの表示と切り替え。"},
    subcommands = {SecretCommand.Set.class, SecretCommand.ListNames.class, SecretCommand.Remove.class, SecretCommand.Key.class,
        SecretCommand.RotateKey.class})
public final class SecretCommand implements Runnable {
    /** Where the value of {@code set} is read from (tests replace it). */
    static InputStream stdin = System.in;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private abstract static class Sub implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        final Map<String, String> env = System.getenv();
        final Path home = EngineConfig.home(env);

        SecretsConfig config() {
            return EngineConfig.load(home, env).secrets();
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        String say(String key, Object... args) {
            return Messages.get().format(key, args);
        }
    }

    @Command(name = "set", description = {"Set a secret; its value is read from standard input (one trailing newline dropped).",
        "シークレットを設定します。値は標準入力から読みます（末尾の改行 1 つは除きます）。"})
    static final class Set extends Sub {
        @Parameters(paramLabel = "NAME", description = "The name, as in secret:NAME.")
        String name;

        @Override
        public Integer call() throws IOException {
            String n = SecretStore.name(name);
            String value = readValue();
            SecretsConfig c = config();
            MasterKey key = MasterKey.find(c, home).orElse(null);
            if (key == null) {
                if (SecretStore.exists(c.store())) {
                    key = MasterKey.require(c, home, "secret.key-why-store");
                }
                key = MasterKey.create(c, home);
                err().println(say("secret.key-created", key.source(), key.id()));
            }
            SecretStore.open(c.store(), key).set(n, value);
            err().println(say("secret.set", n, c.store()));
            return 0;
        }

        private String readValue() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            stdin.transferTo(b);
            String v = b.toString(StandardCharsets.UTF_8);
            if (v.endsWith("\r\n")) {
                v = v.substring(0, v.length() - 2);
            } else if (v.endsWith("\n")) {
                v = v.substring(0, v.length() - 1);
            }
            if (v.isEmpty()) {
                throw new KarakuriException("secret.empty-value", name);
            }
            return v;
        }
    }

    @Command(name = "list", description = {"The names of the secrets in the store (never their values).", "保管しているシークレットの名前（値は表示しません）。"})
    static final class ListNames extends Sub {
        @Override
        public Integer call() {
            SecretsConfig c = config();
            if (!SecretStore.exists(c.store())) {
                err().println(say("secret.no-store", c.store()));
                return 0;
            }
            SecretStore s = SecretStore.open(c.store(), MasterKey.require(c, home, "secret.key-why-store"));
            s.names().forEach(out()::println);
            return 0;
        }
    }

    @Command(name = "remove", description = {"Remove a secret from the store.", "シークレットを保管庫から削除します。"})
    static final class Remove extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            SecretsConfig c = config();
            boolean removed = SecretStore.exists(c.store())
                && SecretStore.open(c.store(), MasterKey.require(c, home, "secret.key-why-store")).remove(name);
            if (!removed) {
                err().println(say("secret.not-in-store", SecretStore.name(name), c.store()));
                return 1;
            }
            err().println(say("secret.removed", SecretStore.name(name)));
            return 0;
        }
    }

    @Command(name = "key", description = {"Where the master key is and its id (compare the id between nodes; the key itself is never shown).",
        "マスターキーの場所と ID（ノード間で ID を比べます。キーそのものは表示しません）。"})
    static final class Key extends Sub {
        @Override
        public Integer call() {
            SecretsConfig c = config();
            MasterKey key = MasterKey.find(c, home).orElse(null);
            if (key == null) {
                err().println(say("secret.key-none", c.keyFile()));
                return 1;
            }
            out().println(say("secret.key-shown", key.id(), key.source()));
            for (String retired : key.ids().subList(1, key.ids().size())) {
                out().println(say("secret.key-retired", retired));
            }
            return 0;
        }
    }

    @Command(name = "rotate-key", description = {"Make a new master key: the store is encrypted again with it; the old key is kept, retired, to recognise rows done before.",
        "新しいマスターキーに切り替えます。保管庫は新しいキーで暗号化し直し、古いキーは以前の行を見分けるために退役キーとして残します。"})
    static final class RotateKey extends Sub {
        @Override
        public Integer call() {
            SecretsConfig c = config();
            MasterKey old = MasterKey.require(c, home, "secret.key-why-rotate");
            SecretStore store = SecretStore.exists(c.store()) ? SecretStore.open(c.store(), old) : null;
            MasterKey next = old.rotated();
            if (store != null) {
                store.reencrypt(next);
            }
            out().println(say("secret.rotated", next.id(), old.id(), next.source()));
            return 0;
        }
    }
}
