package org.karakuri.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other nodes of a cluster, as the console reaches them: a run's page, report and files live
 * in the {@code KARAKURI_HOME/runs} of the node that ran it, so a node that does not hold them
 * asks that node for the same page, with the caller's own session (sessions are in the shared
 * database, so the node that answers checks the caller's role itself). A forwarded request is
 * never forwarded again. Over TLS a node trusts the usual certificate authorities and the
 * certificate of its own key store (the nodes of one cluster usually share it).
 */
public final class Peers {
    private static final Logger log = LoggerFactory.getLogger(Peers.class);
    /** Set on a forwarded request: the node it came from. */
    public static final String VIA = "X-Karakuri-Via";
    private static final List<String> REQUEST_HEADERS = List.of("Cookie", "Authorization", "Accept-Language", "Content-Type");
    private static final List<String> ANSWER_HEADERS = List.of("Content-Type", "Content-Disposition", "Content-Security-Policy", "X-Frame-Options",
        "Location");

    private final Nodes nodes;
    private final String self;
    private final HttpClient client;

    Peers(Nodes nodes, String self, HttpSettings http) {
        this.nodes = nodes;
        this.self = self;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER);
        if (http.tls()) {
            b.sslContext(trusting(http));
        }
        this.client = b.build();
    }

    /** What another node answered: its status, the headers that shape the page, the body. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        /** Sends it on to the caller as this node's answer. */
        public void sendTo(Context ctx) {
            ctx.status(status);
            headers.forEach(ctx::header);
            ctx.result(body);
        }
    }

    /** Another node's name when {@code node} is not this one and the request came from a person, not from a node. */
    public Optional<String> holder(Context ctx, String node) {
        return node == null || node.equals(self) || ctx.header(VIA) != null ? Optional.empty() : Optional.of(node);
    }

    /** Where {@code node} listens, if it said. */
    public Optional<String> url(String node) {
        return nodes.url(node);
    }

    /**
     * The same request (method, path, query and, for a POST, its body) answered by {@code node},
     * with the caller's session or token: that node checks who asks.
     *
     * @throws HttpError 502 when the node never said where it listens or does not answer
     */
    public Answer forward(String node, Context ctx) {
        String base = nodes.url(node).orElseThrow(() -> new HttpError(502, "console.node-unknown", node));
        String target = base.replaceAll("/+$", "") + ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30)).header(VIA, self);
        if ("POST".equals(ctx.method().name())) {
            r.POST(HttpRequest.BodyPublishers.ofByteArray(ctx.bodyAsBytes()));
        } else {
            r.GET();
        }
        for (String h : REQUEST_HEADERS) {
            String v = ctx.header(h);
            if (v != null) {
                r.header(h, v);
            }
        }
        try {
            HttpResponse<byte[]> answer = client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h : ANSWER_HEADERS) {
                answer.headers().firstValue(h).ifPresent(v -> headers.put(h, v));
            }
            return new Answer(answer.statusCode(), headers, answer.body());
        } catch (IOException e) {
            log.warn("node {} at {} does not answer: {}", node, base, e.getMessage());
            throw new HttpError(502, "console.node-unreachable", node, base);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(502, "console.node-unreachable", node, base);
        }
    }

    /** The JDK's trusted authorities and the certificates of this node's own key store. */
    private static SSLContext trusting(HttpSettings http) {
        try {
            KeyStore own = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(http.keystore())) {
                own.load(in, http.keystorePassword().toCharArray());
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            for (String alias : Collections.list(own.aliases())) {
                Certificate[] chain = own.getCertificateChain(alias);
                Certificate c = chain != null && chain.length > 0 ? chain[chain.length - 1] : own.getCertificate(alias);
                if (c != null) {
                    trusted.setCertificateEntry("own-" + alias, c);
                    if (chain != null && chain.length > 0) {
                        trusted.setCertificateEntry("own-leaf-" + alias, chain[0]);
                    }
                }
            }
            List<X509TrustManager> managers = new ArrayList<>();
            for (KeyStore ks : new KeyStore[] {trusted, null}) {
                TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                f.init(ks);
                for (TrustManager m : f.getTrustManagers()) {
                    if (m instanceof X509TrustManager x) {
                        managers.add(x);
                    }
                }
            }
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new AnyOf(managers)}, null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the key store " + http.keystore() + " was read when serve started", e);
        }
    }

    /** Trusts a server that one of the managers trusts. */
    private record AnyOf(List<X509TrustManager> managers) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a node does not take client certificates");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            CertificateException last = null;
            for (X509TrustManager m : managers) {
                try {
                    m.checkServerTrusted(chain, authType);
                    return;
                } catch (CertificateException e) {
                    last = e;
                }
            }
            throw last != null ? last : new CertificateException("no trust manager");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return managers.stream().flatMap(m -> java.util.Arrays.stream(m.getAcceptedIssuers())).toArray(X509Certificate[]::new);
        }
    }
}
