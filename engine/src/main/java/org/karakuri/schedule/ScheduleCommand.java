package org.karakuri.schedule;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.load.Problem;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.model.Scenario;
import org.karakuri.run.RunOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./karakuri schedule next FILE [--from …] [--count N]}: when a scenario will run, to check a
 * schedule before trusting it; {@code list | pause | resume | trigger} ask a running server.
 */
@Command(name = "schedule", description = {"Check schedules; control a running server's schedules.",
    "スケジュールを確認し、起動中のサーバーのスケジュールを操作します。"},
    subcommands = {ScheduleCommand.Next.class, ServerClientCommands.List.class, ServerClientCommands.Pause.class,
        ServerClientCommands.Resume.class, ServerClientCommands.Trigger.class})
public final class ScheduleCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code schedule next}: one ISO-8601 time a line, with the offset of the trigger's zone. */
    @Command(name = "next", description = {"Print the next fire times of a scenario, one ISO-8601 time a line, in the trigger's time zone.",
        "シナリオの次回以降の実行日時を、トリガーのタイムゾーンで1行に1つ表示します。"})
    public static final class Next implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file.")
        Path file;

        @Option(names = "--from", paramLabel = "DATE-TIME",
            description = "Start here instead of now, in the trigger's time zone: 2026-12-28T23:00 (or 2026-12-28).")
        String from;

        @Option(names = "--count", paramLabel = "N", defaultValue = "5", description = "How many times to print (default ${DEFAULT-VALUE}).")
        int count;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Messages m = Messages.get();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ScenarioLoader.Result r = new ScenarioLoader().check(file);
            if (!r.valid()) {
                for (Problem p : r.problems()) {
                    err.println(p.format(m));
                }
                return 2;
            }
            Scenario s = r.scenario();
            if (s.trigger() == null) {
                err.println(m.format("schedule.no-trigger", file));
                return 2;
            }
            if (s.trigger().onArrival()) {
                // no times to print: it runs when a file arrives
                err.println(m.format("schedule.on-arrival", s.id(), s.trigger().fileArrives().pattern(), s.trigger().fileArrives().folder()));
                return 0;
            }
            if (count < 1) {
                err.println(m.format("schedule.bad-count", count));
                return 2;
            }
            Instant start;
            try {
                start = from == null ? Instant.now() : parseFrom(from, s.trigger().timeZone());
            } catch (DateTimeParseException e) {
                err.println(m.format("schedule.bad-from", from));
                return 2;
            }
            CalendarConfig site;
            try {
                site = CalendarConfig.load(RunOptions.defaults().home());
            } catch (KarakuriException e) {
                err.println(e.getMessage());
                return 2;
            }
            for (ZonedDateTime t : Schedules.next(s.trigger(), site, start, count)) {
                out.println(t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code 2026-12-28T23:00} or {@code 2026-12-28} in {@code zone}; an explicit offset is kept. */
    static Instant parseFrom(String text, ZoneId zone) {
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notOffset) {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(zone).toInstant();
            }
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        }
    }
}
