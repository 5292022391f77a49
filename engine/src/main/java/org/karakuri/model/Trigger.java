package org.karakuri.model;

import java.time.ZoneId;
import org.karakuri.spi.Doc;
import org.karakuri.spi.Required;

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
    Position position) {

    public Trigger {
        misfire = misfire == null ? Misfire.RUN_ONCE : misfire;
        timeZone = timeZone == null ? ZoneId.systemDefault() : timeZone;
    }

    public enum Misfire { RUN_ONCE, SKIP }

    public enum BusinessCalendar { JP_BUSINESS_DAYS }
}
