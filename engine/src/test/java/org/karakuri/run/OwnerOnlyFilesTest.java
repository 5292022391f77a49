package org.karakuri.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/** What a run leaves is readable by the engine's user only (issue 14.8). */
class OwnerOnlyFilesTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void theRunFolderAndTheDatabaseAreTheEngineUsersOnly() throws Exception {
        ScenarioHarness h = new ScenarioHarness(dir);
        RunResult r = h.write("s.yaml", "scenario: s\nsteps:\n  - log: 受付番号 R-1\n").run();
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(mode(r.folder())).isEqualTo("rwx------");
        assertThat(mode(h.home().resolve("runs"))).isEqualTo("rwx------");
        assertThat(mode(h.home())).isEqualTo("rwx------");
        assertThat(mode(h.home().resolve("ledger.mv.db"))).isEqualTo("rw-------");
    }
}
