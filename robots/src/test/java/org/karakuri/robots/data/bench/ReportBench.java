package org.karakuri.robots.data.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.model.Scenario;
import org.karakuri.report.ReportPage;
import org.karakuri.context.RunResult;
import org.karakuri.spi.RunInfo;
import org.karakuri.testing.ScenarioHarness;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.slf4j.LoggerFactory;

/**
 * report.html of a long run: a {@code for-each-row} of N rows (two steps each, one row failing)
 * between two steps outside the loop, run through the engine. Measures the page's size, the
 * time to build it from the trail against the time to merely parse that trail (the baseline:
 * any reader of the trail pays it), and the time Chromium takes to load and lay it out.
 *
 * <pre>
 * mvn -B -q -pl engine,robots test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx512m -XX:+UseSerialGC -cp robots/target/test-classes:robots/target/classes:engine/target/classes:$(cat robots/target/bench.cp) \
 *     org.karakuri.robots.data.bench.ReportBench --rows 10000 --report docs/benchmarks.md
 * </pre>
 */
public final class ReportBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportBench() {}

    record Measured(int rows, long trailBytes, long reportBytes, long parseMillis, long verifyMillis, long buildMillis, long chromiumMillis) {}

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(TrailBench.option(args, "--rows", "10000"));
        int small = Integer.parseInt(TrailBench.option(args, "--small", "1000"));
        int rounds = Integer.parseInt(TrailBench.option(args, "--rounds", "5"));
        String report = TrailBench.option(args, "--report", null);
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("karakuri.scenario").setLevel(Level.WARN);
        Path dir = Files.createTempDirectory("karakuri-report-bench-");
        List<Measured> all = List.of(run(dir.resolve("small"), small, rounds), run(dir.resolve("big"), rows, rounds));
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        String section = section(all, rounds);
        System.out.println(section);
        if (report != null) {
            TrailBench.writeReport(Path.of(report), section);
        }
        System.exit(0);
    }

    static Measured run(Path dir, int rows, int rounds) throws Exception {
        Files.createDirectories(dir);
        TrailBench.writeCsv(dir.resolve("rows.csv"), rows);
        String failing = String.format("R-%06d", rows / 2);
        ScenarioHarness h = new ScenarioHarness(dir).write("report-bench.yaml", """
            scenario: report-bench
            title: 転入届の登録
            manual-minutes: 3
            steps:
              - log: 始めます
              - for-each-row:
                  file: rows.csv
                  steps:
                    - log: ${row.受付番号} ${row.氏名} を登録しました
                    - if: ${row.受付番号} == %s
                      then:
                        - fail: ${row.受付番号} は登録できません
              - log: 終わりました
            """.formatted(failing));
        RunResult r = h.run();
        Path trail = r.folder().resolve("audit.jsonl");
        Scenario scenario = new ScenarioLoader(h.registry()).load(dir.resolve("report-bench.yaml"));
        RunInfo info = new RunInfo(r.runId(), scenario.id(), scenario.file(), r.folder(), h.home(), java.time.Instant.now(), false);
        long parse = median(rounds, () -> {
            try (BufferedReader in = Files.newBufferedReader(trail, StandardCharsets.UTF_8)) {
                long n = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    n += JSON.readTree(line).size();
                }
                return n;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        long verify = median(rounds, () -> org.karakuri.audit.TrailVerifier.verify(trail).records());
        long build = median(rounds, () -> ReportPage.html(scenario, info, r, Locale.JAPANESE, x -> x).length());
        return new Measured(rows, Files.size(trail), Files.size(r.report()), parse, verify, build, chromium(r.report(), 3));
    }

    /** The median wall time of {@code work} over {@code rounds} runs, after one to warm up. */
    static long median(int rounds, LongSupplier work) {
        work.getAsLong();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            work.getAsLong();
            times.add((System.nanoTime() - t) / 1_000_000);
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    /** Chromium's own measure of loading the page (navigation start to load event end), median of {@code rounds}. */
    static long chromium(Path report, int rounds) {
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new", "--no-sandbox",
            "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--window-size=1200,1600");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
            .build(), options);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            List<Long> times = new ArrayList<>();
            for (int i = 0; i <= rounds; i++) {
                driver.get("about:blank");
                driver.get(report.toUri().toString());
                Object ms = driver.executeScript("const t = performance.getEntriesByType('navigation')[0]; return Math.round(t.loadEventEnd - t.startTime);");
                if (i > 0) {
                    times.add(((Number) ms).longValue());
                }
            }
            Collections.sort(times);
            return times.get(times.size() / 2);
        } finally {
            driver.quit();
        }
    }

    static String section(List<Measured> all, int rounds) {
        StringBuilder b = new StringBuilder("## Report\n\n");
        b.append(String.format(Locale.ROOT, "`report.html` of a `for-each-row` run (two steps a row, one row failing) between two steps "
            + "outside the loop, no browser, run through the engine; %s, %d cores, load average %.2f.%n%n",
            System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        b.append("| rows | audit.jsonl | report.html | parse the trail (baseline) | verify the trail | build the report | "
            + "build / (parse + verify) | Chromium loads it |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measured m : all) {
            b.append(String.format(Locale.ROOT, "| %,d | %.1f MB | %,d bytes (%.2f MB) | %,d ms | %,d ms | %,d ms | %.2f | %,d ms |%n", m.rows(),
                m.trailBytes() / 1_048_576.0, m.reportBytes(), m.reportBytes() / 1_048_576.0, m.parseMillis(), m.verifyMillis(),
                m.buildMillis(), (double) m.buildMillis() / Math.max(1, m.parseMillis() + m.verifyMillis()), m.chromiumMillis()));
        }
        b.append(String.format(Locale.ROOT, """

            "Parse the trail" reads `audit.jsonl` line by line into JSON trees, what any reader of the trail pays;
            "verify the trail" is `audit verify` in the JVM (the report shows whether the trail is intact);
            "build the report" verifies the trail, reads it once more, groups it by item and writes the page
            (all warm, median of %d); so a ratio near 1 means the page itself costs little beyond the trail.
            The page shows the first 100 items that went well with their steps, every item that did not (up to 500)
            with its steps, screenshots and elements, and the other items on one line each in collapsed pages of
            1,000, so its size grows by about 70 bytes a row. "Chromium loads it": navigation start to the load
            event, headless, median of 3.

            Run it again with:

            ```
            mvn -B -q -pl engine,robots test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
            java -Xmx512m -XX:+UseSerialGC -cp robots/target/test-classes:robots/target/classes:engine/target/classes:$(cat robots/target/bench.cp) \\
                org.karakuri.robots.data.bench.ReportBench --rows 10000 --report docs/benchmarks.md
            ```
            """, rounds));
        return b.toString();
    }
}
