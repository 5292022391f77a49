package org.karakuri.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server from the OS packages ({@code /usr/lib/postgresql/<n>/bin}, or
 * {@code KARAKURI_PG_BIN}): initdb into a temporary folder, started on a free loopback port with
 * trust authentication for loopback only, stopped and deleted by {@link #close()}. As root it runs
 * as the {@code postgres} user. Missing binaries fail the test with the install command.
 */
final class LocalPostgres implements AutoCloseable {
    static final String INSTALL = "apt-get install -y postgresql";
    private static final String USER = "karakuri";

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean root;

    private LocalPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.root = "root".equals(System.getProperty("user.name"));
    }

    static LocalPostgres start() throws IOException, InterruptedException {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("karakuri-pg-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        LocalPostgres pg = new LocalPostgres(bin, dir, port);
        if (pg.root) {
            pg.exec(List.of("chown", "postgres:postgres", dir.toString()));
        }
        pg.asPostgres(bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-locale");
        pg.asPostgres(bin.resolve("pg_ctl").toString(), "-D", pg.data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
            "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off", "start");
        return pg;
    }

    private static Path binaries() {
        String env = System.getenv("KARAKURI_PG_BIN");
        if (env != null && Files.isExecutable(Path.of(env, "initdb"))) {
            return Path.of(env);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                .max(Comparator.naturalOrder()).orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL server binaries not found; install them with: " + INSTALL);
        }
    }

    private void asPostgres(String... command) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>();
        if (root) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(command));
        exec(c);
    }

    private void exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("commands.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(dir.resolve("commands.log"))
                + (Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : ""));
        }
    }

    /** A new empty database; its KARAKURI_DB_* settings. */
    Map<String, String> newDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "")) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        return Map.of("KARAKURI_DB_URL", url(name), "KARAKURI_DB_USER", USER, "KARAKURI_DB_PASSWORD", "");
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
