package org.karakuri.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.karakuri.Version;
import org.karakuri.i18n.Messages;
import org.karakuri.run.RunOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./karakuri}: the command line. Exit codes: 0 ok, 1 run failed, 2 invalid input. */
@Command(name = "karakuri", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
    description = {"Karakuri: RPA for the back office of Japanese city halls.", "からくり: 市役所の定型業務を自動化する RPA エンジン。"},
    subcommands = {RunCommand.class, ValidateCommand.class, SchemaCommand.class, ActionsCommand.class, RunsCommand.class, AuditCommand.class,
        ReportCommand.class, org.karakuri.config.ConfigCommand.class, org.karakuri.secret.SecretCommand.class,
        ImportCommand.class, UserCommand.class, RowsCommand.class, WarmUpCommand.class,
        org.karakuri.schedule.ScheduleCommand.class, org.karakuri.server.ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Option(names = "--lang", description = "Language of messages: ja or en (default: from LANG).", scope = CommandLine.ScopeType.INHERIT)
    void lang(String lang) {
        Messages.setDefault(Messages.fromEnvironment(lang));
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        System.exit(execute(args, out, err));
    }

    /** Runs the command line with {@code home} as KARAKURI_HOME (tests). */
    public static int execute(String[] args, PrintStream out, PrintStream err, java.nio.file.Path home) {
        String before = System.getProperty(RunOptions.HOME_PROPERTY);
        System.setProperty(RunOptions.HOME_PROPERTY, home.toString());
        try {
            return execute(args, out, err);
        } finally {
            if (before == null) {
                System.clearProperty(RunOptions.HOME_PROPERTY);
            } else {
                System.setProperty(RunOptions.HOME_PROPERTY, before);
            }
        }
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        Messages.setDefault(Messages.fromEnvironment(null));
        CommandLine cli = new CommandLine(new Main());
        for (CliCommand extra : ServiceLoader.load(CliCommand.class, Main.class.getClassLoader())) {
            cli.addSubcommand(extra.name(), extra.command());
        }
        cli.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setExecutionExceptionHandler((ex, line, parsed) -> {
            err.println(ex.getMessage());
            return 2;
        });
        return cli.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"karakuri " + Version.current()};
        }
    }
}
