package org.karakuri.robots.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.karakuri.robots.files.Fixtures.file;
import static org.karakuri.robots.files.Fixtures.names;
import static org.karakuri.robots.files.Fixtures.read;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.i18n.Messages;
import org.karakuri.load.Problem;
import org.karakuri.spi.Hashes;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

class WriteFileTest {
    @TempDir
    Path dir;

    private ScenarioHarness h;

    @BeforeEach
    void english() {
        Fixtures.english();
    }

    @AfterEach
    void backToEnglish() {
        Fixtures.english();
    }

    private RunResult run(String steps) {
        h = new ScenarioHarness(dir);
        return h.write("s.yaml", "scenario: s\nsteps:\n" + steps.stripIndent()).run();
    }

    @Test
    void writesUtf8WithoutBomByDefaultAndRecordsTheHash() throws IOException {
        RunResult r = run("""
              - set:
                  氏名: 山田 太郎
              - write-file:
                  path: ./out/受付.txt
                  text: "氏名: ${氏名}"
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        Path out = dir.resolve("out/受付.txt");
        byte[] bytes = Files.readAllBytes(out);
        assertThat(bytes).isEqualTo("氏名: 山田 太郎".getBytes(StandardCharsets.UTF_8));
        assertThat(h.events("file-written")).singleElement().satisfies(e -> {
            assertThat(e.get("path")).isEqualTo(out.toString());
            assertThat(e.get("sha256")).isEqualTo(Hashes.sha256(bytes));
            assertThat(e.get("encoding")).isEqualTo("UTF-8");
        });
    }

    @Test
    void writesShiftJis() throws IOException {
        RunResult r = run("""
              - write-file:
                  path: ./out/sjis.txt
                  text: 住民記録システム
                  encoding: Shift_JIS
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(Files.readAllBytes(dir.resolve("out/sjis.txt"))).isEqualTo("住民記録システム".getBytes(Charset.forName("Shift_JIS")));
    }

    @Test
    void aCharacterTheEncodingCannotHoldIsAnErrorNamingItAndItsPlaceAndNothingIsWritten() {
        RunResult r = run("""
              - write-file:
                  path: ./out/sjis.txt
                  text: |
                    住所: 本町
                    番地: ①-2
                  encoding: Shift_JIS
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("Shift_JIS cannot hold the character '①' (U+2460) at line 2, column 5")
            .contains("Windows-31J");
        assertThat(dir.resolve("out/sjis.txt")).doesNotExist();
        assertThat(names(dir.resolve("out"))).isEmpty();
    }

    @Test
    void saysTheUnmappableCharacterInJapanese() {
        Messages.setDefault(Locale.JAPANESE);
        RunResult r = run("""
              - write-file:
                  path: ./out/sjis.txt
                  text: 😀
                  encoding: Shift_JIS
            """);
        assertThat(r.error()).contains("Shift_JIS では 1 行 1 文字目の文字 '😀'（U+1F600）を書けません");
    }

    @Test
    void windows31jHoldsNecCharacters() throws IOException {
        RunResult r = run("""
              - write-file:
                  path: ./out/cp932.txt
                  text: 番地 ①-2
                  encoding: Windows-31J
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(new String(Files.readAllBytes(dir.resolve("out/cp932.txt")), "Windows-31J")).isEqualTo("番地 ①-2");
    }

    @Test
    void replacesByDefaultAppendsOrFailsWhenAsked() {
        file(dir.resolve("out/log.txt"), "1\n");
        RunResult appended = run("""
              - write-file:
                  path: ./out/log.txt
                  text: "2\\n"
                  on-conflict: append
            """);
        assertThat(appended.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(read(dir.resolve("out/log.txt"))).isEqualTo("1\n2\n");

        RunResult refused = run("""
              - write-file:
                  path: ./out/log.txt
                  text: "3\\n"
                  on-conflict: fail
            """);
        assertThat(refused.error()).contains(dir.resolve("out/log.txt") + " is already there, so nothing was written");
        assertThat(read(dir.resolve("out/log.txt"))).isEqualTo("1\n2\n");

        RunResult replaced = run("""
              - write-file:
                  path: ./out/log.txt
                  text: new
            """);
        assertThat(replaced.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(read(dir.resolve("out/log.txt"))).isEqualTo("new");
        assertThat(names(dir.resolve("out"))).containsExactly("log.txt");
    }

    @Test
    void removesTemporaryFilesLeftByAKilledProcessOfThisMachine() throws Exception {
        Process gone = new ProcessBuilder("java", "-version").redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        Path out = Files.createDirectories(dir.resolve("out"));
        String ours = AtomicFiles.temp(out).getFileName().toString();
        String leftover = ours.replaceFirst("-\\d+-([0-9a-f]+)\\.tmp$", "-" + gone.pid() + "-$1.tmp");
        file(out.resolve(leftover), "half a file");
        String living = ours.replaceFirst("-\\d+-([0-9a-f]+)\\.tmp$", "-" + ProcessHandle.current().pid() + "-abc.tmp");
        file(out.resolve(living), "being written by a living process");

        RunResult r = run("""
              - write-file:
                  path: ./out/a.txt
                  text: a
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(names(out)).containsExactly(living, "a.txt");
    }

    @Test
    void refusesAFolderAsThePath() throws IOException {
        Files.createDirectories(dir.resolve("out"));
        RunResult r = run("""
              - write-file:
                  path: ./out
                  text: a
            """);
        assertThat(r.error()).contains(dir.resolve("out") + " is a folder; 'path' must name a file");
    }

    @Test
    void anUnknownEncodingIsRefusedWhenTheScenarioIsLoadedWithItsPlace() {
        RunResult r = run("""
              - write-file:
                  path: ./out/a.txt
                  text: a
                  encoding: SJIS-2004X
            """);
        assertThat(r.status()).isEqualTo(RunResult.Status.INVALID);
        assertThat(r.problems()).singleElement().extracting(p -> p.format(Messages.of(Locale.ENGLISH)))
            .asString().contains("s.yaml:4:7: steps[0].write-file: 'SJIS-2004X' is not an encoding Karakuri can write; use UTF-8, Shift_JIS, Windows-31J or EUC-JP");
        assertThat(r.problems()).extracting(Problem::path).isNotEmpty();
    }
}
