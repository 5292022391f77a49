package org.karakuri.server;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.karakuri.i18n.KarakuriException;

/**
 * How {@code serve} listens: the address and port, TLS, timeouts, the names the server answers
 * to, and the console's idle logout. Read from {@code serve}'s options and the environment; kept in
 * this one class until the engine configuration ({@code engine.yaml}) takes it.
 *
 * @param keystore       {@code KARAKURI_TLS_KEYSTORE}: a PKCS#12 file with the server's key and
 *                       certificate; null for plain HTTP
 * @param idleTimeout    {@code KARAKURI_HTTP_IDLE_TIMEOUT} (seconds, default 30): a connection idle or
 *                       half-sent for longer is closed
 * @param consoleIdle    {@code KARAKURI_CONSOLE_IDLE_MINUTES} (default 30): a console session unused
 *                       for longer is logged out
 * @param names          the host names the server answers to (the Host header): loopback names, the
 *                       bound address, the machine's name, and {@code KARAKURI_SERVER_NAMES} (comma-separated)
 */
public record HttpSettings(String bind, int port, Path keystore, String keystorePassword, boolean insecureHttp, Duration idleTimeout,
                           Duration consoleIdle, Set<String> names) {
    public static final String KEYSTORE = "KARAKURI_TLS_KEYSTORE";
    public static final String KEYSTORE_PASSWORD = "KARAKURI_TLS_KEYSTORE_PASSWORD";

    public HttpSettings {
        names = Set.copyOf(names);
    }

    public static HttpSettings from(String bind, int port, boolean insecureHttp, Map<String, String> env) {
        String ks = env.get(KEYSTORE);
        Duration idle = Duration.ofSeconds(number(env, "KARAKURI_HTTP_IDLE_TIMEOUT", 30));
        Duration console = Duration.ofMinutes(number(env, "KARAKURI_CONSOLE_IDLE_MINUTES", 30));
        return new HttpSettings(bind, port, ks == null || ks.isBlank() ? null : Path.of(ks.strip()), env.getOrDefault(KEYSTORE_PASSWORD, ""),
            insecureHttp, idle, console, names(bind, env.get("KARAKURI_SERVER_NAMES")));
    }

    public boolean tls() {
        return keystore != null;
    }

    public HttpSettings withIdleTimeout(Duration d) {
        return new HttpSettings(bind, port, keystore, keystorePassword, insecureHttp, d, consoleIdle, names);
    }

    /**
     * Loopback needs nothing more; any other address needs TLS, or {@code --insecure-http} said out
     * loud (the caller prints the warning).
     */
    void check() throws IOException {
        if (!InetAddress.getByName(bind).isLoopbackAddress() && !tls() && !insecureHttp) {
            throw new KarakuriException("server.tls-required", bind, KEYSTORE);
        }
    }

    boolean loopback() {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static Set<String> names(String bind, String extra) {
        Set<String> n = new LinkedHashSet<>(Set.of("localhost", "127.0.0.1", "[::1]"));
        try {
            InetAddress a = InetAddress.getByName(bind);
            if (!a.isAnyLocalAddress() && !a.isLoopbackAddress()) {
                n.add(a.getHostAddress().contains(":") ? "[" + a.getHostAddress() + "]" : a.getHostAddress());
            }
            if (!a.isLoopbackAddress()) {
                InetAddress me = InetAddress.getLocalHost();
                n.add(me.getHostName().toLowerCase(Locale.ROOT));
                n.add(me.getCanonicalHostName().toLowerCase(Locale.ROOT));
            }
        } catch (IOException e) {
            // the names given below still work
        }
        if (extra != null) {
            for (String s : extra.split(",")) {
                if (!s.isBlank()) {
                    n.add(s.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return n;
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw new KarakuriException("server.bad-number", name, v);
    }
}
