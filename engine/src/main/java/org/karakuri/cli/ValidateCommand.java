package org.karakuri.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.karakuri.i18n.Messages;
import org.karakuri.load.Problem;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.preflight.Preflight;
import org.karakuri.run.RunOptions;
import org.karakuri.spi.ActionRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./karakuri validate FILE...}: every problem of every file as {@code file:line:col: message}; exit 2 if any.
 * What {@link Preflight} finds in the files already there is a problem too; a secret or an
 * environment variable this computer lacks is a warning (exit 0 when there is nothing else).
 */
@Command(name = "validate", description = {"Check scenario files; print file:line:col: message for each problem. Exit 2 if any is invalid.",
    "シナリオファイルを検査し、誤りを file:行:列: 内容 の形で表示します。誤りがあれば終了コード 2。"})
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scenario files.")
    List<Path> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Messages m = Messages.get();
        ScenarioLoader loader = new ScenarioLoader();
        boolean anyInvalid = false;
        RunOptions here = RunOptions.defaults();
        for (Path f : files) {
            ScenarioLoader.Result r = loader.check(f);
            List<Problem> problems = new ArrayList<>(r.problems());
            if (r.valid()) {
                Preflight.Result pre = Preflight.check(r.scenario(), ActionRegistry.installed(), here.env(), here.home(), Map.of());
                problems.addAll(pre.errors());
                problems.addAll(pre.warnings());
                problems.sort(Problem.BY_PLACE);
                r = pre.errors().isEmpty() ? r : new ScenarioLoader.Result(null, pre.errors());
            }
            for (Problem p : problems) {
                spec.commandLine().getOut().println(p.format(m));
            }
            if (r.valid()) {
                spec.commandLine().getErr().println(m.format("cli.valid", f));
            } else {
                anyInvalid = true;
            }
        }
        spec.commandLine().getOut().flush();
        return anyInvalid ? 2 : 0;
    }
}
