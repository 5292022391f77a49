package org.karakuri.config;

import java.util.List;
import org.karakuri.model.Doc;

/**
 * {@code notifications:} who hears of a failed run: a webhook (a JSON POST) and/or a mail through an SMTP
 * server. Neither carries a variable or a secret of the run.
 */
@Doc(value = "Who is told of a failed run: a webhook and/or a mail.",
    ja = "失敗した実行を知らせる先: Webhook とメール。")
public record NotifyConfig(
    @Setting(env = "KARAKURI_NOTIFY_WEBHOOK")
    @Doc(value = "A URL told of every failed run by a JSON POST.",
        ja = "失敗した実行ごとに JSON を POST する URL。")
    String webhook,
    @Setting(env = "KARAKURI_NOTIFY_SMTP")
    @Doc(value = "host:port of the mail server that carries the failure mail (mail.city.local:25).",
        ja = "失敗を知らせるメールを送るメールサーバーの ホスト:ポート（mail.city.local:25）。")
    String smtp,
    @Setting(env = "KARAKURI_NOTIFY_MAIL_TO")
    @Doc(value = "Who gets the failure mail (in the environment: comma-separated).",
        ja = "失敗を知らせるメールの宛先（環境変数ではカンマ区切り）。")
    List<String> mailTo,
    @Setting(env = "KARAKURI_NOTIFY_MAIL_FROM", defaultDoc = "karakuri@<node>")
    @Doc(value = "The failure mail's sender.",
        ja = "失敗を知らせるメールの差出人。")
    String mailFrom) {

    public NotifyConfig {
        mailTo = mailTo == null ? List.of() : List.copyOf(mailTo);
    }
}
