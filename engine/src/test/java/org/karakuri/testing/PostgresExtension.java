package org.karakuri.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway PostgreSQL cluster for tests, started from the OS packages
 * ({@code /usr/lib/postgresql/<version>/bin}, or {@code KARAKURI_PG_BIN}): {@code initdb} into a
 * temporary folder, {@code pg_ctl start} on a free loopback port with password (SCRAM)
 * authentication, stopped and deleted when the test JVM's tests are done. One cluster per JVM,
 * shared by every test class that registers the extension; each test asks for a database of its
 * own with {@link #newDatabase()}. Never assumes a server is running. As root, the server runs as
 * the {@code postgres} user (PostgreSQL refuses to run as root).
 *
 * <p>When the binaries are missing the tests fail with the command that installs them: they are
 * never skipped. Code outside JUnit (a benchmark's {@code main}) starts a {@link Cluster} itself.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final PostgresExtension postgres = new PostgresExtension();
 *
 * &#64;Test
 * void works() {
 *     PostgresExtension.Database db = postgres.newDatabase();
 *     // db.url(), db.user(), db.password(), db.env() for KARAKURI_DB_*
 * }
 * </pre>
 */
public final class PostgresExtension implements BeforeAllCallback {
    /** The command that installs the server binaries on Debian and Ubuntu. */
    public static final String INSTALL = "apt-get install -y postgresql";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private volatile Cluster cluster;

    /** A database of the cluster, with the password of its user. */
    public record Database(String name, String url, String user, String password) {
        /** {@code KARAKURI_DB_URL}, {@code KARAKURI_DB_USER}, {@code KARAKURI_DB_PASSWORD} for this database. */
        public Map<String, String> env() {
            return Map.of("KARAKURI_DB_URL", url, "KARAKURI_DB_USER", user, "KARAKURI_DB_PASSWORD", password);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Cluster.class, k -> Cluster.start(), Cluster.class);
    }

    /** A new, empty database owned by the cluster's user. */
    public Database newDatabase() {
        if (cluster == null) {
            throw new IllegalStateException("register PostgresExtension with @RegisterExtension on a static field");
        }
        return cluster.createDatabase("karakuri_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet());
    }

    /** The port the cluster listens on (127.0.0.1). */
    public int port() {
        return cluster.port;
    }

    /**
     * The running cluster; stopped and deleted by JUnit when the tests of the JVM are done, or by
     * {@link #close()}, or when the JVM exits.
     */
    public static final class Cluster implements AutoCloseable {
        private static final String USER = "karakuri";
        private static final String PASSWORD = "pg-test-" + Long.toHexString(Double.doubleToLongBits(Math.random()));

        private final Path bin;
        private final Path dir;
        private final List<String> runAs;
        private final int port;
        private final Thread onExit;

        private Cluster(Path bin, Path dir, List<String> runAs, int port) {
            this.bin = bin;
            this.dir = dir;
            this.runAs = runAs;
            this.port = port;
            this.onExit = new Thread(this::stop, "postgres-test-stop");
            Runtime.getRuntime().addShutdownHook(onExit);
        }

        /** initdb and pg_ctl start on a free loopback port. */
        public static Cluster start() {
            Path bin = binaries();
            List<String> runAs = isRoot() ? runAsPostgres() : List.of();
            try {
                Path dir = Files.createTempDirectory("karakuri-pg-");
                if (!runAs.isEmpty()) {
                    UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                    Files.setOwner(dir, postgres);
                }
                Path pwfile = dir.resolve("pwfile");
                Files.writeString(pwfile, PASSWORD + "\n", StandardCharsets.UTF_8);
                if (!runAs.isEmpty()) {
                    Files.setOwner(pwfile, Files.getOwner(dir));
                }
                List<String> initdb = new ArrayList<>(runAs);
                initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                    "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--no-locale", "-N"));
                exec(initdb, dir, "initdb");
                Files.delete(pwfile);
                IOException last = null;
                for (int attempt = 0; attempt < 3; attempt++) {
                    int port = freePort();
                    List<String> start = new ArrayList<>(runAs);
                    start.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                        "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                        "-o", "-p " + port + " -h 127.0.0.1 -k " + dir
                            + " -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                        "start"));
                    try {
                        exec(start, dir, "pg_ctl start");
                        return new Cluster(bin, dir, runAs, port);
                    } catch (IOException e) {
                        last = e; // most likely the port was taken in between: try another
                    }
                }
                throw last;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start a PostgreSQL test cluster with " + bin + ": " + e.getMessage(), e);
            }
        }

        /** A new, empty database named {@code name}. */
        public Database createDatabase(String name) {
            try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
            }
            return new Database(name, url(name), USER, PASSWORD);
        }

        private String url(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        }

        public int port() {
            return port;
        }

        @Override
        public void close() {
            stop();
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException exiting) {
                // the JVM is exiting and runs the hook itself
            }
        }

        private synchronized void stop() {
            if (!Files.exists(dir)) {
                return;
            }
            List<String> stop = new ArrayList<>(runAs);
            stop.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
            try {
                exec(stop, dir, "pg_ctl stop");
            } catch (IOException e) {
                System.err.println("PostgresExtension: " + e.getMessage());
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("PostgresExtension: cannot delete " + dir + ": " + e.getMessage());
            }
        }

        /** The server binaries: KARAKURI_PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
        static Path binaries() {
            String configured = System.getenv("KARAKURI_PG_BIN");
            if (configured != null && !configured.isBlank()) {
                Path bin = Path.of(configured);
                if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))) {
                    return bin;
                }
                throw new IllegalStateException("KARAKURI_PG_BIN=" + configured + " has no initdb and pg_ctl");
            }
            Optional<Path> found = Optional.empty();
            Path root = Path.of("/usr/lib/postgresql");
            if (Files.isDirectory(root)) {
                try (Stream<Path> versions = Files.list(root)) {
                    found = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return found.orElseThrow(() -> new IllegalStateException(
                "PostgreSQL server binaries (initdb, pg_ctl) are not installed, so the PostgreSQL tests cannot run. Install them with: "
                    + INSTALL + "   (or set KARAKURI_PG_BIN to the folder holding initdb and pg_ctl)"));
        }

        private static int version(String name) {
            try {
                return Integer.parseInt(name.replaceAll("\\..*", ""));
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private static boolean isRoot() {
            return "root".equals(System.getProperty("user.name"));
        }

        private static List<String> runAsPostgres() {
            for (String runuser : List.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")) {
                if (Files.isExecutable(Path.of(runuser))) {
                    return List.of(runuser, "-u", "postgres", "--");
                }
            }
            throw new IllegalStateException("running as root: PostgreSQL must run as the postgres user, but runuser is missing (apt-get install -y util-linux)");
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        }

        private static void exec(List<String> command, Path dir, String what) throws IOException {
            Path out = Files.createTempFile("karakuri-pg-", ".out");
            try {
                Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(what + " did not finish in 120 s");
                }
                if (p.exitValue() != 0) {
                    String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
                    throw new IOException(what + " exited with " + p.exitValue() + ": " + Files.readString(out) + log);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(what + " interrupted", e);
            } finally {
                Files.deleteIfExists(out);
            }
        }
    }
}
