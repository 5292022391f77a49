package org.karakuri.config;

import java.nio.file.Path;
import java.util.List;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Doc;

/**
 * {@code server:} how {@code serve} listens beyond its {@code --bind} and {@code --port}: TLS, the
 * host names it answers to, how long an idle connection and an idle console session live, how
 * long it waits for runs when it stops.
 */
@Doc(value = "How serve listens: TLS, the names it answers to, timeouts, the console's idle logout.",
    ja = "serve の待ち受け: TLS、応答するホスト名、タイムアウト、コンソールの自動ログアウト。")
public record ServerConfig(
    @Setting(env = "KARAKURI_TLS_KEYSTORE")
    @Doc(value = "A PKCS#12 key store with the server's key and certificate: serve speaks HTTPS. Needed for any --bind but "
        + "loopback (or --insecure-http).",
        ja = "サーバーの鍵と証明書を入れた PKCS#12 の鍵ストア。指定すると serve は HTTPS で応答します。ループバック以外の "
            + "--bind には必須です（または --insecure-http）。")
    Path tlsKeystore,
    @Setting(env = "KARAKURI_TLS_KEYSTORE_PASSWORD", secret = true)
    @Doc(value = "The key store's password (better in the environment than in the file).",
        ja = "鍵ストアのパスワード（ファイルより環境変数で渡すほうが安全です）。")
    String tlsKeystorePassword,
    @Setting(env = "KARAKURI_SERVER_NAMES")
    @Doc(value = "More host names the server answers to (the Host header); loopback names, the bound address and the machine's "
        + "name always work.",
        ja = "サーバーが応答するほかのホスト名（Host ヘッダー）。ループバック、待ち受けアドレス、マシン名は常に使えます。")
    List<String> names,
    @Setting(env = "KARAKURI_HTTP_IDLE_TIMEOUT", byDefault = "30")
    @Doc(value = "Seconds before an idle or half-sent connection is closed.",
        ja = "何もしない、または送信途中の接続を閉じるまでの秒数。")
    Integer idleTimeoutSeconds,
    @Setting(env = "KARAKURI_CONSOLE_IDLE_MINUTES", byDefault = "30")
    @Doc(value = "Minutes without use after which a console session is logged out.",
        ja = "使われないコンソールのセッションをログアウトするまでの分数。")
    Integer consoleIdleMinutes,
    @Setting(env = "KARAKURI_NODE_URL", defaultDoc = "https or http://<this machine's name>:<port>; http://127.0.0.1:<port> on loopback")
    @Doc(value = "The address the other nodes of a cluster reach this node at, to show the report and files of its runs "
        + "(https://engine-1:8765); its host is one of the names the server answers to.",
        ja = "クラスターのほかのノードがこのノードに接続するアドレス（https://engine-1:8765）。このノードの実行の"
            + "レポートとファイルを表示するのに使います。そのホスト名でも応答します。")
    String nodeUrl,
    @Setting(env = "KARAKURI_SHUTDOWN_TIMEOUT", byDefault = "60")
    @Doc(value = "Seconds serve waits for running runs when it stops.",
        ja = "serve を止めるとき、実行中の処理の終了を待つ秒数。")
    Integer shutdownTimeoutSeconds,
    @Setting(env = "KARAKURI_API_TOKEN", secret = true)
    @Doc(value = "The service token of the HTTP API, with an administrator's rights, for a program that has no user "
        + "(better in the environment than in the file; users' own tokens come from `karakuri user token`).",
        ja = "HTTP API のサービストークン（管理者の権限）。利用者のいないプログラム用です（ファイルより環境変数で渡すほうが"
            + "安全です。利用者ごとのトークンは karakuri user token で作ります）。")
    String apiToken) {

    public ServerConfig {
        for (Integer n : new Integer[] {idleTimeoutSeconds, consoleIdleMinutes, shutdownTimeoutSeconds}) {
            if (n != null && n <= 0) {
                throw new KarakuriException("config.not-positive", String.valueOf(n));
            }
        }
        names = names == null ? List.of() : List.copyOf(names);
        if (nodeUrl != null) {
            try {
                java.net.URI u = new java.net.URI(nodeUrl.strip());
                if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null || u.getPort() < 0) {
                    throw new KarakuriException("config.bad-node-url", nodeUrl);
                }
            } catch (java.net.URISyntaxException e) {
                throw new KarakuriException("config.bad-node-url", nodeUrl);
            }
        }
    }
}
