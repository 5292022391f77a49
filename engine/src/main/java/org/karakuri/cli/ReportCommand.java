package org.karakuri.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.RunRecord;
import org.karakuri.ledger.Savings;
import org.karakuri.run.RunOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./karakuri report savings [--month 2026-11] [--csv FILE]}: the time the robot saved, per scenario and month. */
@Command(name = "report", description = {"Reports from the runs table.", "実行履歴からの集計です。"},
    subcommands = {ReportCommand.SavingsReport.class})
public final class ReportCommand {

    @Command(name = "savings", description = {
        "Time saved: manual-minutes × items processed (ok items; 1 for a succeeded run without a loop), per scenario and month.",
        "削減時間: 手作業の分数（manual-minutes）× 処理件数（完了した件数、繰り返しのない実行は成功で 1 件）をシナリオ・月ごとに集計します。"})
    static final class SavingsReport implements Callable<Integer> {
        @Option(names = "--month", paramLabel = "YYYY-MM", description = "Only this month (by the runs' start, in this machine's time zone).")
        String month;

        @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV (UTF-8 with BOM, for Excel).")
        Path csv;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Messages m = Messages.get();
            PrintWriter out = spec.commandLine().getOut();
            ZoneId zone = ZoneId.systemDefault();
            YearMonth only = null;
            if (month != null) {
                try {
                    only = YearMonth.parse(month.strip());
                } catch (DateTimeParseException e) {
                    spec.commandLine().getErr().println(m.format("savings.bad-month", month));
                    return 2;
                }
            }
            Instant from = only == null ? null : only.atDay(1).atStartOfDay(zone).toInstant();
            Instant to = only == null ? null : only.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
            List<RunRecord> runs;
            try (Ledger ledger = RunsCommand.open(RunOptions.defaults().home()).orElse(null)) {
                runs = ledger == null ? List.of() : ledger.runs().startedBetween(from, to);
            }
            List<Savings.Line> lines = Savings.of(runs, zone);
            List<String> header = List.of(m.format("savings.col.month"), m.format("savings.col.scenario"), m.format("savings.col.runs"),
                m.format("savings.col.items"), m.format("savings.col.manual-minutes"), m.format("savings.col.minutes-saved"),
                m.format("savings.col.hours-saved"));
            List<List<String>> rows = new ArrayList<>();
            long runsTotal = 0;
            long itemsTotal = 0;
            long minutesTotal = 0;
            for (Savings.Line l : lines) {
                rows.add(List.of(l.month().toString(), l.scenario(), String.valueOf(l.runs()), String.valueOf(l.items()), minutes(l),
                    l.fewestMinutes() == null ? "-" : String.valueOf(l.minutesSaved()), hours(l.fewestMinutes() == null ? null : l.minutesSaved())));
                runsTotal += l.runs();
                itemsTotal += l.items();
                minutesTotal += l.minutesSaved();
            }
            if (rows.isEmpty()) {
                out.println(m.format("savings.none", only == null ? m.format("savings.all-months") : only.toString()));
            } else {
                TextTable t = new TextTable(header, 2, 3, 4, 5, 6);
                rows.forEach(t::row);
                t.row(List.of(m.format("savings.total"), "", String.valueOf(runsTotal), String.valueOf(itemsTotal), "", String.valueOf(minutesTotal),
                    hours(minutesTotal)));
                t.print(out);
            }
            if (csv != null) {
                writeCsv(csv, header, rows);
                out.println(m.format("savings.csv-written", csv.toAbsolutePath().normalize()));
            }
            out.flush();
            return 0;
        }

        private static String minutes(Savings.Line l) {
            if (l.fewestMinutes() == null) {
                return "-";
            }
            return l.fewestMinutes().equals(l.mostMinutes()) ? String.valueOf(l.fewestMinutes()) : l.fewestMinutes() + "-" + l.mostMinutes();
        }

        private static String hours(Long minutes) {
            return minutes == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f", minutes / 60.0);
        }

        /** RFC 4180, CRLF, UTF-8 with a BOM: Excel opens it as UTF-8 (without the BOM it guesses Shift_JIS). */
        private static void writeCsv(Path file, List<String> header, List<List<String>> rows) {
            StringBuilder b = new StringBuilder("\uFEFF");
            List<List<String>> all = new ArrayList<>();
            all.add(header);
            all.addAll(rows);
            for (List<String> row : all) {
                for (int i = 0; i < row.size(); i++) {
                    String v = row.get(i);
                    b.append(i > 0 ? "," : "").append(v.matches("(?s).*[\",\\r\\n].*") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
                }
                b.append("\r\n");
            }
            Path target = file.toAbsolutePath().normalize();
            try {
                if (target.getParent() != null) {
                    Files.createDirectories(target.getParent());
                }
                Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
                Files.writeString(tmp, b, StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new KarakuriException("savings.csv-unwritable", target, String.valueOf(e.getMessage()));
            }
        }
    }
}
