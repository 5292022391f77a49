package org.karakuri.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.users.Principal;
import org.karakuri.users.Sessions;
import org.karakuri.users.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's HTTP side on Javalin (Jetty): one port for the API ({@code /api}) and the console.
 * Before any route: the Host header must name this server (against DNS rebinding), a request from a
 * foreign Origin is refused, and the caller is found — a Bearer token (the service token
 * {@code KARAKURI_API_TOKEN} or a user's) for the API, the session cookie for the console. A route
 * then needs its {@link Route#need() permission}: no credential → 401, a role without it → 403.
 * Connections idle or half-sent longer than the idle timeout are closed; Jetty reads requests
 * without holding a thread, so slow clients do not block the others.
 */
public final class Http {
    private static final Logger log = LoggerFactory.getLogger(Http.class);
    public static final String SESSION_COOKIE = "karakuri_session";
    public static final String LANG_COOKIE = "karakuri_lang";
    static final String PRINCIPAL = "karakuri.principal";
    static final String SESSION = "karakuri.session";
    private static final String ERROR_SENT = "karakuri.error-sent";
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final HttpSettings settings;
    private final String serviceToken;
    private final Users users;
    private final Sessions sessions;
    private final Javalin app;

    Http(HttpSettings settings, String serviceToken, Users users, Sessions sessions, List<Route> routes) {
        this.settings = settings;
        this.serviceToken = serviceToken == null || serviceToken.isBlank() ? null : serviceToken.strip();
        this.users = users;
        this.sessions = sessions;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = 1024 * 1024;
            config.jsonMapper(new JavalinJackson(JSON, false));
            QueuedThreadPool threads = new QueuedThreadPool(32, 4, 60_000);
            threads.setName("karakuri-http");
            config.jetty.threadPool = threads;
            config.jetty.addConnector((server, http) -> connector(server, http));
        });
        app.before(this::guard);
        for (Route r : routes) {
            app.addHttpHandler(r.method(), r.path(), ctx -> {
                authorize(ctx, r);
                r.handler().handle(ctx);
            });
        }
        app.exception(HttpError.class, (e, ctx) -> error(ctx, e.status(), e));
        app.exception(KarakuriException.class, (e, ctx) -> error(ctx, 400, e));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, new KarakuriException("server.internal-error", e.getClass().getSimpleName()));
        });
        app.error(404, ctx -> {
            if (ctx.attribute(ERROR_SENT) == null) {
                error(ctx, 404, new KarakuriException("server.no-such-call", ctx.method().name(), ctx.path()));
            }
        });
        app.error(405, ctx -> {
            if (ctx.attribute(ERROR_SENT) == null) {
                error(ctx, 405, new KarakuriException("server.no-such-call", ctx.method().name(), ctx.path()));
            }
        });
    }

    private ServerConnector connector(org.eclipse.jetty.server.Server server, HttpConfiguration http) {
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector c;
        if (settings.tls()) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(settings.keystore().toString());
            tls.setKeyStorePassword(settings.keystorePassword());
            tls.setKeyStoreType("PKCS12");
            HttpConfiguration https = new HttpConfiguration(http);
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            https.addCustomizer(secure);
            c = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
        } else {
            c = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        c.setHost(settings.bind());
        c.setPort(settings.port());
        c.setIdleTimeout(settings.idleTimeout().toMillis());
        return c;
    }

    void start() {
        try {
            app.start();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof java.net.BindException || e.getMessage() != null && e.getMessage().contains("Failed to bind")) {
                throw new KarakuriException("server.port-in-use", settings.bind() + ":" + settings.port());
            }
            throw e;
        }
    }

    void stop() {
        app.stop();
    }

    int port() {
        return app.port();
    }

    String url() {
        String host = settings.bind();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        return (settings.tls() ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    /** Host and Origin first, then who is calling; security headers on every answer. */
    private void guard(Context ctx) {
        headers(ctx);
        String host = ctx.header("Host");
        String name = hostName(host);
        if (name == null || !settings.names().contains(name)) {
            throw new HttpError(400, "server.bad-host", String.valueOf(host));
        }
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equals((settings.tls() ? "https://" : "http://") + host.toLowerCase(Locale.ROOT))) {
            throw new HttpError(403, "server.foreign-origin", origin);
        }
        ctx.attribute(PRINCIPAL, caller(ctx).orElse(null));
    }

    private static void headers(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin"); // no-referrer would make browsers send Origin: null on the console's own forms
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; frame-src 'self'");
    }

    /** {@code localhost:8765} → {@code localhost}; {@code [::1]:8765} → {@code [::1]}; null when missing. */
    static String hostName(String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private Optional<Principal> caller(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = auth.substring(7).strip();
            if (serviceToken != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), serviceToken.getBytes(StandardCharsets.UTF_8))) {
                return Optional.of(Principal.service());
            }
            return users.byToken(token);
        }
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (cookie != null && !ctx.path().startsWith("/api/")) {
            Optional<Sessions.Session> s = sessions.find(cookie);
            s.ifPresent(x -> ctx.attribute(SESSION, x));
            return s.map(Sessions.Session::user);
        }
        return Optional.empty();
    }

    /** The route's permission; for a console form, its CSRF token too (a form without a session has none to match). */
    private static void authorize(Context ctx, Route r) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (!r.api() && r.method() == HandlerType.POST && r.need() != null && ctx.attribute(SESSION) == null && p != null) {
            throw new HttpError(403, "server.bad-csrf");
        }
        if (!r.api() && r.method() == HandlerType.POST && ctx.attribute(SESSION) != null) {
            Sessions.Session s = ctx.attribute(SESSION);
            String sent = ctx.formParam("csrf");
            if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), s.csrf().getBytes(StandardCharsets.UTF_8))) {
                throw new HttpError(403, "server.bad-csrf");
            }
        }
        if (r.need() == null) {
            return;
        }
        if (p == null) {
            throw new HttpError(401, r.api() ? "server.unauthorized" : "console.login-needed");
        }
        if (!p.may(r.need())) {
            throw new HttpError(403, "server.forbidden", p.name(), p.role().text());
        }
    }

    /** The caller, or null before login. */
    public static Principal principal(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    public static Optional<Sessions.Session> session(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION));
    }

    /** The caller's language: the console's switch (cookie), else Accept-Language; English by default. */
    public static Messages messages(Context ctx) {
        String chosen = ctx.cookie(LANG_COOKIE);
        if (chosen != null && (chosen.equals("ja") || chosen.equals("en"))) {
            return Messages.of(Locale.forLanguageTag(chosen));
        }
        String accept = ctx.header("Accept-Language");
        if (accept != null) {
            try {
                List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(accept);
                for (Locale.LanguageRange r : ranges) {
                    String tag = r.getRange().toLowerCase(Locale.ROOT);
                    if (tag.startsWith("ja")) {
                        return Messages.of(Locale.JAPANESE);
                    }
                    if (tag.startsWith("en")) {
                        return Messages.of(Locale.ENGLISH);
                    }
                }
            } catch (IllegalArgumentException e) {
                // a malformed header: English
            }
        }
        return Messages.of(Locale.ENGLISH);
    }

    private void error(Context ctx, int status, KarakuriException e) {
        ctx.attribute(ERROR_SENT, true);
        Messages m = messages(ctx);
        String text = m.format(e.key(), e.args());
        boolean api = ctx.path().startsWith("/api/") || ctx.path().equals("/api");
        if (!api && status == 401) {
            ctx.redirect("/login?next=" + java.net.URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8));
            return;
        }
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        ctx.status(status);
        if (api || errorPages == null) {
            ctx.json(new ApiError(text));
        } else {
            errorPages.render(ctx, status, text);
        }
    }

    /** How the console shows an error as a page (set by the console). */
    public interface ErrorPages {
        void render(Context ctx, int status, String message);
    }

    private ErrorPages errorPages;

    public void errorPages(ErrorPages pages) {
        this.errorPages = pages;
    }

    /** The body of every error: {@code {"error": "…"}} in the caller's language. */
    public record ApiError(String error) {}

    /** A cookie the console sets: HttpOnly, SameSite=Strict, Secure over TLS. */
    Cookie cookie(String name, String value, int maxAgeSeconds) {
        Cookie c = new Cookie(name, value, "/", maxAgeSeconds, settings.tls(), 0, true, null, null, SameSite.STRICT);
        return c;
    }

    static URI self(Context ctx) {
        return URI.create(ctx.scheme() + "://" + ctx.host());
    }
}
