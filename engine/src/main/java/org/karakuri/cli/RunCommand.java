package org.karakuri.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.karakuri.audit.DeadRuns;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.load.Problem;
import org.karakuri.run.RunOptions;
import org.karakuri.context.RunResult;
import org.karakuri.run.Runner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./karakuri run FILE [--set name=value]... [--headed] [--dry-run]}. Before it runs, the
 * trails of runs whose engine died are sealed as interrupted ({@link DeadRuns}).
 */
@Command(name = "run", description = {"Run a scenario once. Exit 0 ok, 1 run failed, 2 invalid input.",
    "シナリオを1回実行します。終了コード 0 成功、1 失敗、2 入力の誤り。"})
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file.")
    Path file;

    @Option(names = "--set", paramLabel = "name=value", description = "Override a variable of vars:.")
    List<String> sets = List.of();

    @Option(names = "--headed", description = "Show the browser window.")
    boolean headed;

    @Option(names = "--dry-run", description = "Show what would run; touch nothing.")
    boolean dryRun;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Messages m = Messages.get();
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                err.println(m.format("cli.bad-set", s));
                return 2;
            }
            overrides.put(s.substring(0, eq).strip(), s.substring(eq + 1));
        }
        RunOptions options = RunOptions.defaults().withOverrides(overrides).withDryRun(dryRun).withHeaded(headed)
            .withProgress(line -> {
                out.println(line);
                out.flush();
            });
        if (!dryRun) {
            try {
                for (String dead : DeadRuns.seal(options.home(), options.env(), java.time.Clock.systemUTC())) {
                    err.println(m.format("run.sealed-dead", dead));
                }
            } catch (KarakuriException e) {
                err.println(e.getMessage());
                return 2;
            }
        }
        RunResult result = new Runner().run(file, options);
        if (result.status() == RunResult.Status.INVALID) {
            for (Problem p : result.problems()) {
                err.println(p.format(m));
            }
            return 2;
        }
        if (result.report() != null) {
            out.println(m.format("cli.report", result.report()));
        }
        return result.exitCode();
    }
}
