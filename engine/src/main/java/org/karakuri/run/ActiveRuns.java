package org.karakuri.run;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.karakuri.context.RunState;

/** The runs going on in this process, by id, so an operator can stop one. */
public final class ActiveRuns {
    private static final Map<String, RunState> RUNS = new ConcurrentHashMap<>();

    private ActiveRuns() {}

    static void started(RunState run) {
        RUNS.put(run.info().id(), run);
    }

    static void ended(RunState run) {
        RUNS.remove(run.info().id());
    }

    /** Asks run {@code runId} to stop; false when no such run is going on here. */
    public static boolean stop(String runId, String by) {
        RunState run = RUNS.get(runId);
        if (run == null) {
            return false;
        }
        run.stop(by);
        return true;
    }
}
