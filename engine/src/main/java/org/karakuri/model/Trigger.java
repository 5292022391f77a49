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
    @Required @Doc(value = "Quartz cron: seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 22 ? * MON-FRI\".",
        ja = "Quartz の cron 式（秒 分 時 日 月 曜日）。例: \"0 0 22 ? * MON-FRI\"")
    Cron cron,
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
        this(cron, calendar, misfire, timeZone, null, null, position);
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
