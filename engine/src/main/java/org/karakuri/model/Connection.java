package org.karakuri.model;

import java.util.List;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;

/**
 * {@code connections: NAME:} a server that file actions reach as {@code NAME:/path}. Only SFTP
 * today. The user, key and password come from secrets (never written in the file), and the
 * server's host key is pinned by its fingerprint: an unknown or changed key is refused.
 */
@Doc(value = "A server file actions reach as NAME:/path (SFTP): its address, the user, a key or password from secrets, and its pinned host key.",
    ja = "ファイルの手順が 名前:/パス で使うサーバー（SFTP）: アドレス、ユーザー、秘密情報から読む鍵またはパスワード、固定したホスト鍵。")
public record Connection(
    @Required @Matches(value = "[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?", hint = "sftp.example.lg.jp:22")
    @Doc(value = "The SFTP server: host[:port] (port 22 by default).", ja = "SFTP サーバー: ホスト名[:ポート]（ポートの既定は 22）。")
    String sftp,
    @Required @Doc(value = "The user name, e.g. ${secret:vendor.user}.", ja = "ユーザー名。例: ${secret:vendor.user}")
    Template user,
    @Doc(value = "A private key in OpenSSH format, from a secret: ${secret:vendor.key}.",
        ja = "OpenSSH 形式の秘密鍵（秘密情報から）: ${secret:vendor.key}")
    Template key,
    @Doc(value = "The password, from a secret, when the server takes no key: ${secret:vendor.password}.",
        ja = "鍵を使わないときのパスワード（秘密情報から）: ${secret:vendor.password}")
    Template password,
    @Matches(value = "SHA256:[A-Za-z0-9+/]{43}=?", hint = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8")
    @Doc(value = "The server's host key fingerprint, pinned (ssh-keygen -lf on the server's public host key; ask the server's administrator). "
        + "Not needed when engine.yaml's connections.known-hosts pins the server; if written, it must be the same.",
        ja = "サーバーのホスト鍵のフィンガープリント（固定）。サーバーの公開ホスト鍵を ssh-keygen -lf で表示した値（サーバーの管理者に確認します）。"
            + "engine.yaml の connections.known-hosts にそのサーバーがあれば不要です。書く場合は同じ値にします。")
    String hostKey,
    Position position) {

    public static final int DEFAULT_PORT = 22;

    /** This connection with {@code fingerprint} as its host key. */
    public Connection withHostKey(String fingerprint) {
        return new Connection(sftp, user, key, password, fingerprint, position);
    }

    public Connection {
        if ((key == null) == (password == null)) {
            throw new KarakuriException("connection.key-or-password", "${secret:vendor.key}");
        }
        for (Template secret : java.util.Arrays.asList(key, password)) {
            if (secret != null && !fromSecrets(secret)) {
                String which = secret == key ? "key" : "password";
                throw new KarakuriException("connection.secret-in-file", which, "${secret:vendor." + which + "}");
            }
        }
    }

    /** A key or password must come from a secret or the environment, never be written in the file. */
    private static boolean fromSecrets(Template t) {
        List<String> refs = t.references();
        return !refs.isEmpty() && refs.stream().allMatch(r -> r.startsWith("secret:") || r.startsWith("env:"));
    }

    public String host() {
        int colon = sftp.lastIndexOf(':');
        String host = colon > 0 && sftp.indexOf(']') < colon ? sftp.substring(0, colon) : sftp;
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    public int port() {
        int colon = sftp.lastIndexOf(':');
        return colon > 0 && sftp.indexOf(']') < colon ? Integer.parseInt(sftp.substring(colon + 1)) : DEFAULT_PORT;
    }
}
