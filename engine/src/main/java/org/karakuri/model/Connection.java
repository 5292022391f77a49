package org.karakuri.model;

import java.util.Arrays;
import java.util.List;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;

/**
 * {@code connections: NAME:} a server that file actions reach as {@code NAME:/path}: an SFTP
 * server ({@code sftp: host[:port]}) or a Windows file share ({@code smb: host[:port]/share}).
 * The user, key and password come from secrets (never written in the file). An SFTP server's
 * host key is pinned by its fingerprint: an unknown or changed key is refused. SMB has no host
 * key; its sessions are signed (and encrypted where the server speaks SMB 3).
 */
@Doc(value = "A server file actions reach as NAME:/path: an SFTP server (sftp:, its host key pinned) or a Windows file share (smb:); "
    + "the user and a key or password from secrets.",
    ja = "ファイルの手順が 名前:/パス で使うサーバー: SFTP サーバー（sftp:、ホスト鍵を固定）または Windows の共有フォルダー（smb:）。"
        + "ユーザーと、秘密情報から読む鍵またはパスワード。")
public record Connection(
    @Matches(value = HOST + "(:[0-9]{1,5})?", hint = "sftp.example.lg.jp:22")
    @Doc(value = "An SFTP server: host[:port] (port 22 by default).", ja = "SFTP サーバー: ホスト名[:ポート]（ポートの既定は 22）。")
    String sftp,
    @Matches(value = HOST + "(:[0-9]{1,5})?/[^/\\\\:*?\"<>|\\[\\]+=;,\\p{Cntrl}]+", hint = "fileserver.city.lg.jp/受付")
    @Doc(value = "A Windows file share (SMB 2/3): host[:port]/share, as \\\\host\\share is written in Windows (port 445 by default); "
        + "paths are then NAME:/folder/file inside the share.",
        ja = "Windows の共有フォルダー（SMB 2/3）: ホスト名[:ポート]/共有名。Windows の \\\\ホスト名\\共有名 にあたります（ポートの既定は 445）。"
            + "パスは 名前:/フォルダー/ファイル と共有の中を書きます。")
    String smb,
    @Required @Doc(value = "The user name, e.g. ${secret:vendor.user}; on a share also DOMAIN\\user.",
        ja = "ユーザー名。例: ${secret:vendor.user}。共有フォルダーでは ドメイン\\ユーザー も書けます。")
    Template user,
    @Doc(value = "A private key in OpenSSH format, from a secret: ${secret:vendor.key} (SFTP only).",
        ja = "OpenSSH 形式の秘密鍵（秘密情報から）: ${secret:vendor.key}（SFTP のみ）")
    Template key,
    @Doc(value = "The password, from a secret: ${secret:vendor.password} (an SFTP server that takes no key, or a share).",
        ja = "パスワード（秘密情報から）: ${secret:vendor.password}（鍵を使わない SFTP サーバー、または共有フォルダー）")
    Template password,
    @Doc(value = "The Windows domain (workgroup) of a share's user, when the user name does not say it as DOMAIN\\user.",
        ja = "共有フォルダーのユーザーの Windows ドメイン（ワークグループ）。ユーザー名に ドメイン\\ユーザー と書かないとき。")
    Template domain,
    @Matches(value = "SHA256:[A-Za-z0-9+/]{43}=?", hint = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8")
    @Doc(value = "The SFTP server's host key fingerprint, pinned (ssh-keygen -lf on the server's public host key; ask the server's administrator). "
        + "Not needed when engine.yaml's connections.known-hosts pins the server; if written, it must be the same.",
        ja = "SFTP サーバーのホスト鍵のフィンガープリント（固定）。サーバーの公開ホスト鍵を ssh-keygen -lf で表示した値（サーバーの管理者に確認します）。"
            + "engine.yaml の connections.known-hosts にそのサーバーがあれば不要です。書く場合は同じ値にします。")
    String hostKey,
    Position position) {

    public static final int DEFAULT_PORT = 22;
    public static final int SMB_PORT = 445;
    /** A host name, an IPv4 address or an IPv6 address in brackets. */
    static final String HOST = "([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\])";

    /** An SFTP connection (the common case, and what tests build). */
    public static Connection sftp(String sftp, Template user, Template key, Template password, String hostKey, Position position) {
        return new Connection(sftp, null, user, key, password, null, hostKey, position);
    }

    /** This connection with {@code fingerprint} as its host key (an SFTP connection; a share has none). */
    public Connection withHostKey(String fingerprint) {
        return new Connection(sftp, smb, user, key, password, domain, fingerprint, position);
    }

    public Connection {
        if ((sftp == null) == (smb == null)) {
            throw new KarakuriException("connection.sftp-or-smb");
        }
        if (smb != null) {
            if (key != null || password == null) {
                throw new KarakuriException("connection.smb-password", "${secret:share.password}");
            }
            if (hostKey != null) {
                throw new KarakuriException("connection.smb-host-key");
            }
        } else {
            if ((key == null) == (password == null)) {
                throw new KarakuriException("connection.key-or-password", "${secret:vendor.key}");
            }
            if (domain != null) {
                throw new KarakuriException("connection.sftp-domain");
            }
        }
        for (Template secret : Arrays.asList(key, password)) {
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

    /** Whether this is a Windows file share ({@code smb:}) rather than an SFTP server. */
    public boolean isShare() {
        return smb != null;
    }

    /** {@code host[:port]} of the server, as written. */
    public String address() {
        return sftp != null ? sftp : smb.substring(0, smb.lastIndexOf('/'));
    }

    /** The share's name ({@code smb: host/share}); null for SFTP. */
    public String share() {
        return smb == null ? null : smb.substring(address().length() + 1);
    }

    /** The server as messages show it: {@code host:port} for SFTP, {@code \\host\share} for a share. */
    public String shown() {
        return sftp != null ? sftp : "\\\\" + address() + "\\" + share();
    }

    public String host() {
        String a = address();
        int colon = a.lastIndexOf(':');
        String host = colon > 0 && a.indexOf(']') < colon ? a.substring(0, colon) : a;
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    public int port() {
        String a = address();
        int colon = a.lastIndexOf(':');
        return colon > 0 && a.indexOf(']') < colon ? Integer.parseInt(a.substring(colon + 1)) : isShare() ? SMB_PORT : DEFAULT_PORT;
    }
}
