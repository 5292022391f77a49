package org.karakuri.model;

import java.time.Duration;

/**
 * {@code retry: {times: 3, wait: 2s}}: when the step fails it is tried again up to
 * {@code times} more times, {@code wait} apart (Camel redelivery at the failing step).
 */
@Doc(value = "Try the step again when it fails.", ja = "失敗したときに、この手順をやり直します。")
public record Retry(
    @Required @Doc(value = "How many more times to try after the first failure (1-100).", ja = "最初の失敗のあと何回やり直すか（1〜100）。")
    Integer times,
    @Doc(value = "Pause between tries, e.g. 2s (default 1s).", ja = "やり直すまでの待ち時間。例: 2s（既定 1s）。")
    @Key("wait") Duration pause) {

    public Retry {
        if (times == null || times < 1 || times > 100) {
            throw new IllegalArgumentException("retry.times must be between 1 and 100, not " + times);
        }
        pause = pause == null ? Duration.ofSeconds(1) : pause;
    }
}
