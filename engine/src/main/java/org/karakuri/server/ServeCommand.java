package org.karakuri.server;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.ledger.KeyCheck;
import org.karakuri.load.Problem;
import org.karakuri.run.RunOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./karakuri serve [--scenarios DIR] [--port N] [--bind ADDRESS] [--insecure-http]}: schedules
 * the folder's scenarios and serves the console and the HTTP API until Ctrl-C or SIGTERM, then
 * shuts down gracefully.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Schedule the scenarios of a folder and serve the console (/) and the HTTP API (/api), until stopped (Ctrl-C).",
        "フォルダのシナリオをスケジュールし、コンソール（/）と HTTP API（/api）を提供します（Ctrl-C で停止）。",
        "Users: ./karakuri user add NAME --role admin. Any address but loopback needs TLS (KARAKURI_TLS_KEYSTORE) or --insecure-http."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--scenarios", paramLabel = "DIR", defaultValue = "scenarios", description = "The scenario folder (default: ${DEFAULT-VALUE}).")
    Path scenarios;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8765", description = "The API's port (default: ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
        description = "The address to listen on (default: ${DEFAULT-VALUE}); any other needs TLS (KARAKURI_TLS_KEYSTORE) or --insecure-http.")
    String bind;

    @Option(names = "--grace", paramLabel = "SECONDS",
        description = "On stop, how long running runs may take to finish before they are interrupted (default: server.shutdown-timeout-seconds, 60).")
    Integer grace;

    @Option(names = "--insecure-http", description = "Allow plain HTTP on an address other than loopback: passwords and tokens cross the network in clear.")
    boolean insecureHttp;

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
            KeyCheck.atStart(RunOptions.home(System.getenv()), System.getenv());
            HttpSettings http = HttpSettings.from(bind, port, insecureHttp, System.getenv());
            if (insecureHttp && !http.tls() && !http.loopback()) {
                err.println(m.format("server.insecure-http-warning", bind));
            }
            server = Server.start(settings(http, System.getenv()));
        } catch (KarakuriException e) {
            err.println(e.getMessage());
            return 2;
        }
        // SIGTERM and Ctrl-C stop the server here, before the JVM begins to exit: its shutdown hooks
        // (H2's closes the database) run only after the runs' ends are written. The hook covers
        // any other way the JVM ends.
        CountDownLatch stop = new CountDownLatch(1);
        boolean signals = onStopSignal(stop::countDown);
        Thread hook = new Thread(() -> {
            server.close();
            stop.countDown();
        }, "karakuri-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        for (String dead : server.deadRuns()) {
            err.println(m.format("run.sealed-dead", dead));
        }
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
        if (server.users().list().isEmpty()) {
            out.println(m.format("server.no-users-yet"));
        }
        out.flush();
        err.flush();
        stop.await();
        server.close();
        if (signals) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // the JVM is already exiting: the hook has closed the server
            }
        }
        return 0;
    }

    /**
     * Calls {@code stop} on SIGTERM and SIGINT instead of letting the JVM exit at once; false when
     * this platform does not let a program handle them (then the shutdown hook stops the server).
     */
    @SuppressWarnings("restriction")
    static boolean onStopSignal(java.lang.Runnable stop) {
        try {
            for (String name : java.util.List.of("TERM", "INT")) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stop.run());
            }
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException notHere) {
            return false;
        }
    }

    /** The server's settings: the scenario folder, HTTP, the engine configuration, and --grace over server.shutdown-timeout-seconds. */
    Server.Settings settings(HttpSettings http, java.util.Map<String, String> env) {
        Server.Settings settings = Server.Settings.from(scenarios, http, env);
        return grace == null ? settings : settings.withShutdownTimeout(java.time.Duration.ofSeconds(grace));
    }
}
