package org.karakuri.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.context.Masker;
import org.karakuri.run.RunOptions;
import picocli.CommandLine;

/** What the commands that change the engine's database share: this machine's name for the trail, and opening the database. */
final class Hosts {
    private Hosts() {}

    static String name() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Runs {@code work} on the engine's database (KARAKURI_DB_*, else H2 under KARAKURI_HOME); a user's error prints and exits 2. */
    static int withDatabase(CommandLine.Model.CommandSpec spec, BiFunction<Ledger, Path, Integer> work) {
        Path home = RunOptions.defaults().home();
        LedgerSettings settings = LedgerSettings.from(System.getenv(), home);
        settings.registerPassword(Masker.global());
        try (Ledger db = Ledger.open(settings)) {
            return work.apply(db, home);
        } catch (KarakuriException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
    }
}
