package org.karakuri.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.karakuri.context.RunResult;
import org.karakuri.demo.LegacySystem;
import org.karakuri.demo.Resident;
import org.karakuri.testing.ScenarioHarness;

/**
 * Rows over several browsers: 40 rows entered into the demo 住民記録システム answering every
 * request after 300 ms, with {@code browsers: 1, 2, 3, 4} in turn, each round in a fresh
 * KARAKURI_HOME; wall time of the whole run and its ratio against 1 browser of the same round.
 * Every run must enter its 40 rows, each once, or the benchmark stops.
 *
 * <pre>
 * java -cp … org.karakuri.bench.SeveralBrowsersBench [rounds=3] [rows=40] [answer-ms=300] [grid-url]
 * </pre>
 */
public final class SeveralBrowsersBench {
    private static final int[] BROWSERS = {1, 2, 3, 4};

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Duration answer = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 300);
        String grid = args.length > 3 ? args[3] : null;
        LegacySystem.Options options = LegacySystem.Options.defaults();
        Map<Integer, List<Long>> times = new HashMap<>();
        Path root = Files.createTempDirectory("karakuri-several-browsers");
        try (LegacySystem system = LegacySystem.startAnsweringAfter(options, answer)) {
            int next = 1;
            for (int round = 1; round <= rounds; round++) {
                StringBuilder line = new StringBuilder("round " + round + ":");
                for (int n : BROWSERS) {
                    Path dir = Files.createDirectories(root.resolve("r" + round + "-b" + n));
                    List<String> keys = csv(dir.resolve("rows.csv"), next, rows);
                    next += rows;
                    ScenarioHarness h = new ScenarioHarness(dir).env("KARAKURI_SECRET_LEGACY_USER", options.user())
                        .env("KARAKURI_SECRET_LEGACY_PASSWORD", options.password())
                        .write("bench.yaml", scenario(system.baseUri().toString().replaceAll("/$", ""), n));
                    if (grid != null) {
                        h.env("KARAKURI_GRID", grid);
                    }
                    int before = system.residents().size();
                    long t0 = System.nanoTime();
                    RunResult r = h.run();
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    List<String> entered = system.residents().subList(before, system.residents().size()).stream()
                        .map(Resident::receiptNo).sorted().toList();
                    if (r.status() != RunResult.Status.SUCCEEDED || !entered.equals(keys)) {
                        throw new IllegalStateException(n + " browsers: " + r.status() + " " + r.error() + "; entered " + entered.size()
                            + " of " + rows + "\n" + String.join("\n", h.progress()));
                    }
                    times.computeIfAbsent(n, k -> new ArrayList<>()).add(ms);
                    line.append(String.format("  %d browser(s) %6d ms", n, ms));
                }
                System.out.println(line);
            }
        }
        long one = median(times.get(1));
        System.out.println("| browsers | " + String.join(" | ", roundHeads(rounds)) + " | median ms | vs 1 browser (same rounds) |");
        for (int n : BROWSERS) {
            List<Long> t = times.get(n);
            StringBuilder row = new StringBuilder("| " + n + " |");
            for (int i = 0; i < t.size(); i++) {
                row.append(String.format(" %d (%.2f) |", t.get(i), t.get(i) / (double) times.get(1).get(i)));
            }
            row.append(String.format(" %d | **%.2f** |", median(t), median(t) / (double) one));
            System.out.println(row);
        }
    }

    private static List<String> roundHeads(int rounds) {
        List<String> heads = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            heads.add("round " + i + " ms (ratio)");
        }
        return heads;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** {@code rows} valid residents with 受付番号 B-00001… from {@code first}; their keys, sorted. */
    private static List<String> csv(Path file, int first, int rows) throws Exception {
        StringBuilder b = new StringBuilder("受付番号,氏名,フリガナ,生年月日,性別,郵便番号,住所,前住所\n");
        List<String> keys = new ArrayList<>();
        for (int i = first; i < first + rows; i++) {
            String key = String.format("B-%05d", i);
            keys.add(key);
            b.append(key).append(",山田　太郎").append(",ヤマダ タロウ,1990-12-24,").append(i % 2 == 0 ? "男" : "女")
                .append(",060-0001,北海道札幌市中央区北一条西2,大阪府大阪市北区梅田1-1\n");
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        return keys;
    }

    /** The example tennyu-entry's entry, with {@code browsers: n}. */
    private static String scenario(String system, int n) {
        return """
            scenario: several-browsers-bench
            vars:
              system: %s
            browser:
              timeout: 30s
              session:
                expired-text: セッションの有効期限が切れました
                login:
                  - open: ${system}/login
                  - fill:
                      利用者ID: ${secret:legacy.user}
                      パスワード: ${secret:legacy.password}
                  - click: ログイン
            steps:
              - open: ${system}/login
              - fill:
                  利用者ID: ${secret:legacy.user}
                  パスワード: ${secret:legacy.password}
              - click: ログイン
              - for-each-row:
                  file: rows.csv
                  key: 受付番号
                  browsers: %d
                  steps:
                    - within-frame:
                        frame: menu
                        steps:
                          - click: 新規登録
                    - within-frame:
                        frame: main
                        steps:
                          - fill:
                              受付番号: ${row.受付番号}
                              氏名: ${row.氏名}
                              フリガナ: ${row.フリガナ | zenkaku}
                              生年月日: ${row.生年月日 | wareki}
                              郵便番号: ${row.郵便番号}
                              住所: ${row.住所}
                              異動日: ${today | wareki}
                              前住所: ${row.前住所}
                          - select:
                              性別: ${row.性別}
                          - click: 登録
                          - alert: accept
                          - expect-text: 登録しました
            """.formatted(system, n);
    }
}
