package org.karakuri.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Doc;

/**
 * One entry of {@code data-sources:}: a database {@code for-each-row} may read rows from with
 * {@code query:}. The password is never written in the file: a {@code ${secret:NAME}} (the secret
 * store, then {@code KARAKURI_SECRET_NAME}) or {@code ${env:NAME}} reference, or the environment
 * variable {@code KARAKURI_DATA_SOURCE_<NAME>_PASSWORD}.
 */
@Doc(value = "A database that `for-each-row` may read rows from (`data-source: NAME` with `query:`). Only the data sources "
    + "named here can be used: this list is the policy.",
    ja = "for-each-row が行を読めるデータベース（query: と data-source: 名前）。ここに書いたデータソースだけが使えます。"
        + "この一覧がそのまま方針です。")
public record DataSourceConfig(
    @Setting(env = "KARAKURI_DATA_SOURCE_*_URL")
    @Doc(value = "JDBC URL: jdbc:postgresql://db.city.local:5432/kikan or jdbc:h2:… (required).",
        ja = "JDBC URL（jdbc:postgresql://db.city.local:5432/kikan、jdbc:h2:… など）。必須。")
    String url,
    @Setting(env = "KARAKURI_DATA_SOURCE_*_USER")
    @Doc(value = "The database user: a name, or a ${secret:NAME} / ${env:NAME} reference.",
        ja = "データベースのユーザー。名前、または ${secret:名前} / ${env:名前} の参照。")
    String user,
    @Setting(env = "KARAKURI_DATA_SOURCE_*_PASSWORD", secret = true, reference = true)
    @Doc(value = "The password: in the file only as ${secret:NAME} or ${env:NAME}; or the value itself in the environment.",
        ja = "パスワード。ファイルには ${secret:名前} か ${env:名前} の参照だけを書けます。値そのものは環境変数で渡します。")
    String password) {

    public DataSourceConfig {
        if (url == null || url.isBlank()) {
            throw new KarakuriException("config.data-source-no-url");
        }
        url = url.strip();
        if (!url.startsWith("jdbc:")) {
            throw new KarakuriException("config.data-source-not-jdbc", url);
        }
    }

    /**
     * A new connection to this database, read-only; the caller closes it. References are read
     * with {@code secrets} (by secret name) and {@code env}; the password is handed to {@code
     * keepSecret} before anything can print it, and no message of a failure holds it.
     *
     * @param name the data source's name, for messages
     */
    public Connection connect(String name, Function<String, Optional<String>> secrets, Map<String, String> env, Consumer<String> keepSecret) {
        String u = resolve(name, "user", user, secrets, env);
        String p = resolve(name, "password", password, secrets, env);
        if (p != null && !p.isEmpty()) {
            keepSecret.accept(p);
        }
        try {
            Connection c = open(url, u, p);
            try {
                c.setReadOnly(true);
            } catch (SQLException notSupported) {
                // a driver that cannot say so still runs the query
            }
            return c;
        } catch (SQLException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (p != null && !p.isEmpty()) {
                reason = reason.replace(p, "********");
            }
            throw new KarakuriException("data-source.unreachable", name, redacted(url), reason);
        }
    }

    /** Through the engine's drivers (PostgreSQL, H2), else a driver of the extension jars. */
    private static Connection open(String url, String user, String password) throws SQLException {
        for (java.sql.Driver d : java.util.ServiceLoader.load(java.sql.Driver.class, org.karakuri.spi.Extensions.loader())) {
            if (d.getClass().getClassLoader() != DataSourceConfig.class.getClassLoader() && d.acceptsURL(url)) {
                java.util.Properties props = new java.util.Properties();
                if (user != null) {
                    props.setProperty("user", user);
                }
                if (password != null) {
                    props.setProperty("password", password);
                }
                return d.connect(url, props);
            }
        }
        return DriverManager.getConnection(url, user, password);
    }

    /** The URL as it may be shown: without a {@code password=} it may carry. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1********");
    }

    private static String resolve(String name, String what, String value, Function<String, Optional<String>> secrets, Map<String, String> env) {
        if (value == null) {
            return null;
        }
        Matcher m = ConfigReader.REFERENCE.matcher(value.strip());
        if (!m.matches()) {
            return value;
        }
        Optional<String> found = m.group(1).equals("secret") ? secrets.apply(m.group(2)) : Optional.ofNullable(env.get(m.group(2)));
        return found.orElseThrow(() -> new KarakuriException("data-source.no-secret", name, what, m.group()));
    }
}
