package org.karakuri.robots.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/**
 * 1,000 files moved over SFTP by {@code move} (download from the server, then upload back) against
 * OpenSSH's {@code sftp} doing the same from the shell ({@code get} then {@code rm} on the server;
 * {@code put} then removing the local files), against one Apache MINA SSHD server on loopback.
 * Rounds alternate; the figures are medians. Prints a Markdown table.
 *
 * <pre>
 * mvn -B -q -pl engine,robots test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -XX:+UseSerialGC -cp robots/target/test-classes:robots/target/classes:engine/target/classes:$(cat robots/target/bench.cp) \
 *     org.karakuri.robots.files.SftpBench --files 1000 --rounds 3 [--server-tcp-nodelay true]
 * </pre>
 */
public final class SftpBench {
    private SftpBench() {}

    public static void main(String[] args) throws Exception {
        int files = Integer.parseInt(option(args, "--files", "1000"));
        int rounds = Integer.parseInt(option(args, "--rounds", "3"));
        boolean noDelay = Boolean.parseBoolean(option(args, "--server-tcp-nodelay", "false"));
        Path dir = Files.createTempDirectory("sftp-bench");
        Path root = Files.createDirectories(dir.resolve("server"));
        Path export = Files.createDirectories(root.resolve("export"));
        Path imported = Files.createDirectories(root.resolve("import"));
        Fixtures.english();
        List<Long> oursDown = new ArrayList<>();
        List<Long> oursUp = new ArrayList<>();
        List<Long> shellDown = new ArrayList<>();
        List<Long> shellUp = new ArrayList<>();
        long bytes = 0;
        try (SftpServer sftp = SftpServer.serving(root, noDelay)) {
            Path key = dir.resolve("id_ecdsa");
            Files.writeString(key, sftp.privateKey());
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, sftp.knownHostsLine() + "\n");
            for (int round = 0; round < rounds + 1; round++) {
                boolean warmUp = round == 0;
                // ours
                bytes = fill(export, files);
                Path work = dir.resolve("work-" + round);
                ScenarioHarness h = new ScenarioHarness(work)
                    .env("KARAKURI_SECRET_VENDOR_USER", SftpServer.USER)
                    .env("KARAKURI_SECRET_VENDOR_KEY", sftp.privateKey());
                h.write("down.yaml", "scenario: down\n" + sftp.connectionWithKey("vendor", sftp.fingerprint())
                    + "steps:\n  - move:\n      from: vendor:/export/*.csv\n      to: ./inbox/\n");
                h.write("up.yaml", "scenario: up\n" + sftp.connectionWithKey("vendor", sftp.fingerprint())
                    + "steps:\n  - move:\n      from: ./inbox/*.csv\n      to: vendor:/import/\n");
                long t0 = System.nanoTime();
                RunResult down = h.run(work.resolve("down.yaml"));
                long t1 = System.nanoTime();
                RunResult up = h.run(work.resolve("up.yaml"));
                long t2 = System.nanoTime();
                check(down, up, export, imported, files);
                clear(imported);
                // the shell
                fill(export, files);
                Path local = Files.createDirectories(dir.resolve("shell-" + round));
                long s0 = System.nanoTime();
                sftp(sftp, key, knownHosts, dir, "get /export/*.csv " + local + "\nrm /export/*.csv\n");
                long s1 = System.nanoTime();
                sftp(sftp, key, knownHosts, dir, "put " + local + "/*.csv /import/\n");
                clear(local);
                long s2 = System.nanoTime();
                if (count(imported) != files || count(export) != 0) {
                    throw new IllegalStateException("the shell round did not move every file");
                }
                clear(imported);
                if (!warmUp) {
                    oursDown.add(t1 - t0);
                    oursUp.add(t2 - t1);
                    shellDown.add(s1 - s0);
                    shellUp.add(s2 - s1);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d files, %d bytes in all, %d rounds after a warm-up, medians; the server's TCP_NODELAY %s%n%n",
            files, bytes, rounds, noDelay ? "on" : "off (the default)");
        System.out.println("| direction | `move` (ms) | `sftp` from the shell (ms) | ratio |");
        System.out.println("|---|---:|---:|---:|");
        row("server → local (`get` + `rm`)", median(oursDown), median(shellDown));
        row("local → server (`put` + local `rm`)", median(oursUp), median(shellUp));
    }

    static void row(String what, long ours, long shell) {
        System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %.2f |%n", what, ours / 1_000_000, shell / 1_000_000, (double) ours / shell);
    }

    private static void check(RunResult down, RunResult up, Path export, Path imported, int files) throws IOException {
        if (down.status() != RunResult.Status.SUCCEEDED || up.status() != RunResult.Status.SUCCEEDED) {
            throw new IllegalStateException("a run failed: " + down.error() + " / " + up.error());
        }
        if (count(imported) != files || count(export) != 0) {
            throw new IllegalStateException("not every file moved");
        }
    }

    private static void sftp(SftpServer server, Path key, Path knownHosts, Path dir, String batch) throws Exception {
        Path file = dir.resolve("batch.txt");
        Files.writeString(file, batch);
        String[] hostPort = server.address().split(":");
        Process p = new ProcessBuilder("sftp", "-q", "-b", file.toString(), "-i", key.toString(), "-P", hostPort[1],
            "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
            SftpServer.USER + "@" + hostPort[0]).redirectErrorStream(true).redirectOutput(dir.resolve("sftp.log").toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("sftp failed: " + Files.readString(dir.resolve("sftp.log")));
        }
    }

    static long fill(Path folder, int files) throws IOException {
        long bytes = 0;
        for (int i = 1; i <= files; i++) {
            String text = "受付番号,氏名\n" + "R-%04d,山田 太郎\n".formatted(i).repeat(1 + i % 50);
            Files.writeString(folder.resolve("tennyu-%04d.csv".formatted(i)), text, StandardCharsets.UTF_8);
            bytes += text.getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    static int count(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return (int) s.filter(p -> p.getFileName().toString().endsWith(".csv")).count();
        }
    }

    static void clear(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static String option(String[] args, String name, String byDefault) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return byDefault;
    }
}
