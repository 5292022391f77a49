package org.karakuri.ledger;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One line of the runs table: a run of a scenario, from its start to its end.
 *
 * @param id             the run id, also the name of its folder {@code runs/<id>/}
 * @param scenarioFile   the scenario file as it was given
 * @param fileSha256     the SHA-256 of the scenario file when the run started
 * @param trigger        how it was started: {@code cli}, {@code schedule}, {@code api}
 * @param startedBy      who: the OS user, {@code scheduler@node}, the API's caller
 * @param ended          null while it runs
 * @param itemsProcessed the items the time-saved report counts: the {@code ok} items of its
 *                       loops, or 1 for a succeeded run without a loop
 * @param manualMinutes  the scenario's {@code manual-minutes}, or null
 * @param minutesSaved   {@code manualMinutes × itemsProcessed}, or null without manual-minutes
 * @param error          why it failed or was interrupted (masked), or null
 * @param folder         {@code runs/<id>} (absolute), or null for an invalid run
 * @param owner          the process that runs it ({@link ProcessOwner}), or null
 */
public record RunRecord(String id, String scenario, String scenarioFile, String fileSha256, String trigger, String startedBy,
                        String host, Instant started, Instant ended, RunStatus status, int itemsOk, int itemsFailed,
                        int itemsInvalid, int itemsSkipped, int itemsProcessed, Integer manualMinutes, Integer minutesSaved,
                        String error, String folder, String owner) {

    /** How long it ran, or has been running until {@code now}. */
    public Duration duration(Instant now) {
        return Duration.between(started, ended != null ? ended : now);
    }

    public Path folderPath() {
        return folder == null ? null : Path.of(folder);
    }

    /** The same run with its end: status, counts, time saved and error. */
    public RunRecord ended(Instant at, RunStatus s, int ok, int failed, int invalid, int skipped, int processed, String why) {
        Integer saved = manualMinutes == null ? null : manualMinutes * processed;
        return new RunRecord(id, scenario, scenarioFile, fileSha256, trigger, startedBy, host, started, at, s, ok, failed, invalid,
            skipped, processed, manualMinutes, saved, why, folder, owner);
    }

    RunRecord interrupted(Instant at, String why) {
        return new RunRecord(id, scenario, scenarioFile, fileSha256, trigger, startedBy, host, started, at, RunStatus.INTERRUPTED,
            itemsOk, itemsFailed, itemsInvalid, itemsSkipped, itemsProcessed, manualMinutes, minutesSaved, why, folder, owner);
    }
}
