package org.karakuri.model;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;

/** {@code trigger:} when the scenario runs by itself. Without it, it runs only on demand. */
@Doc(value = "When the scenario runs by itself.", ja = "シナリオを自動で実行するタイミング。")
public record Trigger(
    @Doc(value = "Quartz cron: seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 22 ? * MON-FRI\". Or file-arrives.",
        ja = "Quartz の cron 式（秒 分 時 日 月 曜日）。例: \"0 0 22 ? * MON-FRI\"。または file-arrives。")
    Cron cron,
    @Doc(value = "Run once for each file that arrives complete in a folder (serve): ${file} and ${file.name} name it. Or cron.",
        ja = "フォルダーにファイルが届き終わるたびに1回実行します（serve）。${file} と ${file.name} でそのファイルを指します。または cron。")
    FileArrives fileArrives,
    @Doc(value = "Skip days this calendar closes: jp-business-days skips weekends, national holidays and 12/29-1/3.",
        ja = "この暦の休日は実行しません。jp-business-days は土日・祝日・12/29〜1/3 を除きます。")
    BusinessCalendar calendar,
    @Doc(value = "A fire missed while the engine was down: run-once (default) or skip.",
        ja = "停止中に逃した実行の扱い: run-once（既定、1回だけ実行）または skip（実行しない）。")
    Misfire misfire,
    @Doc(value = "Time zone of the cron expression, e.g. Asia/Tokyo (default: the machine's).",
        ja = "cron 式のタイムゾーン。例: Asia/Tokyo（既定はこのマシンのタイムゾーン）。")
    ZoneId timeZone,
    @Doc(value = "Dates it does not run on, beside the calendar's closed days, e.g. [2026-05-07].",
        ja = "暦の休日に加えて実行しない日。例: [2026-05-07]")
    List<Day> extraClosed,
    @Doc(value = "Dates it runs on although the calendar closes them, e.g. an election Sunday: [2026-07-12].",
        ja = "暦では休日でも実行する日（選挙の日曜日など）。例: [2026-07-12]")
    List<Day> extraOpen,
    Position position) {

    public Trigger {
        if ((cron == null) == (fileArrives == null)) {
            throw new KarakuriException("trigger.cron-or-file");
        }
        misfire = misfire == null ? Misfire.RUN_ONCE : misfire;
        timeZone = timeZone == null ? ZoneId.systemDefault() : timeZone;
        extraClosed = extraClosed == null ? List.of() : List.copyOf(extraClosed);
        extraOpen = extraOpen == null ? List.of() : List.copyOf(extraOpen);
        List<Day> both = new ArrayList<>(extraOpen);
        both.retainAll(extraClosed);
        if (!both.isEmpty()) {
            throw new KarakuriException("trigger.open-and-closed", both.get(0));
        }
        if (!extraOpen.isEmpty() && calendar == null) {
            throw new KarakuriException("trigger.open-without-calendar", extraOpen.get(0));
        }
    }

    public Trigger(Cron cron, BusinessCalendar calendar, Misfire misfire, ZoneId timeZone, Position position) {
        this(cron, null, calendar, misfire, timeZone, null, null, position);
    }

    /** Whether runs start when a file arrives rather than at times. */
    public boolean onArrival() {
        return fileArrives != null;
    }

    /**
     * {@code trigger.file-arrives:} the folder watched and the pattern of the files' names; a file
     * counts as arrived once it stopped changing for {@code stable-for}.
     */
    @Doc(value = "A folder watched for files: each one that arrives complete starts one run.",
        ja = "ファイルを待つフォルダー。届き終わったファイルごとに1回実行します。")
    public record FileArrives(
        @Required @Doc(value = "The folder, relative to the scenario's folder (inside the allowed folders).",
            ja = "フォルダー（シナリオのフォルダーからの相対パス。許可されたフォルダーの中）。")
        String folder,
        @Required @Doc(value = "A pattern for the files' names, e.g. \"*.csv\".", ja = "ファイル名のパターン。例: \"*.csv\"")
        String pattern,
        @Doc(value = "How long a file must stay unchanged to count as complete (default 2s).",
            ja = "届き終わったとみなすまで、ファイルが変わらずにいる時間（既定 2s）。")
        java.time.Duration stableFor,
        Position position) {

        public static final java.time.Duration DEFAULT_STABLE_FOR = java.time.Duration.ofSeconds(2);

        public FileArrives {
            stableFor = stableFor == null ? DEFAULT_STABLE_FOR : stableFor;
            if (pattern != null && (pattern.contains("/") || pattern.contains("\\"))) {
                throw new KarakuriException("trigger.pattern-has-folder", pattern);
            }
        }
    }

    public enum Misfire { RUN_ONCE, SKIP }

    public enum BusinessCalendar { JP_BUSINESS_DAYS }

    /** A calendar date written {@code 2026-05-07}. */
    public record Day(LocalDate date) {
        public static Day parse(String text) {
            try {
                return new Day(LocalDate.parse(text.strip()));
            } catch (DateTimeParseException e) {
                throw new KarakuriException("trigger.bad-date", text);
            }
        }

        @Override
        public String toString() {
            return date.toString();
        }
    }
}
