package org.karakuri.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Figures of the distribution for {@code docs/benchmarks.md}, "## Distribution": the archives'
 * sizes, the container images' sizes (when podman holds them), and the cold start of
 * {@code run nightly-filing.yaml} (a files scenario: no browser) as a new process each time,
 * from the checkout ({@code ./karakuri}), from the unpacked archive ({@code bin/karakuri}) with
 * and without its class-data archive (AppCDS), the three alternating in one run.
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -cp dist/target/test-classes org.karakuri.dist.DistBench --root . --rounds 15 --report docs/benchmarks.md
 * </pre>
 */
public final class DistBench {
    private static final String SECTION = "## Distribution";

    private DistBench() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(option(args, "--root", ".")).toAbsolutePath().normalize();
        int rounds = Integer.parseInt(option(args, "--rounds", "15"));
        String report = option(args, "--report", null);
        String version = version(root);
        Path tarGz = root.resolve("dist/target/karakuri-" + version + ".tar.gz");
        Path zip = root.resolve("dist/target/karakuri-" + version + ".zip");
        if (!Files.isRegularFile(tarGz) || !Files.isRegularFile(zip)) {
            throw new IllegalStateException("no archives in dist/target: run mvn -B -DskipTests package first");
        }
        Path dir = Files.createTempDirectory("karakuri-distbench-");
        try {
            Path app = unpack(tarGz, dir.resolve("opt"), version);
            long unpacked = size(app);
            long jars;
            try (Stream<Path> lib = Files.list(app.resolve("lib"))) {
                jars = lib.count();
            }
            Map<String, Long> images = images();

            // three ways to start the same run; each keeps its KARAKURI_HOME across rounds, as an office's does
            Map<String, List<String>> ways = new LinkedHashMap<>();
            ways.put("checkout: ./karakuri run", List.of(root.resolve("karakuri").toString(), "run", "nightly-filing.yaml"));
            ways.put("archive: bin/karakuri run, KARAKURI_CDS=off", List.of(app.resolve("bin/karakuri").toString(), "run", "nightly-filing.yaml"));
            ways.put("archive: bin/karakuri run (AppCDS)", List.of(app.resolve("bin/karakuri").toString(), "run", "nightly-filing.yaml"));
            Map<String, Map<String, String>> envs = new LinkedHashMap<>();
            int i = 0;
            for (String way : ways.keySet()) {
                Map<String, String> env = new HashMap<>();
                env.put("PATH", System.getenv("PATH"));
                env.put("HOME", Files.createDirectories(dir.resolve("home-" + i)).toString());
                env.put("KARAKURI_HOME", dir.resolve("home-" + i).resolve(".karakuri").toString());
                env.put("KARAKURI_LANG", "en");
                if (way.contains("CDS=off")) {
                    env.put("KARAKURI_CDS", "off");
                }
                envs.put(way, env);
                i++;
            }
            Path examples = root.resolve("scenarios/examples");
            // warm-up: the ledger made, the class-data archive written, the OS's file cache filled
            for (int w = 0; w < 2; w++) {
                for (String way : ways.keySet()) {
                    time(dir, examples, ways.get(way), envs.get(way));
                }
            }
            Map<String, List<Double>> seconds = new LinkedHashMap<>();
            ways.keySet().forEach(w -> seconds.put(w, new ArrayList<>()));
            double[] load = {loadAverage(), 0};
            for (int r = 0; r < rounds; r++) {
                for (String way : ways.keySet()) {
                    seconds.get(way).add(time(dir, examples, ways.get(way), envs.get(way)));
                }
            }
            load[1] = loadAverage();

            String section = section(version, tarGz, zip, unpacked, jars, images, seconds, rounds, load);
            System.out.println(section);
            if (report != null) {
                writeReport(Path.of(report), section);
                System.out.println("written to " + report);
            }
        } finally {
            Folders.delete(dir);
        }
    }

    private static double time(Path dir, Path examples, List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path work = dir.resolve("work");
        Folders.delete(work);
        Folders.copy(examples, work);
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
            .redirectOutput(dir.resolve("last.log").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(dir.resolve("last.log")));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String section(String version, Path tarGz, Path zip, long unpacked, long jars, Map<String, Long> images,
                                  Map<String, List<Double>> seconds, int rounds, double[] load) throws IOException {
        StringBuilder s = new StringBuilder(SECTION).append("\n\n");
        s.append("The offline archive of ").append(version).append(" (`mvn -B -DskipTests package`, `dist/target/`):\n\n");
        s.append("| | size |\n|---|---:|\n");
        s.append("| `").append(zip.getFileName()).append("` | ").append(mb(Files.size(zip))).append(" |\n");
        s.append("| `").append(tarGz.getFileName()).append("` | ").append(mb(Files.size(tarGz))).append(" |\n");
        s.append("| unpacked (").append(jars).append(" jars in `lib/`) | ").append(mb(unpacked)).append(" |\n\n");
        if (!images.isEmpty()) {
            s.append("The images of `docker/` (`podman image inspect`, uncompressed, layers shared between them counted in each):\n\n");
            s.append("| image | size |\n|---|---:|\n");
            images.forEach((name, bytes) -> s.append("| `").append(name).append("` | ").append(mb(bytes)).append(" |\n"));
            s.append('\n');
        }
        double base = median(seconds.values().iterator().next());
        s.append("Cold start: `run nightly-filing.yaml` (a files scenario, two CSV files filed, no browser) as a new JVM each time, ")
            .append("from the first line of the launcher to the process's exit; the three ways alternate, ").append(rounds)
            .append(" rounds after two warm-up rounds, each way keeping its own KARAKURI_HOME (ledger made, class-data archive written). ")
            .append(String.format(Locale.ROOT, "Load average %.2f → %.2f on 2 cores, %s %s.%n%n", load[0], load[1],
                System.getProperty("java.vm.name"), System.getProperty("java.version")));
        s.append("| start | median | fastest | vs checkout |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, List<Double>> e : seconds.entrySet()) {
            double m = median(e.getValue());
            s.append(String.format(Locale.ROOT, "| %s | %.2f s | %.2f s | %.2f |%n", e.getKey(), m,
                e.getValue().stream().mapToDouble(Double::doubleValue).min().orElse(0), m / base));
        }
        s.append("""

            The checkout's launcher checks that no source is newer than its build (a `find` over the
            sources) and runs from class folders; the archive's runs from `lib/*.jar`. AppCDS: the
            archive's first `run` or `validate` writes the classes it loaded to `KARAKURI_HOME/cache/`
            (Java 17's `-XX:ArchiveClassesAtExit`), and later commands map them in
            (`-XX:SharedArchiveFile`); `KARAKURI_CDS=off` does without.

            Run it again with:

            ```
            mvn -B -q -DskipTests package
            java -cp dist/target/test-classes org.karakuri.dist.DistBench --root . --rounds 15 --report docs/benchmarks.md
            ```
            """);
        return s.toString();
    }

    private static Map<String, Long> images() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String image : List.of("localhost/karakuri-base:bookworm", "localhost/karakuri/engine:latest", "localhost/karakuri/grid:4.41.0",
            "localhost/karakuri/postgres:15")) {
            try {
                Process p = new ProcessBuilder("podman", "image", "inspect", "--format", "{{.Size}}", image).redirectErrorStream(true).start();
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (p.waitFor() == 0 && text.matches("\\d+")) {
                    out.put(image, Long.parseLong(text));
                }
            } catch (IOException e) {
                return out; // no podman here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out;
            }
        }
        return out;
    }

    private static String version(Path root) throws IOException {
        String pom = Files.readString(root.resolve("pom.xml"));
        int a = pom.indexOf("<version>", pom.indexOf("<artifactId>karakuri-parent</artifactId>"));
        return pom.substring(a + 9, pom.indexOf("</version>", a));
    }

    private static Path unpack(Path tarGz, Path into, String version) throws IOException, InterruptedException {
        Files.createDirectories(into);
        Process p = new ProcessBuilder("tar", "-xzf", tarGz.toString()).directory(into.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("tar failed on " + tarGz);
        }
        return into.resolve("karakuri-" + version);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    /** Replaces the "## Distribution" section of the report, or appends it, keeping every other section. */
    private static void writeReport(Path report, String section) throws IOException {
        String text = Files.readString(report);
        int start = text.indexOf(SECTION + "\n");
        if (start < 0) {
            Files.writeString(report, text.stripTrailing() + "\n\n" + section);
            return;
        }
        int next = text.indexOf("\n## ", start + SECTION.length());
        Files.writeString(report, text.substring(0, start) + section + (next < 0 ? "" : text.substring(next + 1)));
    }

    private static String option(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    }
}
