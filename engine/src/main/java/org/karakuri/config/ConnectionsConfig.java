package org.karakuri.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Connection;
import org.karakuri.model.Doc;

/**
 * {@code connections:} the servers' host keys the administrator pins ("known hosts"). A
 * scenario's connection to a server listed here may leave out {@code host-key}; when it writes
 * one, it must be the same: a scenario can never make the engine accept a key the administrator
 * did not pin, only repeat it. A connection to a server not listed here must pin its key itself.
 */
@Doc(value = "Servers scenarios reach through connections: their host keys, pinned by the administrator.",
    ja = "シナリオが connections: で使うサーバー: 管理者が固定するホスト鍵。")
public record ConnectionsConfig(
    @Setting(env = "KARAKURI_KNOWN_HOSTS")
    @Doc(value = "Host keys pinned for every scenario: \"host[:port] SHA256:…\" each (port 22 by default; ssh-keygen -lf on the "
        + "server's public host key prints the fingerprint). A scenario's connection to such a server may leave out host-key; "
        + "one it writes must be the same.",
        ja = "全シナリオに共通で固定するホスト鍵。\"ホスト名[:ポート] SHA256:…\" を1件ずつ（ポートの既定は 22。サーバーの公開ホスト鍵を "
            + "ssh-keygen -lf で表示した値）。ここにあるサーバーへの接続はシナリオで host-key を省略でき、書く場合は同じ値でなければなりません。")
    List<String> knownHosts) {

    private static final Pattern ENTRY = Pattern.compile(
        "\\s*([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\])(?::([0-9]{1,5}))?\\s+(SHA256:[A-Za-z0-9+/]{43})=?\\s*");

    public ConnectionsConfig {
        knownHosts = List.copyOf(knownHosts);
        for (String entry : knownHosts) {
            if (!ENTRY.matcher(entry).matches()) {
                throw new KarakuriException("config.bad-known-host", entry, "sftp.example.lg.jp:22 SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8");
            }
        }
    }

    /** The fingerprint pinned here for {@code host:port}, if any. */
    public Optional<String> knownHost(String host, int port) {
        for (String entry : knownHosts) {
            Matcher m = ENTRY.matcher(entry);
            if (m.matches()) {
                String h = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
                int p = m.group(2) == null ? Connection.DEFAULT_PORT : Integer.parseInt(m.group(2));
                if (h.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT)) && p == port) {
                    return Optional.of(m.group(3));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The host key the connection {@code name} must show: the one pinned here, or the scenario's;
     * refused when neither pins one, or when the scenario's is not the one pinned here. A share
     * ({@code smb:}) has no host key: null.
     */
    public String hostKey(String name, Connection c) {
        if (c.isShare()) {
            return null;
        }
        Optional<String> known = knownHost(c.host(), c.port());
        String written = c.hostKey() == null ? null : c.hostKey().replaceFirst("=$", "");
        if (known.isPresent() && written != null && !known.get().equals(written)) {
            throw new KarakuriException("connection.host-key-disagrees", name, c.shown(), written, known.get());
        }
        if (known.isEmpty() && written == null) {
            throw new KarakuriException("connection.no-host-key", name, c.shown());
        }
        return known.orElse(written);
    }
}
