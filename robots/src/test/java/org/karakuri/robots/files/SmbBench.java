package org.karakuri.robots.files;

import static org.karakuri.robots.files.SftpBench.clear;
import static org.karakuri.robots.files.SftpBench.count;
import static org.karakuri.robots.files.SftpBench.fill;
import static org.karakuri.robots.files.SftpBench.median;
import static org.karakuri.robots.files.SftpBench.option;
import static org.karakuri.robots.files.SftpBench.row;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/**
 * 1,000 files moved over SMB by {@code move} (from a share to a local folder, then back) against
 * Samba's {@code smbclient} doing the same from the shell ({@code mget} then {@code del} on the
 * share; {@code mput} then removing the local files), against one Samba server on loopback
 * ({@link SambaServer}, signing required, SMB 3). Rounds alternate; the figures are medians.
 * Prints a Markdown table. Needs root and {@code apt-get install -y samba smbclient}.
 *
 * <pre>
 * mvn -B -q -pl engine,robots test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -XX:+UseSerialGC -cp robots/target/test-classes:robots/target/classes:engine/target/classes:$(cat robots/target/bench.cp) \
 *     org.karakuri.robots.files.SmbBench --files 1000 --rounds 3
 * </pre>
 */
public final class SmbBench {
    private SmbBench() {}

    public static void main(String[] args) throws Exception {
        int files = Integer.parseInt(option(args, "--files", "1000"));
        int rounds = Integer.parseInt(option(args, "--rounds", "3"));
        Path dir = Files.createTempDirectory("smb-bench");
        Path root = Files.createDirectories(dir.resolve("share"));
        Path export = Files.createDirectories(root.resolve("export"));
        Path imported = Files.createDirectories(root.resolve("import"));
        Fixtures.english();
        List<Long> oursDown = new ArrayList<>();
        List<Long> oursUp = new ArrayList<>();
        List<Long> shellDown = new ArrayList<>();
        List<Long> shellUp = new ArrayList<>();
        long bytes = 0;
        try (SambaServer samba = SambaServer.serving(root)) {
            Path auth = dir.resolve("auth");
            Files.writeString(auth, "username = " + SambaServer.user() + "\npassword = " + SambaServer.PASSWORD + "\n");
            for (int round = 0; round < rounds + 1; round++) {
                boolean warmUp = round == 0;
                bytes = fill(export, files);
                Path work = dir.resolve("work-" + round);
                ScenarioHarness h = new ScenarioHarness(work)
                    .env("KARAKURI_SECRET_SHARE_USER", SambaServer.user())
                    .env("KARAKURI_SECRET_SHARE_PASSWORD", SambaServer.PASSWORD);
                h.write("down.yaml", "scenario: down\n" + samba.connection("share")
                    + "steps:\n  - move:\n      from: share:/export/*.csv\n      to: ./inbox/\n");
                h.write("up.yaml", "scenario: up\n" + samba.connection("share")
                    + "steps:\n  - move:\n      from: ./inbox/*.csv\n      to: share:/import/\n");
                long t0 = System.nanoTime();
                RunResult down = h.run(work.resolve("down.yaml"));
                long t1 = System.nanoTime();
                RunResult up = h.run(work.resolve("up.yaml"));
                long t2 = System.nanoTime();
                if (down.status() != RunResult.Status.SUCCEEDED || up.status() != RunResult.Status.SUCCEEDED
                    || count(imported) != files || count(export) != 0) {
                    throw new IllegalStateException("a run failed or did not move every file: " + down.error() + " / " + up.error());
                }
                clear(imported);
                fill(export, files);
                Path local = Files.createDirectories(dir.resolve("shell-" + round));
                long s0 = System.nanoTime();
                smbclient(samba, auth, dir, "prompt OFF; cd export; lcd " + local + "; mget *.csv; del *.csv");
                long s1 = System.nanoTime();
                smbclient(samba, auth, dir, "prompt OFF; cd import; lcd " + local + "; mput *.csv");
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
        System.out.printf(Locale.ROOT, "%d files, %d bytes in all, %d rounds after a warm-up, medians%n%n", files, bytes, rounds);
        System.out.println("| direction | `move` (ms) | `smbclient` from the shell (ms) | ratio |");
        System.out.println("|---|---:|---:|---:|");
        row("share → local (`mget` + `del`)", median(oursDown), median(shellDown));
        row("local → share (`mput` + local `rm`)", median(oursUp), median(shellUp));
    }

    private static void smbclient(SambaServer samba, Path auth, Path dir, String commands) throws Exception {
        Process p = new ProcessBuilder("smbclient", "//127.0.0.1/" + SambaServer.SHARE, "-p", String.valueOf(samba.port()),
            "-A", auth.toString(), "-m", "SMB3", "--client-protection=sign", "-c", commands)
            .redirectErrorStream(true).redirectOutput(dir.resolve("smbclient.log").toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("smbclient failed: " + Files.readString(dir.resolve("smbclient.log")));
        }
    }
}
