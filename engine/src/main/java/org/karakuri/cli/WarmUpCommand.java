package org.karakuri.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import org.karakuri.context.Progress;
import org.karakuri.run.RunOptions;
import org.karakuri.context.RunResult;
import org.karakuri.run.Runner;
import picocli.CommandLine.Command;

/**
 * {@code karakuri warm-up} (not listed): runs a small scenario that touches what most runs touch
 * — the loader, the compiler, Camel, a loop over a CSV with the row ledger, a file written, the
 * trail, the runs table, the report — in a throwaway KARAKURI_HOME. The launchers run it once
 * under {@code -XX:ArchiveClassesAtExit} to record the classes in a CDS archive, which every later
 * start maps instead of loading and verifying them again.
 */
@Command(name = "warm-up", hidden = true, description = "Run a throwaway scenario (for the launcher's class-data archive).")
public final class WarmUpCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("karakuri-warm-up");
        try {
            Files.writeString(dir.resolve("rows.csv"), "受付番号,氏名\nW-1,山田 太郎\nW-2,佐藤 花子\n", StandardCharsets.UTF_8);
            Path scenario = dir.resolve("warm-up.yaml");
            Files.writeString(scenario, """
                scenario: warm-up
                vars:
                  out: ./out
                steps:
                  - set:
                      today: ${today | wareki}
                  - for-each-row:
                      file: rows.csv
                      key: 受付番号
                      steps:
                        - if: ${row.氏名} contains 山田
                          then:
                            - log: ${row.受付番号}
                  - write-file:
                      path: ${out}/done.txt
                      text: ${today}
                """, StandardCharsets.UTF_8);
            Map<String, String> env = Map.of("KARAKURI_HOME", dir.resolve("home").toString());
            RunOptions options = RunOptions.defaults().withEnv(env).withHome(dir.resolve("home")).withProgress(Progress.NONE);
            RunResult result = new Runner().run(scenario, options);
            return result.exitCode();
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
