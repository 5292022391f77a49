package org.karakuri.robots.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Samba server (Debian's {@code smbd}) on a free loopback port, serving {@code root} as the
 * share {@link #SHARE} to one user ({@link #user()}, {@link #PASSWORD}), with its own
 * configuration, password database, locks and logs in a temporary folder: nothing of the
 * machine's Samba is read or changed. Signing is mandatory, as on a hardened Windows server.
 * smbd runs in a process group of its own (on exit it signals its group, which must not be
 * the test JVM's). smbd must run as root (it becomes the user for each session); the tests fail — never skip —
 * with the command that installs it when it is missing.
 */
public final class SambaServer implements AutoCloseable {
    public static final String SHARE = "exchange";
    public static final String PASSWORD = "Smb-pw-2026";
    public static final String INSTALL = "apt-get install -y samba";

    private final Path dir;
    private final Process smbd;
    private final int port;

    private SambaServer(Path dir, Process smbd, int port) {
        this.dir = dir;
        this.smbd = smbd;
        this.port = port;
    }

    /** smbd serving {@code root} as {@code \\127.0.0.1\exchange}, ready for sessions. */
    public static SambaServer serving(Path root) {
        return serving(root, List.of(), List.of());
    }

    /** The same, with more lines in smb.conf's {@code [global]} section and in the share's (to change what the server offers). */
    public static SambaServer serving(Path root, List<String> global, List<String> share) {
        Path smbdBin = Path.of("/usr/sbin/smbd");
        Path smbpasswd = Path.of("/usr/bin/smbpasswd");
        if (!Files.isExecutable(smbdBin) || !Files.isExecutable(smbpasswd)) {
            throw new IllegalStateException("the SMB tests need Samba's smbd and smbpasswd: " + INSTALL);
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the SMB tests start smbd, which must run as root (it becomes the share's user per session)");
        }
        try {
            Path dir = Files.createTempDirectory("karakuri-smb-");
            for (String d : List.of("private", "lock", "state", "cache", "pid", "ncalrpc", "log")) {
                Files.createDirectories(dir.resolve(d));
            }
            int port = freePort();
            Path conf = dir.resolve("smb.conf");
            Files.writeString(conf, String.join("\n",
                "[global]",
                "  smb ports = " + port,
                "  interfaces = lo",
                "  bind interfaces only = yes",
                "  private dir = " + dir.resolve("private"),
                "  lock directory = " + dir.resolve("lock"),
                "  state directory = " + dir.resolve("state"),
                "  cache directory = " + dir.resolve("cache"),
                "  pid directory = " + dir.resolve("pid"),
                "  ncalrpc dir = " + dir.resolve("ncalrpc"),
                "  log file = " + dir.resolve("log/smbd.log"),
                "  passdb backend = tdbsam:" + dir.resolve("private/passdb.tdb"),
                "  server role = standalone server",
                "  map to guest = never",
                "  disable spoolss = yes",
                "  load printers = no",
                "  printcap name = /dev/null",
                "  server min protocol = SMB2_10",
                "  server signing = mandatory",
                "  unix charset = UTF-8",
                String.join("\n", global),
                "[" + SHARE + "]",
                "  path = " + root.toAbsolutePath(),
                "  read only = no",
                "  create mask = 0644",
                String.join("\n", share),
                ""), StandardCharsets.UTF_8);
            Process add = new ProcessBuilder(smbpasswd.toString(), "-c", conf.toString(), "-a", "-s", user())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log/smbpasswd.log").toFile()).start();
            add.getOutputStream().write((PASSWORD + "\n" + PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
            add.getOutputStream().close();
            if (!add.waitFor(30, TimeUnit.SECONDS) || add.exitValue() != 0) {
                throw new IllegalStateException("smbpasswd could not add the test user: " + Files.readString(dir.resolve("log/smbpasswd.log")));
            }
            Process smbd = new ProcessBuilder(smbdBin.toString(), "--foreground", "-s", conf.toString(),
                "--debug-stdout", "-d", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("log/smbd.out").toFile()).start();
            SambaServer server = new SambaServer(dir, smbd, port);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start smbd: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The share's user: the account the tests run as (smbd maps a session to a real account). */
    public static String user() {
        return System.getProperty("user.name");
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!smbd.isAlive()) {
                throw new IllegalStateException("smbd stopped at start: " + Files.readString(dir.resolve("log/smbd.out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                smbd.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException("smbd did not listen on port " + port + " within 30 s: " + Files.readString(dir.resolve("log/smbd.out")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** {@code smb: 127.0.0.1:PORT/exchange}: the connection's address as a scenario writes it. */
    public String address() {
        return "127.0.0.1:" + port + "/" + SHARE;
    }

    /** The {@code connections:} block of a scenario reaching this share as {@code name}, user and password from secrets. */
    public String connection(String name) {
        return "connections:\n  " + name + ":\n    smb: " + address() + "\n    user: ${secret:" + name + ".user}\n    password: ${secret:"
            + name + ".password}\n";
    }

    /** smbd's log, for a failing test's message. */
    public String log() {
        try {
            return Files.readString(dir.resolve("log/smbd.out"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        smbd.descendants().forEach(ProcessHandle::destroy);
        smbd.destroy();
        try {
            if (!smbd.waitFor(10, TimeUnit.SECONDS)) {
                smbd.descendants().forEach(ProcessHandle::destroyForcibly);
                smbd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind holds no user data
        }
    }
}
