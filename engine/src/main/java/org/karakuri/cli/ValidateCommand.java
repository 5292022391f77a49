package org.karakuri.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.karakuri.i18n.Messages;
import org.karakuri.load.Problem;
import org.karakuri.load.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./karakuri validate FILE...}: every problem of every file as {@code file:line:col: message}; exit 2 if any. */
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
        for (Path f : files) {
            ScenarioLoader.Result r = loader.check(f);
            for (Problem p : r.problems()) {
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
