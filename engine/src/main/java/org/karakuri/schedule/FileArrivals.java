package org.karakuri.schedule;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.sql.Connection;
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
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.karakuri.model.Scenario;
import org.karakuri.model.Trigger;
import org.karakuri.run.RunOptions;
import org.karakuri.spi.Hashes;
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
    /** Scenario id → the route watching its folder, with the definition it was made from. */
    private final Map<String, Watch> watches = new HashMap<>();

    private record Watch(String routeId, String definition) {}

    public FileArrivals(CamelContext camel, DataSources db, ScenarioScheduler scheduler, CalendarConfig site, String node) {
        this.camel = camel;
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
        Path folder = scenario.folder().resolve(t.fileArrives().folder()).toAbsolutePath().normalize();
        String definition = folder + "|" + ScenarioScheduler.definition(t, site);
        Watch existing = watches.get(scenario.id());
        if (existing != null && existing.definition().equals(definition)) {
            return;
        }
        stop(scenario.id());
        String routeId = "karakuri-arrivals:" + scenario.id() + "#" + Integer.toHexString(definition.hashCode());
        FileEndpoint endpoint = endpoint(routeId, folder, t, scenario.id());
        String id = scenario.id();
        camel.addRoutes(new RouteBuilder(camel) {
            @Override
            public void configure() {
                from(endpoint).routeId(routeId).process(exchange -> arrived(id, exchange));
            }
        });
        watches.put(id, new Watch(routeId, definition));
        log.info("watching {} for {} (scenario {})", folder, t.fileArrives().pattern(), id);
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

    /**
     * Camel's file consumer on {@code folder}: files matching the pattern, once unchanged for
     * stable-for, each once while this engine runs (an in-memory repository keyed by name, size
     * and time: a changed file is looked at again), left in place.
     */
    private FileEndpoint endpoint(String routeId, Path folder, Trigger t, String id) {
        FileComponent component = camel.getComponent("file", FileComponent.class);
        FileEndpoint ep = new FileEndpoint("file://" + folder + "?karakuri=" + routeId, component);
        ep.setCamelContext(camel);
        ep.setFile(folder.toFile());
        ep.setAutoCreate(true);
        ep.setStartingDirectoryMustExist(false);
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
        return ep;
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
    private void arrived(String id, Exchange exchange) throws IOException, SQLException, SchedulerException {
        @SuppressWarnings("unchecked")
        GenericFile<File> gf = exchange.getIn().getBody(GenericFile.class);
        Path file = gf.getFile().toPath().toAbsolutePath().normalize();
        long size = Files.size(file);
        String sha = Hashes.sha256(file);
        if (!claim(id, file, sha, size)) {
            log.debug("{} ({}) of {} was claimed before", file, sha, id);
            return;
        }
        log.info("{} arrived ({} bytes, SHA-256 {}): starting {}", file, size, sha, id);
        scheduler.triggerArrival(id, "file@" + node, new RunOptions.Arrival(file, sha, size));
    }

    /** True when this node is the first to see this content under this name for this scenario. */
    private boolean claim(String id, Path file, String sha, long size) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(
                 "INSERT INTO file_arrivals (scenario, name, sha256, path, size_bytes, arrived_at, node) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, file.getFileName().toString());
            ps.setString(3, sha);
            ps.setString(4, file.toString());
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
}
