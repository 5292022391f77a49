package org.karakuri.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.karakuri.model.Scenario;
import org.karakuri.model.Trigger;
import org.quartz.Calendar;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz, set up for Karakuri: a JDBC job store ({@code JobStoreTX}) in the server's database,
 * clustered on PostgreSQL; one durable job per valid scenario (so the API can start any of
 * them), one cron trigger per scenario with a {@code trigger:}, and its calendar. Jobs are never
 * recovered on another node after a crash: browser work is not idempotent.
 */
public final class ScenarioScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScenarioScheduler.class);
    public static final String GROUP = "karakuri";
    static final String DEFINITION = "karakuri.definition";
    /** When the placeholder trigger of a file-arrives scenario would fire: never in practice. */
    private static final java.util.Date NEVER = java.util.Date.from(java.time.Instant.parse("2999-12-31T00:00:00Z"));

    /**
     * @param name       the scheduler name: the same on every node of a cluster
     * @param threads    Quartz worker threads; fires beyond the browser limit wait in the run queue
     * @param checkin    how often a clustered node checks in (a dead node is noticed after a few)
     * @param misfire    how late a fire may be before its misfire rule applies
     */
    public record Settings(String name, int threads, Duration checkin, Duration misfire) {
        /** The {@code cluster:} section of the engine's configuration, with {@code threads} workers. */
        public static Settings from(org.karakuri.config.ClusterConfig cluster, int threads) {
            return new Settings(cluster.schedulerName(), threads, Duration.ofMillis(cluster.checkinMs()), Duration.ofMillis(cluster.misfireThresholdMs()));
        }
    }

    private final Scheduler quartz;
    private final String providerName;
    private final CalendarConfig site;
    private final boolean clustered;

    public ScenarioScheduler(DataSources db, RunQueue queue, CalendarConfig site, Settings settings, String host) {
        this.site = site;
        this.clustered = db.isPostgres();
        this.providerName = "karakuri-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(providerName, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return db.connection();
            }

            @Override
            public void shutdown() {
                // the pool belongs to DataSources
            }

            @Override
            public void initialize() {
                // nothing: the pool is open
            }
        });
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, settings.name());
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(settings.threads()));
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(settings.threads()));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "karakuri-fire");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", clustered
            ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", providerName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(settings.misfire().toMillis()));
        p.setProperty("org.quartz.jobStore.isClustered", String.valueOf(clustered));
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(settings.checkin().toMillis()));
        try {
            quartz = new StdSchedulerFactory(p).getScheduler();
            quartz.setJobFactory((bundle, scheduler) -> new ScenarioJob(queue, "scheduler@" + host));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz did not start: " + e.getMessage(), e);
        }
    }

    public void start() throws SchedulerException {
        quartz.start();
    }

    /** Stops taking fires; running jobs go on. */
    public void standby() throws SchedulerException {
        quartz.standby();
    }

    public boolean isClustered() {
        return clustered;
    }

    public void addJobListener(JobListener listener) throws SchedulerException {
        quartz.getListenerManager().addJobListener(listener);
    }

    /**
     * Makes Quartz hold {@code scenario} as it is now: a durable job, and its trigger and calendar
     * when it has a {@code trigger:}. Nothing is touched when the definition did not change, so
     * several nodes loading the same folder leave the schedule alone.
     */
    public void put(Scenario scenario) throws SchedulerException {
        JobKey jobKey = new JobKey(scenario.id(), GROUP);
        TriggerKey triggerKey = new TriggerKey(scenario.id(), GROUP);
        String definition = definition(scenario.trigger(), site);
        JobDetail existing = quartz.getJobDetail(jobKey);
        if (existing != null && definition.equals(existing.getJobDataMap().getString(DEFINITION))
            && (scenario.trigger() == null) == (quartz.getTrigger(triggerKey) == null)) {
            return;
        }
        JobDetail job = JobBuilder.newJob(ScenarioJob.class).withIdentity(jobKey).storeDurably().requestRecovery(false)
            .usingJobData(DEFINITION, definition).withDescription(scenario.title()).build();
        boolean wasPaused = quartz.getTriggerState(triggerKey) == org.quartz.Trigger.TriggerState.PAUSED;
        String calendarName = "karakuri-" + scenario.id();
        if (scenario.trigger() == null) {
            quartz.addJob(job, true);
            quartz.unscheduleJob(triggerKey);
        } else {
            Trigger t = scenario.trigger();
            Calendar calendar = Schedules.calendar(t, site);
            if (calendar != null) {
                quartz.addCalendar(calendarName, calendar, true, true);
            }
            // a file-arrives scenario's trigger never fires (its runs start from FileArrivals):
            // it holds the pause state, cluster-wide, exactly as a cron trigger does
            TriggerBuilder<? extends org.quartz.Trigger> b = t.onArrival()
                ? TriggerBuilder.newTrigger().withIdentity(triggerKey).forJob(jobKey).startAt(NEVER)
                    .withSchedule(org.quartz.SimpleScheduleBuilder.simpleSchedule().withRepeatCount(0)
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                : TriggerBuilder.newTrigger().withIdentity(triggerKey).forJob(jobKey).withSchedule(Schedules.cron(t));
            if (calendar != null) {
                b.modifiedByCalendar(calendarName);
            }
            quartz.scheduleJob(job, Set.of(b.build()), true);
            if (wasPaused) {
                quartz.pauseTrigger(triggerKey);
            }
            if (calendar != null) {
                log.debug("scheduled {} ({}) with {}", scenario.id(), t.cron(), calendar);
            }
        }
        if (scenario.trigger() == null || Schedules.calendar(scenario.trigger(), site) == null) {
            quartz.deleteCalendar(calendarName);
        }
        log.info("scheduled {}: {}", scenario.id(), scenario.trigger() == null ? "on demand only"
            : scenario.trigger().onArrival() ? "when a file arrives" : scenario.trigger().cron());
    }

    /** Forgets every scenario not in {@code ids} (a file that was deleted). */
    public void retainOnly(Set<String> ids) throws SchedulerException {
        for (JobKey k : quartz.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!ids.contains(k.getName())) {
                quartz.deleteJob(k);
                quartz.deleteCalendar("karakuri-" + k.getName());
                log.info("unscheduled {}: its file is gone", k.getName());
            }
        }
    }

    public void remove(String id) throws SchedulerException {
        retainOnly(new HashSet<>(ids()).stream().filter(x -> !x.equals(id)).collect(java.util.stream.Collectors.toSet()));
    }

    public Set<String> ids() throws SchedulerException {
        Set<String> out = new HashSet<>();
        quartz.getJobKeys(GroupMatcher.jobGroupEquals(GROUP)).forEach(k -> out.add(k.getName()));
        return out;
    }

    public boolean has(String id) throws SchedulerException {
        return quartz.checkExists(new JobKey(id, GROUP));
    }

    public void pause(String id) throws SchedulerException {
        quartz.pauseJob(new JobKey(id, GROUP));
    }

    public void resume(String id) throws SchedulerException {
        quartz.resumeJob(new JobKey(id, GROUP));
    }

    public boolean paused(String id) throws SchedulerException {
        return quartz.getTriggerState(new TriggerKey(id, GROUP)) == org.quartz.Trigger.TriggerState.PAUSED;
    }

    /** Fires the scenario's job now, through Quartz (so never beside a running run of it). */
    public void triggerNow(String id, String trigger, String by) throws SchedulerException {
        triggerNow(id, trigger, by, null);
    }

    /** As {@link #triggerNow(String, String, String)}, for the run {@code runId} already queued in the runs table. */
    public void triggerNow(String id, String trigger, String by, String runId) throws SchedulerException {
        JobDataMap data = new JobDataMap();
        data.put(ScenarioJob.TRIGGER, trigger);
        data.put(ScenarioJob.BY, by);
        if (runId != null) {
            data.put(ScenarioJob.RUN_ID, runId);
        }
        quartz.triggerJob(new JobKey(id, GROUP), data);
    }

    /**
     * Fires the scenario's job for the file that arrived, through Quartz (stored in its job store, so
     * one run at a time of the scenario, on whichever node takes it).
     */
    public void triggerArrival(String id, String by, org.karakuri.run.RunOptions.Arrival arrival) throws SchedulerException {
        JobDataMap data = new JobDataMap();
        data.put(ScenarioJob.TRIGGER, "file-arrives");
        data.put(ScenarioJob.BY, by);
        data.put(ScenarioJob.ARRIVAL_FILE, arrival.file().toString());
        data.put(ScenarioJob.ARRIVAL_SHA256, arrival.sha256());
        data.put(ScenarioJob.ARRIVAL_SIZE, String.valueOf(arrival.size()));
        quartz.triggerJob(new JobKey(id, GROUP), data);
    }

    /** The next fire times Quartz holds for the scenario (none when paused or without trigger). */
    public List<ZonedDateTime> next(Scenario scenario, int count) throws SchedulerException {
        if (scenario.trigger() == null || scenario.trigger().onArrival() || paused(scenario.id())) {
            return List.of();
        }
        return Schedules.next(scenario.trigger(), site, Instant.now(), count);
    }

    /**
     * Stops Quartz. Its jobs have already returned (the run queue let them end or interrupted
     * them), so waiting only lets the scheduler thread finish its database work before the pool
     * closes; with a run that ignored its interruption Quartz is stopped without waiting.
     */
    public void close(boolean runsLeft) {
        try {
            quartz.shutdown(!runsLeft);
        } catch (SchedulerException e) {
            log.warn("stopping Quartz failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            quartz.shutdown(false);
        } catch (SchedulerException e) {
            log.warn("stopping Quartz failed: {}", e.getMessage());
        }
    }

    static String definition(Trigger t, CalendarConfig site) {
        if (t == null) {
            return "on-demand";
        }
        String siteDays = t.calendar() == null ? "" : new java.util.TreeSet<>(site.extraClosed()) + "/" + new java.util.TreeSet<>(site.extraOpen());
        String when = t.onArrival() ? "file-arrives:" + t.fileArrives().folder() + "|" + t.fileArrives().pattern() + "|" + t.fileArrives().stableFor()
            : t.cron().expression();
        return String.join("|", when, Objects.toString(t.calendar()), t.misfire().name(), t.timeZone().getId(),
            t.extraClosed().toString(), t.extraOpen().toString(), siteDays);
    }
}
