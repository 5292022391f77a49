package org.karakuri.server;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.karakuri.config.EngineConfig;
import org.karakuri.config.ServerConfig;
import org.karakuri.i18n.KarakuriException;

/**
 * How {@code serve} listens: the address and port ({@code serve}'s options), and from the engine
 * configuration's {@code server:} section (each setting overridden by its variable) TLS, timeouts,
 * the names the server answers to, and the console's idle logout.
 *
 * @param keystore       a PKCS#12 file with the server's key and certificate; null for plain HTTP
 * @param idleTimeout    a connection idle or half-sent for longer is closed
 * @param consoleIdle    a console session unused for longer is logged out
 * @param names          the host names the server answers to (the Host header): loopback names, the
 *                       bound address, the machine's name, {@code server.names} and the host of {@code nodeUrl}
 * @param nodeUrl        where the other nodes of a cluster reach this one ({@code server.node-url}); null: see {@link #nodeUrl(int)}
 */
public record HttpSettings(String bind, int port, Path keystore, String keystorePassword, boolean insecureHttp, Duration idleTimeout,
                           Duration consoleIdle, Set<String> names, String nodeUrl) {
    public static final String KEYSTORE = "KARAKURI_TLS_KEYSTORE";
    public static final String KEYSTORE_PASSWORD = "KARAKURI_TLS_KEYSTORE_PASSWORD";

    public HttpSettings {
        names = Set.copyOf(names);
    }

    /** With the engine configuration of {@code env}'s KARAKURI_HOME and {@code env}. */
    public static HttpSettings from(String bind, int port, boolean insecureHttp, Map<String, String> env) {
        return from(bind, port, insecureHttp, EngineConfig.load(EngineConfig.home(env), env).server());
    }

    public static HttpSettings from(String bind, int port, boolean insecureHttp, ServerConfig c) {
        return new HttpSettings(bind, port, c.tlsKeystore(), c.tlsKeystorePassword() == null ? "" : c.tlsKeystorePassword(), insecureHttp,
            Duration.ofSeconds(c.idleTimeoutSeconds()), Duration.ofMinutes(c.consoleIdleMinutes()), names(bind, c.names(), c.nodeUrl()),
            c.nodeUrl() == null ? null : c.nodeUrl().strip());
    }

    public boolean tls() {
        return keystore != null;
    }

    public HttpSettings withIdleTimeout(Duration d) {
        return new HttpSettings(bind, port, keystore, keystorePassword, insecureHttp, d, consoleIdle, names, nodeUrl);
    }

    /**
     * Where the other nodes reach this one, listening on {@code actualPort}: {@code server.node-url}, else
     * 127.0.0.1 when bound to loopback, the bound address when it is one, else this machine's name.
     */
    public String nodeUrl(int actualPort) {
        if (nodeUrl != null) {
            return nodeUrl;
        }
        String host = bind;
        try {
            InetAddress a = InetAddress.getByName(bind);
            if (a.isLoopbackAddress()) {
                host = "127.0.0.1";
            } else if (a.isAnyLocalAddress()) {
                host = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
            } else if (a.getHostAddress().contains(":")) {
                host = "[" + a.getHostAddress() + "]";
            }
        } catch (IOException e) {
            host = "127.0.0.1";
        }
        return (tls() ? "https" : "http") + "://" + host + ":" + actualPort;
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

    private static Set<String> names(String bind, List<String> extra, String nodeUrl) {
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
        for (String s : extra) {
            n.add(s.strip().toLowerCase(Locale.ROOT));
        }
        if (nodeUrl != null) {
            String h = java.net.URI.create(nodeUrl.strip()).getHost();
            n.add(h.toLowerCase(Locale.ROOT));
        }
        return n;
    }
}
