package org.karakuri.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.cli.Main;
import org.karakuri.demo.LegacySystem;
import org.karakuri.demo.Resident;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/** A recording imported as it is runs for real: Chromium against the embedded 住民記録システム. */
@Tag("browser")
class ImportedRecordingRunsTest {
    LegacySystem system;

    @TempDir
    Path dir;

    @BeforeEach
    void startSystem() {
        system = LegacySystem.start();
    }

    @AfterEach
    void stopSystem() {
        system.close();
    }

    @Test
    void anImportedRecordingRegistersTheResidentThroughFramesADialogAndANewWindow() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.execute(new String[] {"import", RecordingImportTest.RECORDINGS.resolve("hand-written/juminhyo.side").toString(),
            "--to", dir.toString()}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), dir.resolve(".karakuri"));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        LegacySystem.Options demo = LegacySystem.Options.defaults();
        ScenarioHarness h = new ScenarioHarness(dir)
            .env("KARAKURI_SECRET_RECORDING_1_PASSWORD", demo.password())
            .set("base", system.baseUri().toString().replaceAll("/$", ""));
        RunResult r = h.run(dir.resolve("recording-1.yaml"));
        assertThat(r.status()).as(r.error() + " " + h.progress()).isEqualTo(RunResult.Status.SUCCEEDED);
        Resident added = system.residents().stream().filter(x -> x.receiptNo().equals("R-0901")).findFirst().orElseThrow();
        assertThat(added.name()).isEqualTo("山田　花子");
        assertThat(added.gender()).isEqualTo("女");
        assertThat(added.birthDate()).isEqualTo("昭和60年4月1日");
        assertThat(h.homeText()).doesNotContain(demo.password());
    }
}
