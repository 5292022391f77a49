package org.karakuri.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.karakuri.audit.OperationsTrail;
import org.karakuri.config.EngineConfig;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.spi.RowStatus;
import org.karakuri.rows.Rows;
import org.karakuri.users.Principal;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./karakuri rows list|reset|resolve}: the rows of a scenario's ledger and the decisions an
 * operator makes about them — the same service as the console's review queue, each decision in
 * the operations trail with the OS user who made it.
 */
@Command(name = "rows", mixinStandardHelpOptions = true,
    description = {"The rows a scenario's ledger keeps, and what to do with rows held for review.", "シナリオの台帳の行と、確認待ちの行の扱いを管理します。"},
    subcommands = {RowsCommand.ListRows.class, RowsCommand.Reset.class, RowsCommand.Resolve.class})
public final class RowsCommand {

    abstract static class Sub implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario id.")
        String scenario;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public final Integer call() {
            return Hosts.withDatabase(spec, (db, home) -> run(new Rows(db, EngineConfig.load(home, System.getenv()).secrets(), home, new OperationsTrail(home),
                Hosts.name(), Clock.systemUTC()), spec.commandLine().getOut()));
        }

        abstract int run(Rows rows, PrintWriter out);
    }

    @Command(name = "list", description = {"List the scenario's rows: key, status, row, run, when, message.", "シナリオの行（キー・状態・行番号・実行・日時・メッセージ）を表示します。"})
    static final class ListRows extends Sub {
        @Option(names = "--status", paramLabel = "STATUS", split = ",", description = "Only rows of these statuses: done, failed, invalid, interrupted, in-progress.")
        List<String> status;

        @Override
        int run(Rows rows, PrintWriter out) {
            Messages m = Messages.get();
            Set<RowStatus> wanted = new LinkedHashSet<>();
            for (String s : status == null ? List.<String>of() : status) {
                wanted.add(java.util.Arrays.stream(RowStatus.values()).filter(x -> x.text().equals(s.strip())).findFirst()
                    .orElseThrow(() -> new KarakuriException("rows.bad-status", s, Rows.statusChoices())));
            }
            List<Rows.Row> found = rows.list(scenario, wanted);
            if (found.isEmpty()) {
                out.println(m.format("rows.none", scenario));
                return 0;
            }
            TextTable t = new TextTable(List.of(m.format("rows.col.key"), m.format("rows.col.status"), m.format("rows.col.row"),
                m.format("rows.col.run"), m.format("rows.col.at"), m.format("rows.col.message")), 2);
            for (Rows.Row r : found) {
                t.row(List.of(r.shownKey(), m.format("rows.status." + r.status().text()), String.valueOf(r.row()), r.runId(), RunsCommand.time(r.at()),
                    r.message() == null ? "" : r.message()));
            }
            t.print(out);
            return 0;
        }
    }

    /** {@code --key K} or {@code --all}. */
    static final class Which {
        @Option(names = "--key", paramLabel = "KEY", required = true, description = "The row's business key, as written in the file.")
        String key;

        @Option(names = "--all", required = true, description = "Every row of the scenario (but rows in progress).")
        boolean all;
    }

    @Command(name = "reset", description = {"Enter the row (or --all rows) again in the next run: its line leaves the ledger.",
        "次の実行で行（--all ですべて）をもう一度入力させます（台帳から外します）。"})
    static final class Reset extends Sub {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        @Option(names = "--comment", paramLabel = "TEXT", description = "Why (kept with the decision).")
        String comment;

        @Override
        int run(Rows rows, PrintWriter out) {
            Messages m = Messages.get();
            if (which.all) {
                int n = rows.resetAll(Principal.cli(), scenario, comment).size();
                out.println(m.format("rows.reset-all", n, scenario));
            } else {
                Rows.Decision d = rows.reset(Principal.cli(), scenario, which.key, comment);
                out.println(m.format("rows.reset", shown(d), scenario, m.format("rows.status." + d.previous().text())));
            }
            return 0;
        }
    }

    @Command(name = "resolve", description = {"Record that the row was entered by hand: no run enters it again.",
        "行を手で入力したことを記録します（以後の実行では入力しません）。"})
    static final class Resolve extends Sub {
        @Option(names = "--key", paramLabel = "KEY", required = true, description = "The row's business key, as written in the file.")
        String key;

        @Option(names = "--as", paramLabel = "done", required = true, description = "done: entered by hand.")
        String as;

        @Option(names = "--comment", paramLabel = "TEXT", required = true, description = "What was done, for the trail.")
        String comment;

        @Override
        int run(Rows rows, PrintWriter out) {
            if (!"done".equals(as)) {
                throw new KarakuriException("rows.bad-as", as);
            }
            Rows.Decision d = rows.resolve(Principal.cli(), scenario, key, comment);
            Messages m = Messages.get();
            out.println(m.format("rows.resolved", shown(d), scenario, m.format("rows.status." + d.previous().text())));
            return 0;
        }
    }

    static String shown(Rows.Decision d) {
        return new Rows.Row(d.scenario(), d.key(), RowStatus.DONE, d.runId(), d.row(), null, null).shownKey();
    }
}
