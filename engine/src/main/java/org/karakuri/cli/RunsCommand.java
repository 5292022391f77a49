package org.karakuri.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.karakuri.audit.RunChain;
import org.karakuri.audit.TrailVerifier;
import org.karakuri.i18n.Messages;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.ledger.RunRecord;
import org.karakuri.ledger.RunStatus;
import org.karakuri.context.Masker;
import org.karakuri.run.RunOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./karakuri runs}: the runs table, latest first; {@code runs show RUN}: one run with its
 * report and whether its trail verifies; {@code runs prune --older-than 400d}: deletes old runs'
 * folders and lines, recording the pruning in the run chain so that {@code audit verify --all}
 * still passes.
 */
@Command(name = "runs", description = {"List runs, latest first, from the runs table.", "実行の履歴を新しい順に表示します。"},
    subcommands = {RunsCommand.Show.class, RunsCommand.Prune.class})
public final class RunsCommand implements Callable<Integer> {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]+");

    @Option(names = "--scenario", paramLabel = "ID", description = "Only the runs of this scenario.")
    String scenario;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N runs (default: 20).")
    int limit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Messages m = Messages.get();
        PrintWriter out = spec.commandLine().getOut();
        Path home = RunOptions.defaults().home();
        List<RunRecord> runs;
        try (Ledger ledger = open(home).orElse(null)) {
            runs = ledger == null ? List.of() : ledger.runs().latest(scenario, limit);
        }
        if (runs.isEmpty()) {
            out.println(m.format("runs.none"));
            out.flush();
            return 0;
        }
        TextTable t = new TextTable(List.of(m.format("runs.col.id"), m.format("runs.col.scenario"), m.format("runs.col.status"),
            m.format("runs.col.started"), m.format("runs.col.duration"), m.format("runs.col.items"), m.format("runs.col.by")), 4);
        Instant now = Instant.now();
        for (RunRecord r : runs) {
            t.row(List.of(r.id(), r.scenario(), status(m, r.status()), time(r.started()), duration(r.duration(now)), items(r),
                r.startedBy() + " (" + r.trigger() + ")"));
        }
        t.print(out);
        return 0;
    }

    /** {@code runs show RUN}. */
    @Command(name = "show", description = {"Show one run: what, when, who, outcome, report, and whether its trail verifies.",
        "1 回の実行の詳細（内容・日時・実行者・結果・レポート・証跡の検証結果）を表示します。"})
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN", description = "A run id.")
        String run;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Messages m = Messages.get();
            PrintWriter out = spec.commandLine().getOut();
            Path home = RunOptions.defaults().home();
            Optional<RunRecord> found;
            try (Ledger ledger = open(home).orElse(null)) {
                found = ledger == null || !RUN_ID.matcher(run).matches() ? Optional.empty() : ledger.runs().get(run);
            }
            Path folder = RUN_ID.matcher(run).matches() ? home.resolve("runs").resolve(run) : null;
            if (found.isEmpty() && (folder == null || !Files.isDirectory(folder))) {
                spec.commandLine().getErr().println(m.format("runs.no-run", run));
                return 2;
            }
            Map<String, String> lines = new LinkedHashMap<>();
            lines.put(m.format("runs.col.id"), run);
            found.ifPresentOrElse(r -> {
                lines.put(m.format("runs.col.scenario"), r.scenario());
                lines.put(m.format("runs.show.file"), r.scenarioFile() + (r.fileSha256() == null ? "" : "  (SHA-256 " + r.fileSha256() + ")"));
                lines.put(m.format("runs.col.status"), status(m, r.status()));
                lines.put(m.format("runs.col.started"), time(r.started()));
                lines.put(m.format("runs.show.ended"), r.ended() == null ? "-" : time(r.ended()));
                lines.put(m.format("runs.col.duration"), duration(r.duration(Instant.now())));
                lines.put(m.format("runs.show.items"), m.format("runs.show.items-counts", r.itemsOk(), r.itemsFailed(), r.itemsInvalid(),
                    r.itemsSkipped()));
                lines.put(m.format("runs.show.saved"), r.minutesSaved() == null ? m.format("runs.show.no-manual-minutes")
                    : m.format("runs.show.saved-minutes", r.minutesSaved(), r.manualMinutes(), r.itemsProcessed()));
                lines.put(m.format("runs.col.by"), r.startedBy() + " (" + r.trigger() + ") @ " + r.host());
                if (r.error() != null) {
                    lines.put(m.format("runs.show.error"), r.error());
                }
            }, () -> lines.put(m.format("runs.col.status"), m.format("runs.show.not-in-table")));
            if (folder != null && Files.isDirectory(folder)) {
                lines.put(m.format("runs.show.folder"), folder.toString());
                Path report = folder.resolve("report.html");
                lines.put(m.format("runs.show.report"), Files.exists(report) ? report.toString() : "-");
                lines.put(m.format("runs.show.trail"), trail(m, home, run, folder));
            } else {
                lines.put(m.format("runs.show.folder"), "-");
            }
            int width = lines.keySet().stream().mapToInt(TextTable::width).max().orElse(0);
            lines.forEach((k, v) -> out.println(k + " ".repeat(width - TextTable.width(k)) + "  " + v));
            out.flush();
            return 0;
        }

        private static String trail(Messages m, Path home, String run, Path folder) {
            Path file = folder.resolve("audit.jsonl");
            TrailVerifier.Result r = TrailVerifier.verify(file);
            if (!r.intact()) {
                return m.format("runs.show.trail-bad", (r.line() > 0 ? file + ":" + r.line() : file.toString()) + ": "
                    + m.format(r.key(), r.args().toArray()));
            }
            Optional<String> chained = RunChain.sealOf(home, run);
            if (chained.isEmpty()) {
                return m.format("runs.show.trail-unchained", r.records());
            }
            return chained.get().equals(r.sealHash()) ? m.format("runs.show.trail-ok", r.records())
                : m.format("runs.show.trail-bad", m.format("audit.seal-mismatch", run));
        }
    }

    /** {@code runs prune --older-than 400d}. */
    @Command(name = "prune", description = {"Delete the runs (folders and lines) started longer ago than --older-than; the pruning is recorded in the run chain.",
        "--older-than より前に始まった実行（フォルダーと履歴）を削除します。削除は実行の連鎖に記録されます。"})
    static final class Prune implements Callable<Integer> {
        private static final Pattern AGE = Pattern.compile("\\s*(\\d{1,6})\\s*(d|h)\\s*");

        @Option(names = "--older-than", required = true, paramLabel = "AGE", description = "Days or hours, like 400d or 36h.")
        String olderThan;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Messages m = Messages.get();
            PrintWriter out = spec.commandLine().getOut();
            Matcher age = AGE.matcher(olderThan.toLowerCase(java.util.Locale.ROOT));
            if (!age.matches() || Long.parseLong(age.group(1)) == 0) {
                spec.commandLine().getErr().println(m.format("runs.bad-age", olderThan));
                return 2;
            }
            long n = Long.parseLong(age.group(1));
            Instant cutoff = Instant.now().minus(age.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n));
            Path home = RunOptions.defaults().home();
            Path runs = home.resolve("runs");
            try (Ledger ledger = open(home).orElse(null)) {
                Map<String, RunRecord> inTable = new LinkedHashMap<>();
                if (ledger != null) {
                    for (RunRecord r : ledger.runs().startedBefore(cutoff)) {
                        if (r.status() != RunStatus.RUNNING && RUN_ID.matcher(r.id()).matches()) {
                            inTable.put(r.id(), r);
                        }
                    }
                }
                Map<String, Instant> folders = oldFolders(runs, cutoff, ledger);
                List<String> ids = new ArrayList<>(inTable.keySet());
                folders.keySet().stream().filter(id -> !inTable.containsKey(id)).forEach(ids::add);
                if (ids.isEmpty()) {
                    out.println(m.format("runs.prune-nothing", time(cutoff)));
                    out.flush();
                    return 0;
                }
                ids.sort(Comparator.naturalOrder());
                // the chain first: a pruning cut short leaves folders the chain says are gone, never the reverse
                RunChain.recordPruning(home, System.getenv(), ids, "older than " + olderThan.strip() + " (started before " + cutoff + ")");
                long bytes = 0;
                for (String id : ids) {
                    bytes += delete(runs.resolve(id));
                    RunRecord r = inTable.get(id);
                    out.println(m.format("runs.pruned-run", id, r == null ? "-" : r.scenario(),
                        time(r != null ? r.started() : folders.get(id)), r == null ? m.format("runs.show.not-in-table") : status(m, r.status())));
                }
                if (ledger != null) {
                    ledger.runs().delete(inTable.keySet());
                }
                out.println(m.format("runs.pruned", ids.size(), String.format("%.1f", bytes / 1_048_576.0), RunChain.file(home)));
                out.flush();
                return 0;
            }
        }

        /** Run folders the table does not know (older runs, another database) that were started before {@code cutoff}. */
        private static Map<String, Instant> oldFolders(Path runs, Instant cutoff, Ledger ledger) {
            Map<String, Instant> old = new LinkedHashMap<>();
            if (!Files.isDirectory(runs)) {
                return old;
            }
            List<Path> dirs;
            try (Stream<Path> s = Files.list(runs)) {
                dirs = s.filter(Files::isDirectory).filter(d -> RUN_ID.matcher(d.getFileName().toString()).matches()).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Set<String> known = ledger == null ? Set.of() : dirs.stream().map(d -> d.getFileName().toString())
                .filter(id -> ledger.runs().get(id).isPresent()).collect(Collectors.toSet());
            for (Path d : dirs) {
                String id = d.getFileName().toString();
                Instant started = startOf(d);
                if (!known.contains(id) && started.isBefore(cutoff)) {
                    old.put(id, started);
                }
            }
            return old;
        }

        /** When the trail's first record says the run started; else when the folder was last written. */
        private static Instant startOf(Path dir) {
            return TrailVerifier.startedAt(dir.resolve("audit.jsonl")).orElseGet(() -> {
                try {
                    return Files.getLastModifiedTime(dir).toInstant();
                } catch (IOException e) {
                    return Instant.now();
                }
            });
        }

        /** Deletes a folder and all in it; returns the bytes freed. */
        private static long delete(Path dir) {
            if (!Files.exists(dir)) {
                return 0;
            }
            long[] bytes = {0};
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    if (Files.isRegularFile(p)) {
                        bytes[0] += Files.size(p);
                    }
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + dir, e);
            }
            return bytes[0];
        }
    }

    /**
     * The ledger of {@code home} for reading; empty when it is the embedded database and no run
     * has created it yet (a command that only reads creates nothing).
     */
    static Optional<Ledger> open(Path home) {
        LedgerSettings settings = LedgerSettings.from(System.getenv(), home);
        settings.registerPassword(Masker.global());
        if (settings.equals(LedgerSettings.h2(home)) && !Files.exists(home.resolve("ledger.mv.db"))) {
            return Optional.empty();
        }
        return Optional.of(Ledger.open(settings));
    }

    static String status(Messages m, RunStatus s) {
        return m.format("runs.status." + s.text());
    }

    static String time(Instant i) {
        return i == null ? "-" : TIME.format(i.atZone(ZoneId.systemDefault()));
    }

    /** {@code 45s}, {@code 3m05s}, {@code 1h02m07s}. */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
    }

    /** ok/failed/invalid/skipped. */
    static String items(RunRecord r) {
        return r.itemsOk() + "/" + r.itemsFailed() + "/" + r.itemsInvalid() + "/" + r.itemsSkipped();
    }
}
