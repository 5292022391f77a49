package org.karakuri.schedule;

import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job of one scenario: hands the fire to this node's {@link RunQueue}. Never two at
 * once for one scenario ({@link DisallowConcurrentExecution}, cluster-wide in the JDBC store).
 */
@DisallowConcurrentExecution
public final class ScenarioJob implements Job {
    static final String TRIGGER = "karakuri.trigger";
    static final String BY = "karakuri.by";
    static final String RUN_ID = "karakuri.run-id";

    private final RunQueue queue;
    private final String defaultBy;

    ScenarioJob(RunQueue queue, String defaultBy) {
        this.queue = queue;
        this.defaultBy = defaultBy;
    }

    @Override
    public void execute(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        String trigger = data.containsKey(TRIGGER) ? data.getString(TRIGGER) : "schedule";
        String by = data.containsKey(BY) ? data.getString(BY) : defaultBy;
        Instant scheduled = context.getScheduledFireTime() == null ? null : context.getScheduledFireTime().toInstant();
        String runId = data.containsKey(RUN_ID) ? data.getString(RUN_ID) : null;
        queue.fire(context.getJobDetail().getKey().getName(), trigger, by, scheduled, runId);
    }
}
