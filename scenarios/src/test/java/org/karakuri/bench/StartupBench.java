package org.karakuri.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Start-up of {@code karakuri run} on a one-step scenario against bare Camel doing the same step
 * ({@link BareCamelStep}): each a fresh JVM with the launcher's flags, in turn, after one warm-up
 * of each; medians of {@code --rounds}. Karakuri is measured as the launcher starts it (with the
 * class-data archive its warm-up records) and without the archive. Wall time and CPU time
 * (user + system, from {@code /usr/bin/time}) are both reported: on a busy machine the CPU time
 * is the steadier of the two. Prints a table for docs/benchmarks.md.
 *
 * <pre>
 * mvn -B -q -ntp -DskipTests package -pl '!dist'
 * java -cp "scenarios/target/test-classes:$(cat scenarios/target/runtime-classpath.txt)" org.karakuri.bench.StartupBench \
 *     --classpath "$(ls scenarios/target/karakuri-scenarios-*.jar):$(cat scenarios/target/runtime-classpath.txt)" --rounds 7
 * </pre>
 */
public final class StartupBench {
    private static final List<String> FLAGS = List.of("-Dfile.encoding=UTF-8", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private StartupBench() {}

    /** One measured start: wall and CPU milliseconds. */
    record Sample(long wallMs, long cpuMs) {}

    public static void main(String[] args) throws Exception {
        int rounds = 7;
        String karakuriCp = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--classpath")) {
                karakuriCp = args[++i];
            }
        }
        if (karakuriCp == null) {
            throw new IllegalArgumentException("--classpath: the launcher's class path (jars only, as CDS needs)");
        }
        String bareCp = absolute(System.getProperty("java.class.path"));
        karakuriCp = absolute(karakuriCp);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path work = Files.createTempDirectory("karakuri-startup");
        Path home = work.resolve("home");
        Path scenario = work.resolve("one-step.yaml");
        Files.writeString(scenario, """
            scenario: one-step
            steps:
              - write-file:
                  path: out/out.txt
                  text: 受付を終えました
            """, StandardCharsets.UTF_8);
        Path archive = work.resolve("karakuri.jsa");
        run(command(java, karakuriCp, List.of("-XX:ArchiveClassesAtExit=" + archive), "org.karakuri.cli.Main", "warm-up"), work, home);

        List<String> bare = command(java, bareCp, List.of("-Xshare:auto"), BareCamelStep.class.getName(), work.resolve("bare").toString());
        List<String> plain = command(java, karakuriCp, List.of("-Xshare:auto"), "org.karakuri.cli.Main", "run", scenario.toString());
        List<String> cds = command(java, karakuriCp, List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"),
            "org.karakuri.cli.Main", "run", scenario.toString());
        List<List<String>> all = List.of(bare, plain, cds);
        for (List<String> c : all) {
            run(c, work, home);
        }
        List<List<Sample>> samples = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < all.size(); i++) {
                samples.get(i).add(run(all.get(i), work, home));
            }
        }
        Sample base = median(samples.get(0));
        String camel = new org.apache.camel.impl.DefaultCamelContext(false).getVersion();
        String[] names = {"bare Camel " + camel + ": start, write one file, stop", "`karakuri run` one-step scenario, no class-data archive",
            "`karakuri run` one-step scenario, as the launcher starts it (class-data archive)"};
        System.out.printf(Locale.ROOT, "| what | wall ms | wall ratio | CPU ms | CPU ratio |%n|---|---:|---:|---:|---:|%n");
        for (int i = 0; i < names.length; i++) {
            Sample m = median(samples.get(i));
            System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %d | %.2f |%n", names[i], m.wallMs(), (double) m.wallMs() / base.wallMs(),
                m.cpuMs(), (double) m.cpuMs() / base.cpuMs());
        }
        System.out.printf(Locale.ROOT, "%nmedians of %d rounds; load average at the end: %s%n", rounds,
            Files.readString(Path.of("/proc/loadavg")).strip());
        deleteTree(work);
    }

    private static List<String> command(String java, String cp, List<String> extra, String main, String... args) {
        List<String> c = new ArrayList<>(List.of(java));
        c.addAll(FLAGS);
        c.addAll(extra);
        c.addAll(List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-cp", cp, main));
        c.addAll(List.of(args));
        return c;
    }

    /** Runs {@code command} under /usr/bin/time with KARAKURI_HOME={@code home}. */
    private static Sample run(List<String> command, Path work, Path home) throws Exception {
        Path times = Files.createTempFile(work, "time", ".txt");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S", "-o", times.toString()));
        timed.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(timed).directory(work.toFile()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("KARAKURI_HOME", home.toString());
        int exit = pb.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(command.get(command.size() - 2) + " " + command.get(command.size() - 1) + " exited " + exit);
        }
        String[] f = Files.readString(times).strip().split("\\s+");
        Files.delete(times);
        return new Sample(Math.round(Double.parseDouble(f[0]) * 1000),
            Math.round((Double.parseDouble(f[1]) + Double.parseDouble(f[2])) * 1000));
    }

    private static Sample median(List<Sample> samples) {
        long[] wall = samples.stream().mapToLong(Sample::wallMs).sorted().toArray();
        long[] cpu = samples.stream().mapToLong(Sample::cpuMs).sorted().toArray();
        return new Sample(wall[wall.length / 2], cpu[cpu.length / 2]);
    }

    private static String absolute(String cp) {
        return String.join(File.pathSeparator, Arrays.stream(cp.split(File.pathSeparator))
            .map(e -> Path.of(e).toAbsolutePath().toString()).toList());
    }

    private static void deleteTree(Path p) throws Exception {
        try (var walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
