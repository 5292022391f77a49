package org.karakuri.robots.data.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.karakuri.audit.TrailVerifier;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of a long run: a {@code for-each-row} over a generated CSV of N rows whose one
 * step is {@code log} (no browser), run through the engine as {@code ./karakuri run} runs it.
 * Reports the trail's size (bytes per event, per row, per event type), that nothing else grows
 * with the rows (no screenshot, a bounded report), and how long {@code audit verify} takes on it
 * (the first verification in the JVM, then the median of warm ones). A second, smaller run shows
 * that the size per event does not depend on the length of the run.
 *
 * <pre>
 * mvn -B -q -pl engine,robots test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx512m -XX:+UseSerialGC -cp robots/target/test-classes:robots/target/classes:$(cat robots/target/bench.cp) \
 *     org.karakuri.robots.data.bench.TrailBench --rows 10000 --report docs/benchmarks.md
 * </pre>
 *
 * Options: {@code --rows N} (default 10000), {@code --small N} (the second run, default 1000),
 * {@code --rounds N} (warm verifications, default 7), {@code --report FILE} (replace the
 * "## Audit trail" section of that Markdown file).
 */
public final class TrailBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrailBench() {}

    /** What one run left behind. */
    record Trail(int rows, RunResult result, long runMillis, long bytes, long records, Map<String, long[]> byType, long evidenceFiles,
                 long reportBytes, long firstVerifyMillis, long warmVerifyMillis, long commandMillis, boolean intact) {
        double bytesPerRecord() {
            return (double) bytes / records;
        }
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(option(args, "--rows", "10000"));
        int small = Integer.parseInt(option(args, "--small", "1000"));
        int rounds = Integer.parseInt(option(args, "--rounds", "7"));
        String report = option(args, "--report", null);
        // the scenario's log lines go to the ordinary log, not what is measured here
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("karakuri.scenario").setLevel(Level.WARN);
        Path dir = Files.createTempDirectory("karakuri-trail-bench-");
        Trail smallRun = run(dir.resolve("small"), small, rounds);
        Trail big = run(dir.resolve("big"), rows, rounds);
        String section = section(big, smallRun, rounds);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        System.out.println(section);
        if (report != null) {
            writeReport(Path.of(report), section);
            System.out.println("written to " + report);
        }
        System.exit(0);
    }

    static Trail run(Path dir, int rows, int rounds) throws IOException {
        Files.createDirectories(dir);
        writeCsv(dir.resolve("rows.csv"), rows);
        ScenarioHarness h = new ScenarioHarness(dir).write("trail-bench.yaml", """
            scenario: trail-bench
            manual-minutes: 2
            steps:
              - for-each-row:
                  file: rows.csv
                  steps:
                    - log: ${row.受付番号} ${row.氏名} を登録しました
            """);
        long t0 = System.nanoTime();
        RunResult r = h.run();
        long runMillis = (System.nanoTime() - t0) / 1_000_000;
        Path trail = r.folder().resolve("audit.jsonl");
        Map<String, long[]> byType = new TreeMap<>();
        long records = 0;
        try (BufferedReader in = Files.newBufferedReader(trail, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                records++;
                JsonNode n = JSON.readTree(line);
                long[] c = byType.computeIfAbsent(n.path("type").asText(), k -> new long[2]);
                c[0]++;
                c[1] += line.getBytes(StandardCharsets.UTF_8).length + 1;
            }
        }
        long evidence = 0;
        if (Files.isDirectory(r.folder().resolve("evidence"))) {
            try (Stream<Path> s = Files.list(r.folder().resolve("evidence"))) {
                evidence = s.count();
            }
        }
        long t1 = System.nanoTime();
        boolean intact = TrailVerifier.verify(trail).intact();
        long first = (System.nanoTime() - t1) / 1_000_000;
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            intact &= TrailVerifier.verify(trail).intact();
            warm.add((System.nanoTime() - t) / 1_000_000);
        }
        Collections.sort(warm);
        return new Trail(rows, r, runMillis, Files.size(trail), records, byType, evidence, Files.size(r.folder().resolve("report.html")),
            first, warm.get(warm.size() / 2), command(h.home(), r.runId(), 3), intact);
    }

    /** The median wall time of {@code karakuri audit verify RUN} in a JVM of its own, started as the launcher starts it. */
    static long command(Path home, String runId, int rounds) throws IOException {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"), "org.karakuri.cli.Main",
                "audit", "verify", runId).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("KARAKURI_HOME", home.toString());
            long t = System.nanoTime();
            try {
                int exit = pb.start().waitFor();
                if (exit != 0) {
                    throw new IllegalStateException("audit verify exited with " + exit);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            times.add((System.nanoTime() - t) / 1_000_000);
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    /** {@code rows} rows of 受付番号, 氏名, フリガナ, 生年月日, 住所 (UTF-8). */
    public static void writeCsv(Path file, int rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("受付番号,氏名,フリガナ,生年月日,住所\n");
            for (int i = 1; i <= rows; i++) {
                w.write(String.format("R-%06d,山田 太郎%d,ヤマダ タロウ,1980-01-%02d,東京都千代田区千代田%d-%d\n", i, i % 100, i % 28 + 1, i % 9 + 1, i % 30 + 1));
            }
        }
    }

    static String section(Trail big, Trail small, int rounds) {
        StringBuilder b = new StringBuilder();
        b.append("## Audit trail\n\n");
        b.append(String.format(Locale.ROOT, "A run of %,d rows: `for-each-row` over a UTF-8 CSV (受付番号, 氏名, フリガナ, 生年月日, 住所) whose one step is "
            + "`log: ${row.受付番号} ${row.氏名} を登録しました`; no browser. Run in one JVM through the engine as `./karakuri run` runs it "
            + "(embedded H2 ledger), %s, %d cores, %s.%n%n", big.rows(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(), "load average " + String.format(Locale.ROOT, "%.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())));
        b.append("| rows | events | audit.jsonl | bytes per event | bytes per row | screenshots | report.html "
            + "| `./karakuri audit verify RUN` | verify in the JVM, first | verify, warm median |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Trail t : List.of(small, big)) {
            b.append(String.format(Locale.ROOT, "| %,d | %,d | %,d bytes (%.1f MB) | %.0f | %,.0f | %d | %,d bytes | %.2f s | %,d ms | %,d ms |%n", t.rows(),
                t.records(), t.bytes(), t.bytes() / 1_048_576.0, t.bytesPerRecord(), (double) t.bytes() / t.rows(),
                t.evidenceFiles(), t.reportBytes(), t.commandMillis() / 1000.0, t.firstVerifyMillis(), t.warmVerifyMillis()));
        }
        b.append(String.format(Locale.ROOT, "%nBy event type, %,d rows:%n%n| event | count | bytes per event |%n|---|---:|---:|%n", big.rows()));
        big.byType().forEach((type, c) -> b.append(String.format(Locale.ROOT, "| `%s` | %,d | %.0f |%n", type, c[0], (double) c[1] / c[0])));
        b.append(String.format(Locale.ROOT, """

            The trail grows with the events and nothing else: %.0f bytes per event at %,d rows, %.0f at %,d (each
            record carries its time, run, scenario, step, place, row label, data, sequence number and two SHA-256
            hashes, about 160 of its bytes). A row costs %d events here (`item-started`, `step-started`,
            `log`, `step-ended`, `item-ended`); each further step adds two, plus what it emits. Screenshots are
            taken only by a `screenshot` step and when a browser step fails (its last attempt), never for a
            step or row that succeeds; page sources are never saved. `report.html` shows the first 100 items
            that went well with their steps and the others on one line each, and embeds at most 12
            screenshots (3 MB in all), so it stays small however long the run (see "Report" below).
            `audit verify` reads the trail once, checking the chain and each record's hash over its canonical
            form. `./karakuri audit verify RUN` on the %,d-row trail takes %.2f s from the command to its exit (a
            JVM of its own, started as the launcher starts it, median of 3; the JVM's start is about half a
            second of it). In a JVM already running, verifying it takes %,d ms the first time and %,d ms warm
            (median of %d). The run itself took %.1f s.

            Run it again with:

            ```
            mvn -B -q -pl engine,robots test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
            java -Xmx512m -XX:+UseSerialGC -cp robots/target/test-classes:robots/target/classes:$(cat robots/target/bench.cp) \\
                org.karakuri.robots.data.bench.TrailBench --rows 10000 --report docs/benchmarks.md
            ```

            `TrailSizeTest` (robots module) runs the same %,d rows in the default build and checks the bounds.
            """, small.bytesPerRecord(), small.rows(), big.bytesPerRecord(), big.rows(),
            (int) Math.round((double) (big.records() - small.records()) / (big.rows() - small.rows())),
            big.rows(), big.commandMillis() / 1000.0, big.firstVerifyMillis(), big.warmVerifyMillis(), rounds, big.runMillis() / 1000.0,
            big.rows()));
        return b.toString();
    }

    /** Replaces the "## Audit trail" section of the report (or appends it), keeping every other section. */
    /** Replaces the section of {@code file} that starts with the section's first line (its heading), or appends it. */
    static void writeReport(Path file, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
        int start = text.indexOf(section.lines().findFirst().orElseThrow() + "\n");
        String out;
        if (start < 0) {
            out = text.stripTrailing() + "\n\n" + section;
        } else {
            int end = text.indexOf("\n## ", start + 3);
            out = text.substring(0, start) + section + (end < 0 ? "" : "\n" + text.substring(end + 1));
        }
        Files.writeString(file, out.stripTrailing() + "\n", StandardCharsets.UTF_8);
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
