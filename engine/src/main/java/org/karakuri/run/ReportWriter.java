package org.karakuri.run;

import java.nio.file.Path;
import org.karakuri.context.Masker;
import org.karakuri.context.RunResult;
import org.karakuri.model.Scenario;
import org.karakuri.report.ReportPage;
import org.karakuri.spi.RunInfo;

/**
 * {@code report.html} of a finished run. The page is built by {@link ReportPage} from the
 * sealed trail, which holds every event of the run (the summary keeps only the first ones, and
 * every value in the trail is already masked).
 */
final class ReportWriter {
    private ReportWriter() {}

    static void write(Path file, Scenario scenario, RunInfo info, RunSummary summary, RunResult result, Masker masker) {
        ReportPage.write(file, scenario, info, result, masker::mask);
    }
}
