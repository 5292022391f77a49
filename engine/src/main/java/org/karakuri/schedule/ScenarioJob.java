package org.karakuri.schedule;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import org.karakuri.run.RunOptions;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;

/**
 * The Quartz job of one scenario: hands the fire to this node's {@link RunQueue}. Never two at
 * once for one scenario ({@link DisallowConcurrentExecution}, cluster-wide in the JDBC store).
 */
@DisallowConcurrentExecution
public final class ScenarioJob implements Job {
    static final String TRIGGER = "karakuri.trigger";
    static final String BY = "karakuri.by";
    static final String RUN_ID = "karakuri.run-id";
    /** How long a file's fire waits before it is tried again while another run of the scenario goes on. */
    private static final java.time.Duration RETRY = java.time.Duration.ofSeconds(2);
    static final String ARRIVAL_FILE = "karakuri.arrival.file";
    static final String ARRIVAL_SHA256 = "karakuri.arrival.sha256";
    static final String ARRIVAL_SIZE = "karakuri.arrival.size";

    private final RunQueue queue;
    private final String defaultBy;

    ScenarioJob(RunQueue queue, String defaultBy) {
        this.queue = queue;
        this.defaultBy = defaultBy;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        JobDataMap data = context.getMergedJobDataMap();
        String trigger = data.containsKey(TRIGGER) ? data.getString(TRIGGER) : "schedule";
        String by = data.containsKey(BY) ? data.getString(BY) : defaultBy;
        Instant scheduled = context.getScheduledFireTime() == null ? null : context.getScheduledFireTime().toInstant();
        String runId = data.containsKey(RUN_ID) ? data.getString(RUN_ID) : null;
        RunOptions.Arrival arrival = data.containsKey(ARRIVAL_FILE)
            ? new RunOptions.Arrival(data.getString(ARRIVAL_FILE), data.getString(ARRIVAL_SHA256), Long.parseLong(data.getString(ARRIVAL_SIZE)))
            : null;
        RunQueue.Outcome outcome = queue.fire(context.getJobDetail().getKey().getName(), trigger, by, scheduled, runId, arrival);
        if (arrival != null && outcome == RunQueue.Outcome.ALREADY_RUNNING) {
            // an arrival is never dropped: its fire waits in the job store and is tried again
            try {
                context.getScheduler().scheduleJob(TriggerBuilder.newTrigger().forJob(context.getJobDetail().getKey())
                    .usingJobData(new JobDataMap(context.getTrigger().getJobDataMap()))
                    .startAt(Date.from(Instant.now().plus(RETRY))).build());
            } catch (SchedulerException e) {
                throw new JobExecutionException("cannot fire " + arrival.file() + " again: " + e.getMessage(), e, false);
            }
        }
    }
}
