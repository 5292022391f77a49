package org.karakuri.config;

import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Doc;

/**
 * {@code cluster:} this node's name and the shared scheduler's settings. Every node of a cluster
 * uses the same database and the same scheduler name; each has its own node name.
 */
@Doc(value = "This node's name and the scheduler shared by the nodes of a cluster.",
    ja = "このノードの名前と、クラスターのノードが共有するスケジューラー。")
public record ClusterConfig(
    @Setting(env = "KARAKURI_NODE", defaultDoc = "the machine's host name")
    @Doc(value = "This node's name in runs, the console and notifications.",
        ja = "実行の記録、コンソール、通知に出るこのノードの名前。")
    String node,
    @Setting(env = "KARAKURI_SCHEDULER_NAME", byDefault = "karakuri")
    @Doc(value = "The scheduler's name: the same on every node of one cluster.",
        ja = "スケジューラーの名前。1 つのクラスターのノードはすべて同じ名前にします。")
    String schedulerName,
    @Setting(env = "KARAKURI_SCHEDULER_THREADS", defaultDoc = "max(10, 4 × browser.max-per-node)")
    @Doc(value = "Scheduler worker threads; fires beyond the browser limit wait in the run queue.",
        ja = "スケジューラーのワーカースレッド数。ブラウザーの上限を超えた起動は実行待ちの列で待ちます。")
    Integer schedulerThreads,
    @Setting(env = "KARAKURI_CLUSTER_CHECKIN_MS", byDefault = "7500")
    @Doc(value = "Milliseconds between a node's check-ins; a node silent for a few is taken as stopped and its fires move on.",
        ja = "ノードが生存を知らせる間隔（ミリ秒）。何回か知らせがないノードは止まったとみなし、その起動をほかのノードが引き継ぎます。")
    Integer checkinMs,
    @Setting(env = "KARAKURI_MISFIRE_THRESHOLD_MS", byDefault = "60000")
    @Doc(value = "Milliseconds a schedule may fire late before it counts as missed.",
        ja = "スケジュールの起動が遅れても、起動し損ねとはみなさない時間（ミリ秒）。")
    Integer misfireThresholdMs) {

    public ClusterConfig {
        for (Integer n : new Integer[] {schedulerThreads, checkinMs, misfireThresholdMs}) {
            if (n != null && n <= 0) {
                throw new KarakuriException("config.not-positive", String.valueOf(n));
            }
        }
        node = node == null || node.isBlank() ? null : node.strip();
    }

    /** This node's name: the setting, else the machine's host name. */
    public String nodeName() {
        return node != null ? node : machineName();
    }

    /** The machine's host name, or {@code localhost} when it cannot be told. */
    public static String machineName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /** The worker threads: the setting, else enough for {@code maxBrowsers} runs and the fires waiting behind them. */
    public int threads(int maxBrowsers) {
        return schedulerThreads != null ? schedulerThreads : Math.max(10, maxBrowsers * 4);
    }
}
