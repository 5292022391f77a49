package org.karakuri.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.karakuri.i18n.Messages;
import org.karakuri.load.Problem;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.recording.ScenarioFiles;
import org.karakuri.recording.SideRecording;
import org.karakuri.recording.SideTranslator;
import org.karakuri.recording.SideTranslator.Imported;
import org.karakuri.secret.Secrets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./karakuri import FILE.side [--to DIR]}: one scenario per test of a Selenium IDE
 * recording, written into DIR (default: the current folder); prints their paths on stdout, and
 * on stderr the commands that have no counterpart and the secrets to set. Exit 2 for bad input.
 */
@Command(name = "import", description = {"Turn a Selenium IDE recording (.side) into scenarios, one per test; print their paths.",
    "Selenium IDE の記録（.side）を、テストごとにシナリオへ変換し、そのパスを表示します。"})
public final class ImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE.side", description = "The recording saved by Selenium IDE.")
    Path file;

    @Option(names = "--to", paramLabel = "DIR", description = "Folder to write the scenarios into (default: the current folder).")
    Path to = Path.of("");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Messages m = Messages.get();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SideRecording recording = SideRecording.read(file);
        List<Imported> scenarios = new SideTranslator(m).translate(recording, file.getFileName().toString());
        Map<String, String> texts = new LinkedHashMap<>();
        scenarios.forEach(s -> texts.put(s.id() + ".yaml", s.yaml()));
        List<Path> paths = ScenarioFiles.writeAll(to, texts);
        ScenarioLoader loader = new ScenarioLoader();
        boolean allValid = true;
        for (int i = 0; i < paths.size(); i++) {
            Imported s = scenarios.get(i);
            Path path = paths.get(i);
            out.println(path);
            for (SideTranslator.Unknown u : s.unknown()) {
                err.println(m.format("import.unknown-listed", path, u.number(),
                    u.command() + (u.target().isEmpty() ? "" : " " + u.target())));
            }
            for (String secret : s.secrets()) {
                err.println(m.format("import.secret-listed", path, secret, Secrets.envName(secret)));
            }
            List<Problem> problems = loader.checkText(s.yaml(), path).problems();
            problems.forEach(p -> err.println(p.format(m)));
            allValid &= problems.isEmpty();
        }
        out.flush();
        err.flush();
        return allValid ? 0 : 1;
    }
}
