package org.karakuri.run;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.karakuri.context.Progress;
import org.karakuri.event.EventSink;

/**
 * How a run is started.
 *
 * @param overrides  {@code --set name=value}
 * @param home       KARAKURI_HOME: {@code runs/<id>/} lives there
 * @param startedBy  who: the OS user, the API user, or {@code schedule}
 * @param trigger    how: {@code cli}, {@code schedule}, {@code api}
 * @param env        environment variables for {@code ${env:…}} and secrets
 * @param progress   where progress lines go (the terminal, or nowhere)
 * @param sinks      more listeners to the run's events (tests, the server's live view)
 * @param runId      the run's id when it was fixed before the run (the server fixes it when the run is queued); null for a new one
 * @param arrival    the file whose arrival started the run ({@code trigger.file-arrives}): {@code ${file}}; null otherwise
 */
public record RunOptions(Map<String, String> overrides, boolean dryRun, boolean headed, Path home, String startedBy,
                         String trigger, Map<String, String> env, Clock clock, Progress progress, List<EventSink> sinks, String runId,
                         Arrival arrival) {
    public RunOptions {
        overrides = Map.copyOf(overrides);
        env = Map.copyOf(env);
        sinks = List.copyOf(sinks);
    }

    /** Defaults for the command line: KARAKURI_HOME or ./.karakuri, the process environment, the system clock. */
    public static RunOptions defaults() {
        Map<String, String> env = System.getenv();
        return new RunOptions(Map.of(), false, false, home(env), System.getProperty("user.name", "?"), "cli", env,
            Clock.systemDefaultZone(), Progress.NONE, List.of(), null, null);
    }

    /** A system property that overrides KARAKURI_HOME (tests, embedding). */
    public static final String HOME_PROPERTY = org.karakuri.config.EngineConfig.HOME_PROPERTY;

    public static Path home(Map<String, String> env) {
        return org.karakuri.config.EngineConfig.home(env);
    }

    public RunOptions withOverrides(Map<String, String> o) {
        return new RunOptions(o, dryRun, headed, home, startedBy, trigger, env, clock, progress, sinks, runId, arrival);
    }

    public RunOptions withDryRun(boolean d) {
        return new RunOptions(overrides, d, headed, home, startedBy, trigger, env, clock, progress, sinks, runId, arrival);
    }

    public RunOptions withHeaded(boolean h) {
        return new RunOptions(overrides, dryRun, h, home, startedBy, trigger, env, clock, progress, sinks, runId, arrival);
    }

    public RunOptions withHome(Path h) {
        return new RunOptions(overrides, dryRun, headed, h.toAbsolutePath().normalize(), startedBy, trigger, env, clock, progress, sinks, runId, arrival);
    }

    public RunOptions withEnv(Map<String, String> e) {
        return new RunOptions(overrides, dryRun, headed, home, startedBy, trigger, e, clock, progress, sinks, runId, arrival);
    }

    public RunOptions withProgress(Progress p) {
        return new RunOptions(overrides, dryRun, headed, home, startedBy, trigger, env, clock, p, sinks, runId, arrival);
    }

    public RunOptions withSinks(List<EventSink> s) {
        return new RunOptions(overrides, dryRun, headed, home, startedBy, trigger, env, clock, progress, s, runId, arrival);
    }

    public RunOptions withClock(Clock c) {
        return new RunOptions(overrides, dryRun, headed, home, startedBy, trigger, env, c, progress, sinks, runId, arrival);
    }

    public RunOptions withTrigger(String t, String by) {
        return new RunOptions(overrides, dryRun, headed, home, by, t, env, clock, progress, sinks, runId, arrival);
    }

    public RunOptions withArrival(Arrival a) {
        return new RunOptions(overrides, dryRun, headed, home, startedBy, trigger, env, clock, progress, sinks, runId, a);
    }

    /** A file that arrived: where it is (a local path or {@code NAME:/path}), and the SHA-256 its content had when it was claimed. */
    public record Arrival(String file, String sha256, long size) {}

    public RunOptions withRunId(String id) {
        return new RunOptions(overrides, dryRun, headed, home, startedBy, trigger, env, clock, progress, sinks, id, arrival);
    }
}
