package org.karakuri.robots.data;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.audit.TrailVerifier;
import org.karakuri.cli.Main;
import org.karakuri.robots.data.bench.TrailBench;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;
import org.slf4j.LoggerFactory;

/**
 * A 10,000-row run (the run {@code TrailBench} measures): its trail grows with its events and
 * nothing else, no screenshot is taken, the report stays bounded, and the trail verifies.
 */
class TrailSizeTest {
    private static final String SCENARIO = """
        scenario: trail-size
        steps:
          - for-each-row:
              file: rows.csv
              steps:
                - log: ${row.受付番号} ${row.氏名} を登録しました
        """;

    @TempDir
    Path dir;

    record Measured(RunResult result, long bytes, long records) {
        double bytesPerRecord() {
            return (double) bytes / records;
        }
    }

    private Measured run(Path folder, int rows) throws Exception {
        Files.createDirectories(folder);
        TrailBench.writeCsv(folder.resolve("rows.csv"), rows);
        ScenarioHarness h = new ScenarioHarness(folder).write("trail-size.yaml", SCENARIO);
        Logger scenarioLog = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("karakuri.scenario");
        Level before = scenarioLog.getLevel();
        scenarioLog.setLevel(Level.WARN); // 10,000 log lines on the console would only slow the build
        try {
            RunResult r = h.run();
            Path trail = r.folder().resolve("audit.jsonl");
            long records;
            try (Stream<String> lines = Files.lines(trail, StandardCharsets.UTF_8)) {
                records = lines.count();
            }
            return new Measured(r, Files.size(trail), records);
        } finally {
            scenarioLog.setLevel(before);
        }
    }

    @Test
    void aTenThousandRowTrailGrowsWithItsEventsOnlyTakesNoScreenshotAndVerifies() throws Exception {
        Measured small = run(dir.resolve("small"), 1_000);
        Measured big = run(dir.resolve("big"), 10_000);

        assertThat(big.result().status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(big.result().counts().itemsOk.get()).isEqualTo(10_000);
        // per row: item-started, step-started, log, step-ended, item-ended; per run: run-started, the loop's start,
        // the input's file-read (its SHA-256), the loop's end, run-ended, the seal
        assertThat(big.records()).isEqualTo(5L * 10_000 + 6);
        assertThat(big.bytesPerRecord()).as("bytes per event").isLessThan(600);
        assertThat(big.bytesPerRecord()).as("bytes per event, 10,000 rows against 1,000")
            .isCloseTo(small.bytesPerRecord(), org.assertj.core.data.Percentage.withPercentage(5));

        Path home = big.result().folder().getParent().getParent();
        try (Stream<Path> files = Files.walk(home)) {
            assertThat(files.filter(p -> p.toString().endsWith(".png"))).as("screenshots").isEmpty();
        }
        assertThat(big.result().folder().resolve("evidence")).doesNotExist();
        assertThat(Files.size(big.result().report())).as("report.html").isLessThan(2_000_000);

        long t0 = System.nanoTime();
        TrailVerifier.Result verified = TrailVerifier.verify(big.result().folder().resolve("audit.jsonl"));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(verified.intact()).isTrue();
        assertThat(verified.records()).isEqualTo(big.records() - 1);
        assertThat(millis).as("verify time in ms").isLessThan(20_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Main.execute(new String[] {"audit", "verify", big.result().runId()}, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), home)).isZero();
    }
}
