package org.karakuri.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.karakuri.cli.CliCommand;
import org.karakuri.i18n.Messages;
import org.karakuri.load.Problem;
import org.karakuri.run.RunOptions;
import org.karakuri.context.RunResult;
import org.karakuri.run.Runner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./karakuri demo}: starts the embedded 住民記録システム on a free loopback port, copies
 * the example scenarios and their input files into a fresh folder under KARAKURI_HOME, runs the
 * main example against the system, and prints where the report is.
 */
@Command(name = "demo", description = {"Run the example scenario against the embedded demo legacy system.",
    "組み込みのデモ用基幹システムに対して、例のシナリオを実行します。"})
public final class DemoCommand implements Callable<Integer>, CliCommand {
    public static final String MAIN_EXAMPLE = "tennyu-entry.yaml";

    @Option(names = "--port", description = "Port of the demo system (default: a free one).")
    int port;

    @Option(names = "--headed", description = "Show the browser window.")
    boolean headed;

    @Option(names = "--keep-running", description = "Keep the demo system running after the run (Ctrl-C stops it).")
    boolean keepRunning;

    @Option(names = "--scenario", description = "Example to run (default: " + MAIN_EXAMPLE + ").")
    String scenario = MAIN_EXAMPLE;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public Object command() {
        return new DemoCommand();
    }

    @Override
    public Integer call() throws Exception {
        Messages m = Messages.get();
        var out = spec.commandLine().getOut();
        RunOptions defaults = RunOptions.defaults();
        Path work = defaults.home().resolve("demo").resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        // each demo starts a fresh demo system, so it gets a fresh ledger too: rows done by an
        // earlier demo are not "done" in this one
        RunOptions base = defaults.withHome(work.resolve(".karakuri"));
        copyExamples(examplesFolder(), work);
        try (LegacySystem system = LegacySystem.start(LegacySystem.Options.defaults().withPort(port))) {
            out.println(m.format("demo.started", system.baseUri(), LegacySystem.Options.defaults().user()));
            out.println(m.format("demo.work", work));
            out.flush();
            Map<String, String> env = new HashMap<>(base.env());
            env.putIfAbsent("KARAKURI_SECRET_LEGACY_USER", LegacySystem.Options.defaults().user());
            env.putIfAbsent("KARAKURI_SECRET_LEGACY_PASSWORD", LegacySystem.Options.defaults().password());
            RunOptions options = base.withEnv(env).withHeaded(headed)
                .withOverrides(Map.of("system", system.baseUri().toString().replaceAll("/$", "")))
                .withProgress(line -> {
                    out.println(line);
                    out.flush();
                });
            Path file = work.resolve(scenario);
            Path here = Path.of("").toAbsolutePath();
            RunResult result = new Runner().run(file.startsWith(here) ? here.relativize(file) : file, options);
            if (result.status() == RunResult.Status.INVALID) {
                result.problems().forEach(p -> spec.commandLine().getErr().println(p.format(m)));
                return 2;
            }
            out.println(m.format("demo.registered", system.residents().size()));
            system.residents().forEach(r -> out.println("  " + r.receiptNo() + "  " + r.name()));
            out.println(m.format("cli.report", result.report()));
            out.flush();
            if (keepRunning) {
                out.println(m.format("demo.keep-running", system.baseUri()));
                out.flush();
                new CountDownLatch(1).await();
            }
            return result.exitCode();
        }
    }

    /** {@code scenarios/examples} of this checkout: the launcher passes it as {@code karakuri.examples}. */
    static Path examplesFolder() {
        String given = System.getProperty("karakuri.examples");
        if (given != null) {
            return Path.of(given);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("scenarios").resolve("examples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("scenarios/examples not found; run ./karakuri demo from the Karakuri folder");
    }

    static void copyExamples(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
