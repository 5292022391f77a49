package org.karakuri.server;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.load.Problem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./karakuri serve [--scenarios DIR] [--port N] [--bind ADDRESS]}: schedules the folder's
 * scenarios and serves the HTTP API until Ctrl-C or SIGTERM, then shuts down gracefully.
 */
@Command(name = "serve", description = {"Schedule the scenarios of a folder and serve the HTTP API, until stopped (Ctrl-C).",
    "フォルダのシナリオをスケジュールし、HTTP API を提供します（Ctrl-C で停止）。"})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--scenarios", paramLabel = "DIR", defaultValue = "scenarios", description = "The scenario folder (default: ${DEFAULT-VALUE}).")
    Path scenarios;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8765", description = "The API's port (default: ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
        description = "The API's address (default: ${DEFAULT-VALUE}); any other needs KARAKURI_API_TOKEN.")
    String bind;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Messages m = Messages.get();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(scenarios)) {
            err.println(m.format("server.no-folder", scenarios));
            return 2;
        }
        Server server;
        try {
            org.karakuri.secret.KeyCheck.atStart(org.karakuri.run.RunOptions.home(System.getenv()), System.getenv());
            server = Server.start(Server.Settings.from(scenarios, bind, port, System.getenv()));
        } catch (KarakuriException e) {
            err.println(e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "karakuri-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int invalid = 0;
        for (ScenarioFolder.Entry e : server.folder().entries()) {
            for (Problem p : e.problems()) {
                err.println(p.format(m));
            }
            if (!e.problems().isEmpty()) {
                invalid++;
                err.println(m.format("server.invalid-file", e.display()));
            }
        }
        out.println(m.format("server.serving", server.folder().entries().size(), server.folder().dir(), server.url(), invalid));
        out.flush();
        err.flush();
        stopped.await();
        return 0;
    }
}
