package org.karakuri.schedule;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.FileComponent;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.file.FileConstants;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.karakuri.config.ConnectionsConfig;
import org.karakuri.expr.Lookup;
import org.karakuri.model.Connection;
import org.karakuri.model.Scenario;
import org.karakuri.model.Trigger;
import org.karakuri.run.RunOptions;
import org.karakuri.spi.Hashes;
import org.karakuri.spi.RemoteFolders;
import org.quartz.Calendar;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code trigger.file-arrives} in {@code serve}: for each such scenario a route in the engine's
 * Camel context whose consumer is Camel's file component on the folder — a file is taken only
 * once it stopped changing ({@code readLock=changed} with {@code readLockMinAge=stable-for}) and
 * is left where it is ({@code noop}: the scenario's steps decide where it goes). An arrival is the
 * file's name and its content's SHA-256; the node whose INSERT of it into {@code file_arrivals}
 * (the engine's database) succeeds fires the scenario's Quartz job with the file, so each
 * arrival runs once across a cluster and once across restarts, and yesterday's {@code tennyu.csv}
 * and today's are two. While the scenario is paused, or its calendar closes the day, files are
 * not taken: they wait, and run when it is resumed or the next open day comes.
 */
public final class FileArrivals {
    private static final Logger log = LoggerFactory.getLogger(FileArrivals.class);
    /** SQLSTATE of a unique key violation (H2 and PostgreSQL): another node claimed the arrival. */
    private static final String DUPLICATE = "23505";

    private final CamelContext camel;
    private final DataSources db;
    private final ScenarioScheduler scheduler;
    private final CalendarConfig site;
    private final String node;
    private final Lookup secrets;
    private final ConnectionsConfig known;
    /** Scenario id → the route watching its folder, with the definition it was made from. */
    private final Map<String, Watch> watches = new HashMap<>();

    private record Watch(String routeId, String definition) {}

    /**
     * @param secrets reads the {@code ${secret:…}} of a connection whose folder is watched
     * @param known the host keys the administrator pinned, which a connection's must agree with
     */
    public FileArrivals(CamelContext camel, DataSources db, ScenarioScheduler scheduler, CalendarConfig site, String node, Lookup secrets,
                        ConnectionsConfig known) {
        this.camel = camel;
        this.secrets = secrets;
        this.known = known;
        this.db = db;
        this.scheduler = scheduler;
        this.site = site;
        this.node = node;
    }

    /** Watches the folder of {@code scenario} when it has {@code trigger.file-arrives}; stops watching otherwise. */
    public synchronized void put(Scenario scenario) throws Exception {
        Trigger t = scenario.trigger();
        if (t == null || !t.onArrival()) {
            stop(scenario.id());
            return;
        }
        Remote remote = Remote.of(scenario, t.fileArrives().folder(), known);
        Path folder = remote != null ? null : scenario.folder().resolve(t.fileArrives().folder()).toAbsolutePath().normalize();
        String definition = (remote != null ? remote.toString() : folder) + "|" + ScenarioScheduler.definition(t, site);
        Watch existing = watches.get(scenario.id());
        if (existing != null && existing.definition().equals(definition)) {
            return;
        }
        stop(scenario.id());
        String routeId = "karakuri-arrivals:" + scenario.id() + "#" + Integer.toHexString(definition.hashCode());
        String id = scenario.id();
        GenericFileEndpoint<?> endpoint = remote != null ? remote.endpoint(camel, routeId, secrets, id) : local(routeId, folder);
        configure(endpoint, t, id);
        camel.addRoutes(new RouteBuilder(camel) {
            @Override
            public void configure() {
                from(endpoint).routeId(routeId).process(exchange -> arrived(id, remote, exchange));
            }
        });
        watches.put(id, new Watch(routeId, definition));
        log.info("watching {} for {} (scenario {})", remote != null ? remote.shown(null) : folder, t.fileArrives().pattern(), id);
    }

    /** Stops watching for every scenario not in {@code ids}. */
    public synchronized void retainOnly(Set<String> ids) {
        for (String id : Set.copyOf(watches.keySet())) {
            if (!ids.contains(id)) {
                stop(id);
            }
        }
    }

    private void stop(String id) {
        Watch w = watches.remove(id);
        if (w == null) {
            return;
        }
        try {
            camel.getRouteController().stopRoute(w.routeId());
            camel.removeRoute(w.routeId());
        } catch (Exception e) {
            log.warn("could not stop watching for {}: {}", id, e.getMessage());
        }
    }

    /** Camel's file consumer on the local {@code folder} (created when missing). */
    private FileEndpoint local(String routeId, Path folder) {
        FileComponent component = camel.getComponent("file", FileComponent.class);
        FileEndpoint ep = new FileEndpoint("file://" + folder + "?karakuri=" + routeId, component);
        ep.setCamelContext(camel);
        ep.setFile(folder.toFile());
        ep.setAutoCreate(true);
        ep.setStartingDirectoryMustExist(false);
        return ep;
    }

    /**
     * The consumer's settings, the same for a local folder and one on a server: files matching
     * the pattern, once unchanged for stable-for ({@code readLock=changed}; on a server, by the
     * size and time it lists), each once while this engine runs (an in-memory repository keyed by
     * name, size and time: a changed file is looked at again), left in place.
     */
    private <T> void configure(GenericFileEndpoint<T> ep, Trigger t, String id) {
        ep.setNoop(true);
        ep.setIdempotent(true);
        ep.setIdempotentKey(camel.resolveLanguage("simple").createExpression("${file:name}-${file:size}-${file:modified}"));
        ep.setIdempotentRepository(MemoryIdempotentRepository.memoryIdempotentRepository(10_000));
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + t.fileArrives().pattern());
        ep.setFilter(file -> !file.isDirectory() && !file.getFileNameOnly().startsWith(".")
            && glob.matches(Path.of(file.getFileNameOnly())) && open(id, t));
        long stable = t.fileArrives().stableFor().toMillis();
        long interval = Math.max(100, Math.min(1000, stable / 4));
        ep.setReadLock("changed");
        ep.setReadLockMinAge(stable);
        ep.setReadLockMinLength(0);
        ep.setReadLockCheckInterval(interval);
        ep.setReadLockTimeout(stable + 4 * interval);
        ep.setReadLockLoggingLevel(LoggingLevel.DEBUG);
        ep.setDelay(interval);
    }

    /** Whether files are taken now: the scenario is not paused and its calendar opens today. */
    private boolean open(String id, Trigger t) {
        try {
            if (scheduler.paused(id)) {
                return false;
            }
        } catch (SchedulerException e) {
            return false;
        }
        Calendar calendar = Schedules.calendar(t, site);
        return calendar == null || calendar.isTimeIncluded(System.currentTimeMillis());
    }

    /** A complete file: claimed in the database, and the scenario fired with it by the node that claimed it. */
    private void arrived(String id, Remote remote, Exchange exchange) throws IOException, SQLException, SchedulerException {
        String where;
        String name;
        String sha;
        long size;
        if (remote == null) {
            @SuppressWarnings("unchecked")
            GenericFile<File> gf = exchange.getIn().getBody(GenericFile.class);
            Path file = gf.getFile().toPath().toAbsolutePath().normalize();
            where = file.toString();
            name = file.getFileName().toString();
            size = Files.size(file);
            sha = Hashes.sha256(file);
        } else {
            name = exchange.getIn().getHeader(FileConstants.FILE_NAME_ONLY, String.class);
            where = remote.shown(name);
            MessageDigest md = Hashes.digest();
            try (InputStream in = exchange.getIn().getBody(InputStream.class)) {
                size = in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), md));
            }
            sha = HexFormat.of().formatHex(md.digest());
        }
        if (!claim(id, name, where, sha, size)) {
            log.debug("{} ({}) of {} was claimed before", where, sha, id);
            return;
        }
        log.info("{} arrived ({} bytes, SHA-256 {}): starting {}", where, size, sha, id);
        scheduler.triggerArrival(id, "file@" + node, new RunOptions.Arrival(where, sha, size));
    }

    /** True when this node is the first to see this content under this name for this scenario. */
    private boolean claim(String id, String name, String where, String sha, long size) throws SQLException {
        try (java.sql.Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(
                 "INSERT INTO file_arrivals (scenario, name, sha256, path, size_bytes, arrived_at, node) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setString(3, sha);
            ps.setString(4, where);
            ps.setLong(5, size);
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.setString(7, node);
            ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return true;
        } catch (SQLException e) {
            if (DUPLICATE.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** {@code folder: NAME:/path} on one of the scenario's connections. */
    private record Remote(String name, Connection connection, String path) {
        static Remote of(Scenario scenario, String folder, ConnectionsConfig known) {
            var m = java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9_-]+):(.*)", java.util.regex.Pattern.DOTALL).matcher(folder);
            if (!m.matches()) {
                return null;
            }
            return scenario.connections().get(m.group(1))
                .map(c -> new Remote(m.group(1), c.withHostKey(known.hostKey(m.group(1), c)), m.group(2).isEmpty() ? "." : m.group(2)))
                .orElse(null);
        }

        /** {@code NAME:/path/name}, or the folder itself when {@code file} is null. */
        String shown(String file) {
            return name + ":" + (file == null ? path : path.endsWith("/") ? path + file : path + "/" + file);
        }

        GenericFileEndpoint<?> endpoint(CamelContext camel, String routeId, Lookup secrets, String id) {
            RemoteFolders folders = RemoteFolders.installed().orElseThrow(
                () -> new IllegalStateException("no support for folders on servers installed (the robots' jar is missing)"));
            String[] last = new String[1];
            return folders.folder(camel, name, connection, path, secrets, problem -> {
                if (!problem.equals(last[0])) {
                    last[0] = problem;
                    log.warn("cannot look in {} for scenario {}: {}", shown(null), id, problem);
                }
            });
        }

        @Override
        public String toString() {
            return shown(null) + "|" + connection.shown() + "|" + connection.hostKey() + "|" + connection.user() + "|" + connection.domain() + "|" + connection.key()
                + "|" + connection.password();
        }
    }
}
