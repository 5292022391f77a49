package org.karakuri.context;

import java.nio.file.Path;
import java.util.List;
import org.karakuri.load.Problem;

/**
 * How a run ended.
 *
 * @param runId    null when the scenario was invalid or the run was a dry run
 * @param folder   {@code runs/<id>}, or null
 * @param problems what made the scenario invalid (status INVALID)
 * @param error    the failure as the user reads it (status FAILED), masked
 */
public record RunResult(Status status, String runId, Path folder, List<Problem> problems, String error, Counts counts) {
    public enum Status {
        SUCCEEDED(0), FAILED(1), INVALID(2);

        private final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    public RunResult {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public int exitCode() {
        return status.exitCode();
    }

    public Path report() {
        return folder == null ? null : folder.resolve("report.html");
    }
}
