package org.karakuri.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.cli.Main;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/** Each kind of tampering with a run's trail, or with the chain of runs, is found and named. */
class AuditTrailTest {
    @TempDir
    Path dir;
    ScenarioHarness h;
    Path trail;

    @BeforeEach
    void aRun() {
        h = new ScenarioHarness(dir);
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - log: 一
              - log: 二
              - log: 三
            """).run();
        trail = r.folder().resolve("audit.jsonl");
    }

    private List<String> lines() throws Exception {
        return new ArrayList<>(Files.readAllLines(trail, StandardCharsets.UTF_8));
    }

    private void write(List<String> lines) throws Exception {
        Files.write(trail, lines, StandardCharsets.UTF_8);
    }

    @Test
    void anUntouchedTrailIsIntactAndSealed() throws Exception {
        TrailVerifier.Result r = TrailVerifier.verify(trail);
        assertThat(r.intact()).isTrue();
        assertThat(lines().get(lines().size() - 1)).contains("\"type\":\"seal\"");
        assertThat(RunChain.verifyAll(h.home(), h.env())).isEmpty();
    }

    @Test
    void anEditedRecordIsFoundAtItsLine() throws Exception {
        List<String> l = lines();
        int i = indexOf(l, "\"二\"");
        l.set(i, l.get(i).replace("二", "弐"));
        write(l);
        assertThat(TrailVerifier.verify(trail)).satisfies(r -> {
            assertThat(r.intact()).isFalse();
            assertThat(r.line()).isEqualTo(i + 1);
            assertThat(r.key()).isEqualTo("audit.edited");
        });
    }

    @Test
    void aRemovedRecordBreaksTheNumbering() throws Exception {
        List<String> l = lines();
        l.remove(2);
        write(l);
        assertThat(TrailVerifier.verify(trail)).satisfies(r -> {
            assertThat(r.line()).isEqualTo(3);
            assertThat(r.key()).isEqualTo("audit.bad-seq");
        });
    }

    @Test
    void reorderedRecordsAreFound() throws Exception {
        List<String> l = lines();
        Collections.swap(l, 2, 3);
        write(l);
        assertThat(TrailVerifier.verify(trail)).satisfies(r -> {
            assertThat(r.intact()).isFalse();
            assertThat(r.line()).isEqualTo(3);
        });
    }

    @Test
    void aRecordAppendedAfterTheSealIsFound() throws Exception {
        List<String> l = lines();
        l.add(l.get(1));
        write(l);
        assertThat(TrailVerifier.verify(trail)).satisfies(r -> {
            assertThat(r.intact()).isFalse();
            assertThat(r.line()).isEqualTo(l.size());
        });
    }

    @Test
    void aMissingSealMeansIncomplete() throws Exception {
        List<String> l = lines();
        l.remove(l.size() - 1);
        write(l);
        assertThat(TrailVerifier.verify(trail)).satisfies(r -> assertThat(r.key()).isEqualTo("audit.no-seal"));
    }

    @Test
    void aDeletedRunFolderIsFoundThroughTheChain() throws Exception {
        Path folder = trail.getParent();
        try (var files = Files.walk(folder)) {
            files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThat(RunChain.verifyAll(h.home(), h.env())).singleElement().satisfies(f -> assertThat(f.key()).isEqualTo("audit.run-missing"));
    }

    @Test
    void theCommandLineExitsZeroForIntactAndOneForTampered() throws Exception {
        String runId = trail.getParent().getFileName().toString();
        assertThat(cli("audit", "verify", runId)).isZero();
        assertThat(cli("audit", "verify", "--all")).isZero();
        List<String> l = lines();
        int i = indexOf(l, "step-started");
        l.set(i, l.get(i).replace("step-started", "step-startet"));
        write(l);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Main.execute(new String[] {"--lang", "en", "audit", "verify", runId}, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8), h.home())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("audit.jsonl:" + (i + 1)).contains("edited");
        assertThat(cli("audit", "verify", "--all")).isEqualTo(1);
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line contains " + text);
    }

    private int cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        return Main.execute(args, ps, ps, h.home());
    }
}
