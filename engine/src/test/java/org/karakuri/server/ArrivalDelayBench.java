package org.karakuri.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The delay from a file's arrival to its run under {@code trigger.file-arrives}: a file appears
 * complete in the watched folder (renamed into it), and the run's start is read from the runs
 * table; {@code stable-for} is part of the delay by design (a file must stay unchanged that long).
 * One {@code serve} in this JVM (embedded H2). Prints a Markdown table.
 *
 * <pre>
 * mvn -B -q -pl engine test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -XX:+UseSerialGC -cp engine/target/test-classes:engine/target/classes:$(cat engine/target/bench.cp) \
 *     org.karakuri.server.ArrivalDelayBench --files 20
 * </pre>
 */
public final class ArrivalDelayBench {
    private ArrivalDelayBench() {}

    public static void main(String[] args) throws Exception {
        int files = args.length > 1 && args[0].equals("--files") ? Integer.parseInt(args[1]) : 20;
        System.out.println("| stable-for | files | median delay (ms) | 90th percentile (ms) | max (ms) |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String stable : List.of("500ms", "2s")) {
            Path dir = Files.createTempDirectory("arrival-bench");
            try (ServerFixture f = new ServerFixture(dir)) {
                f.write("arrivals.yaml", """
                    scenario: arrivals
                    trigger:
                      file-arrives:
                        folder: ./inbox
                        pattern: "*.csv"
                        stable-for: %s
                    steps:
                      - log: ${file.name}
                    """.formatted(stable));
                f.start();
                Path inbox = f.scenarios.resolve("inbox");
                Eventually.until(Duration.ofSeconds(10), "the inbox is watched", () -> Files.isDirectory(inbox));
                List<Long> delays = new ArrayList<>();
                for (int i = 1; i <= files + 1; i++) {
                    Path tmp = f.dir.resolve("staging-" + i + ".csv");
                    Files.writeString(tmp, "受付番号\nR-%04d\n".formatted(i));
                    Instant arrived = Instant.now();
                    Files.move(tmp, inbox.resolve("tennyu-%03d.csv".formatted(i)), StandardCopyOption.ATOMIC_MOVE);
                    int n = i;
                    Eventually.until(Duration.ofSeconds(60), "run " + n, () -> f.runs("arrivals", null).size() >= n);
                    JsonNode run = f.runs("arrivals", null).stream().max((a, b) -> a.path("startedAt").asText().compareTo(b.path("startedAt").asText()))
                        .orElseThrow();
                    if (i > 1) {
                        // the first one warms the engine up
                        delays.add(Duration.between(arrived, Instant.parse(run.path("startedAt").asText())).toMillis());
                    }
                    Eventually.until(Duration.ofSeconds(60), "run " + n + " ends", () -> f.runs("arrivals", "succeeded").size() >= n);
                }
                Collections.sort(delays);
                System.out.printf(Locale.ROOT, "| %s | %d | %,d | %,d | %,d |%n", stable, delays.size(), delays.get(delays.size() / 2),
                    delays.get((int) Math.ceil(delays.size() * 0.9) - 1), delays.get(delays.size() - 1));
            }
        }
    }
}
