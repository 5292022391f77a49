package org.karakuri.demo;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo 住民記録システム (resident registry): an embedded web application that behaves like the
 * old systems city halls drive by hand. Shift_JIS pages, a login, an HTML 4 frameset, a session
 * that times out, table layouts whose labels end in a full-width colon, legacy field names, a
 * JavaScript confirm before registering, paged search results, a CSV download, a file import
 * and a print preview in a new window. What robots enter stays in memory for tests to read back.
 *
 * <pre>{@code
 * try (LegacySystem legacy = LegacySystem.start()) {
 *     URI login = legacy.baseUri().resolve("login");
 *     ...
 *     assertThat(legacy.residents()).extracting(Resident::receiptNo).containsExactly("R-0001");
 * }
 * }</pre>
 */
public final class LegacySystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LegacySystem.class);
    private static final int DEFAULT_MAIN_PORT = 8089;

    /**
     * How to run the system.
     *
     * @param port            TCP port on 127.0.0.1; 0 picks a free one
     * @param user            the one 利用者ID that may log in
     * @param password        its パスワード
     * @param sessionTimeout  inactivity after which a session expires
     * @param pageSize        rows per page of search results
     * @param seed            residents the registry starts with; searchable, but not part of
     *                        {@link #residents()} nor of the download
     */
    public record Options(int port, String user, String password, Duration sessionTimeout, int pageSize, List<Resident> seed) {

        public Options {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, was: " + port);
            }
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("user must not be blank, was: '" + user + "'");
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("password must not be empty");
            }
            if (sessionTimeout == null || sessionTimeout.isNegative() || sessionTimeout.isZero()) {
                throw new IllegalArgumentException("sessionTimeout must be positive, was: " + sessionTimeout);
            }
            if (pageSize < 1) {
                throw new IllegalArgumentException("pageSize must be at least 1, was: " + pageSize);
            }
            seed = List.copyOf(seed);
        }

        /** Any free port, clerk01 / karakuri, 15 minutes, 10 rows a page, {@link DemoResidents#SEED}. */
        public static Options defaults() {
            return new Options(0, "clerk01", "madoguchi-2026", Duration.ofMinutes(15), 10, DemoResidents.SEED);
        }

        public Options withPort(int port) {
            return new Options(port, user, password, sessionTimeout, pageSize, seed);
        }

        public Options withCredentials(String user, String password) {
            return new Options(port, user, password, sessionTimeout, pageSize, seed);
        }

        public Options withSessionTimeout(Duration sessionTimeout) {
            return new Options(port, user, password, sessionTimeout, pageSize, seed);
        }

        public Options withPageSize(int pageSize) {
            return new Options(port, user, password, sessionTimeout, pageSize, seed);
        }

        public Options withSeed(List<Resident> seed) {
            return new Options(port, user, password, sessionTimeout, pageSize, seed);
        }
    }

    private final Javalin app;
    private final Sessions sessions;
    private final Registry registry;
    private final Uploads uploads = new Uploads();
    private final URI baseUri;

    private LegacySystem(Options options, Clock clock) {
        this(options, clock, Duration.ZERO);
    }

    private LegacySystem(Options options, Clock clock, Duration answerAfter) {
        this.sessions = new Sessions(clock, options.sessionTimeout());
        this.registry = new Registry(options.seed());
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = 64L * 1024 * 1024;
            config.http.disableCompression();
        });
        if (!answerAfter.isZero()) {
            app.before(ctx -> Thread.sleep(answerAfter.toMillis()));
        }
        new Screens(options, clock, sessions, registry, uploads).routes(app);
        app.exception(Exception.class, (e, ctx) -> {
            log.error("demo legacy system failed on {} {}", ctx.method(), ctx.path(), e);
            Html.send(ctx, HttpStatus.INTERNAL_SERVER_ERROR, Pages.systemError());
        });
        app.start("127.0.0.1", options.port());
        this.baseUri = URI.create("http://127.0.0.1:" + app.port() + "/");
    }

    /** Starts the system on 127.0.0.1 and returns once it accepts connections. */
    public static LegacySystem start(Options options) {
        return start(options, Clock.systemDefaultZone());
    }

    /**
     * Starts a system that answers every request only after {@code answerAfter}, like a busy
     * server of a city hall: for benchmarks of several browsers against one system.
     */
    public static LegacySystem startAnsweringAfter(Options options, Duration answerAfter) {
        return new LegacySystem(options, Clock.systemDefaultZone(), answerAfter);
    }

    /** Starts the system with {@link Options#defaults()}. */
    public static LegacySystem start() {
        return start(Options.defaults());
    }

    /** For tests: session timeouts and "today" follow {@code clock}. */
    static LegacySystem start(Options options, Clock clock) {
        return new LegacySystem(options, clock);
    }

    /** Where the system answers, ending in a slash: {@code baseUri().resolve("login")}. */
    public URI baseUri() {
        return baseUri;
    }

    /** The residents registered through the 新規登録 screen, in order; the seed is not included. */
    public List<Resident> residents() {
        return registry.registered();
    }

    /** The names of the files the ファイル取込 screen accepted, in order. */
    public List<String> uploads() {
        return uploads.names();
    }

    /** The bytes of the latest accepted upload with this name; {@link java.util.NoSuchElementException} if none. */
    public byte[] upload(String name) {
        return uploads.bytes(name);
    }

    /** Every current session expires now: the next request in it gets the session error page. */
    public void expireSessions() {
        sessions.expireAll();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** Runs the system alone: {@code LegacySystem [port]} (default 8089) until the process is stopped. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_MAIN_PORT;
        Options options = Options.defaults().withPort(port);
        LegacySystem system = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(system::close, "legacy-system-stop"));
        System.out.println("住民記録システム (Karakuri demo) : " + system.baseUri().resolve("login"));
        System.out.println("利用者ID / user     : " + options.user());
        System.out.println("パスワード / password : " + options.password());
    }
}
