package org.karakuri.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.karakuri.i18n.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./karakuri config}: every setting as the engine sees it, and where it came from (the
 * environment, {@code engine.yaml:line:col}, or the default); secrets show only whether they
 * are set. Exit 2 when the file or the environment has a problem.
 */
@Command(name = "config", description = {"Show the engine's settings and where each comes from (KARAKURI_HOME/engine.yaml, the environment, the default).",
    "エンジンの設定と、それぞれの出どころ（KARAKURI_HOME/engine.yaml、環境変数、既定値）を表示します。"})
public final class ConfigCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--markdown", description = "Print the settings table of docs/configuration.md.")
    boolean markdown;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (markdown) {
            out.print(ConfigReference.markdown());
            out.flush();
            return 0;
        }
        Map<String, String> env = System.getenv();
        Path home = EngineConfig.home(env);
        EngineConfig.Read read = EngineConfig.read(home, env);
        out.println(Messages.get().format("config.file", EngineConfig.file(home)));
        for (ConfigReader.Origin o : read.origins().values()) {
            Object value = ConfigValues.get(read.config(), o.path());
            String shown = o.secret() ? Messages.get().format(value == null ? "config.not-set" : "config.set") : String.valueOf(value);
            out.printf("%s = %s    (%s)%n", o.path(), shown, o.where().equals("default") ? Messages.get().format("config.default") : o.where());
        }
        out.flush();
        return 0;
    }
}
