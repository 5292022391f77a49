package org.karakuri.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.karakuri.context.Counts;
import org.karakuri.context.RunResult;
import org.karakuri.testing.PostgresExtension;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.listeners.JobListenerSupport;

/**
 * Scheduler fire accuracy: {@code N} scenarios, each firing once a minute (spread over the 60
 * seconds of the minute), served by one node for {@code M} minutes; prints the median, 99th
 * percentile and worst delay between a fire's scheduled time and the moment Quartz starts its job.
 * Runs are stubbed (they return at once) so the figure is the scheduler's, not a browser's.
 *
 * <pre>
 * mvn -B -q -ntp -pl engine test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp "engine/target/test-classes:engine/target/classes:$(cat engine/target/cp.txt)" \
 *   org.karakuri.server.FireAccuracyBenchmark h2 1000 3
 * java -cp … org.karakuri.server.FireAccuracyBenchmark postgresql 1000 3
 * </pre>
 */
public final class FireAccuracyBenchmark {
    private FireAccuracyBenchmark() {}

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        int scenarios = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int minutes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory("karakuri-bench-");
        Path folder = Files.createDirectories(dir.resolve("scenarios"));
        for (int i = 0; i < scenarios; i++) {
            Files.writeString(folder.resolve(String.format("s%04d.yaml", i)), "scenario: s" + String.format("%04d", i)
                + "\ntrigger:\n  cron: \"" + (i % 60) + " * * * * ?\"\nsteps:\n  - log: x\n");
        }
        Map<String, String> env = new HashMap<>();
        env.put("KARAKURI_HOME", dir.resolve("home").toString());
        env.put("KARAKURI_SCHEDULER_THREADS", "10");
        PostgresExtension.Cluster pg = null;
        if (db.equals("postgresql")) {
            pg = PostgresExtension.Cluster.start();
            env.putAll(pg.createDatabase("karakuri_bench").env());
        }
        List<Long> delays = Collections.synchronizedList(new ArrayList<>());
        RunResult ok = new RunResult(RunResult.Status.SUCCEEDED, null, null, List.of(), null, new Counts());
        Instant t0 = Instant.now();
        Server server = Server.start(Server.Settings.from(folder, "127.0.0.1", 0, env).withExecutor((file, options) -> ok));
        Instant loaded = Instant.now();
        // measure only whole minutes after every scenario is scheduled
        Instant from = loaded.plusSeconds(60 - loaded.getEpochSecond() % 60);
        Instant until = from.plus(Duration.ofMinutes(minutes));
        server.scheduler().addJobListener(new JobListenerSupport() {
            @Override
            public String getName() {
                return "fire-accuracy";
            }

            @Override
            public void jobToBeExecuted(JobExecutionContext c) {
                Instant scheduled = c.getScheduledFireTime().toInstant();
                if (!scheduled.isBefore(from) && scheduled.isBefore(until)) {
                    delays.add(Duration.between(scheduled, Instant.now()).toMillis());
                }
            }

            @Override
            public void jobWasExecuted(JobExecutionContext c, JobExecutionException e) {
                // only the start counts
            }
        });
        Eventually.until(Duration.ofMinutes(minutes + 2), "the measured minutes", () -> Instant.now().isAfter(until.plusSeconds(5)));
        server.close();
        if (pg != null) {
            pg.close();
        }
        List<Long> d = new ArrayList<>(delays);
        Collections.sort(d);
        long expected = (long) scenarios * minutes;
        System.out.printf("db=%s scenarios=%d minutes=%d start-up=%ds fires=%d/%d median=%dms p99=%dms worst=%dms%n", db, scenarios, minutes,
            Duration.between(t0, loaded).toSeconds(), d.size(), expected, d.isEmpty() ? -1 : d.get(d.size() / 2),
            d.isEmpty() ? -1 : d.get((int) Math.min(d.size() - 1, Math.round(d.size() * 0.99))), d.isEmpty() ? -1 : d.get(d.size() - 1));
        System.exit(0);
    }
}
