package org.karakuri.ledger;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the ledger lives. By default an embedded H2 database in {@code KARAKURI_HOME/ledger}
 * (automatic mixed mode, so a second process, such as {@code karakuri runs}, can open it while a
 * run holds it); PostgreSQL when {@code KARAKURI_DB_URL} is set, with {@code KARAKURI_DB_USER}
 * and {@code KARAKURI_DB_PASSWORD}. The password is a secret: {@link #toString()} and
 * {@link #displayUrl()} never show it.
 */
public record LedgerSettings(String url, String user, String password) {
    public static final String URL = "KARAKURI_DB_URL";
    public static final String USER = "KARAKURI_DB_USER";
    public static final String PASSWORD = "KARAKURI_DB_PASSWORD";

    /** The settings the environment asks for, else the embedded database under {@code home}. */
    public static LedgerSettings from(Map<String, String> env, Path home) {
        String url = env.get(URL);
        if (url == null || url.isBlank()) {
            return h2(home);
        }
        return new LedgerSettings(url.strip(), env.getOrDefault(USER, ""), env.get(PASSWORD));
    }

    /**
     * The embedded H2 database file {@code home/ledger.mv.db}. {@code WRITE_DELAY=0} writes each
     * commit to the file at once (H2 otherwise waits up to half a second), so a run killed right
     * after marking a row {@code in-progress} leaves that mark behind.
     */
    public static LedgerSettings h2(Path home) {
        Path file = home.toAbsolutePath().normalize().resolve("ledger");
        return new LedgerSettings("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;WRITE_DELAY=0", "sa", "");
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** The URL without its parameters (which may hold a password), for messages. */
    public String displayUrl() {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return url.substring(0, cut);
    }

    @Override
    public String toString() {
        return "LedgerSettings[url=" + displayUrl() + ", user=" + user + ", password=" + (password == null || password.isEmpty() ? "" : "********") + "]";
    }
}
