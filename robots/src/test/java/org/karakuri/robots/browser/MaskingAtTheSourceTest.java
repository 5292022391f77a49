package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.karakuri.cli.Main;
import org.karakuri.jp.MyNumber;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.ledger.RunRecord;

/**
 * Masking at the source, end to end: {@code ./karakuri run} in a process of its own (the
 * production logging set-up, so the ordinary log lands in {@code KARAKURI_HOME/logs}) drives a
 * legacy system through Chromium with a secret, two valid My Numbers (half width with spaces,
 * full width) and a {@code mask:} column, logs them, posts them over {@code http} and gets them
 * echoed back, fails on them. Then the whole {@code KARAKURI_HOME} (every file's content and
 * every file's name: trail, report, ledger database, ordinary log, review file, evidence) and
 * everything the terminal showed hold none of them.
 */
class MaskingAtTheSourceTest extends BrowserTest {
    private static final String SECRET = "p@ss-秘密-7731";
    private static final String HALF = "1234 5678 9018";
    private static final String PHONE = "03-5555-0199";

    private static String fullWidthMyNumber() {
        String digits = "98765432109" + MyNumber.checkDigit("98765432109");
        StringBuilder b = new StringBuilder();
        for (char c : digits.toCharArray()) {
            b.append((char) ('０' + (c - '0')));
        }
        return b.substring(0, 4) + "　" + b.substring(4, 8) + "　" + b.substring(8);
    }

    private String legacySystem() {
        server.handle("/m/login", ex -> {
            if ("POST".equals(ex.getRequestMethod())) {
                PageServer.send(ex, 302, "text/html", new byte[0], Map.of("Location", "/m/form"));
            } else {
                PageServer.send(ex, 200, "text/html; charset=UTF-8", page("ログイン", """
                    <form method="post" action="/m/login"><table>
                    <tr><td>利用者ID：</td><td><input name="uid"></td></tr>
                    <tr><td>パスワード：</td><td><input type="password" name="pwd"></td></tr>
                    </table><input type="submit" value="ログイン"></form>"""), Map.of());
            }
        });
        server.handle("/m/form", ex -> PageServer.send(ex, 200, "text/html; charset=UTF-8", page("登録", """
            <form method="post" action="/m/done"><table>
            <tr><td>氏名：</td><td><input name="name" size="30"></td></tr>
            <tr><td>個人番号：</td><td><input name="number" size="30"></td></tr>
            <tr><td>電話番号：</td><td><input name="phone" size="30"></td></tr>
            </table><input type="submit" value="登録"></form>"""), Map.of()));
        // the legacy system shows back what was entered, as they do
        server.handle("/m/done", ex -> PageServer.send(ex, 200, "text/html; charset=UTF-8",
            page("完了", "<p>登録しました</p><p>" + URLDecoder.decode(last("/m/done"), StandardCharsets.UTF_8).replace("&", " / ") + "</p>"), Map.of()));
        server.handle("/m/echo", ex -> {
            boolean fail = String.valueOf(ex.getRequestURI().getQuery()).contains("fail");
            PageServer.send(ex, fail ? 500 : 200, "text/plain; charset=UTF-8", ("受け付けました: " + last("/m/echo")).getBytes(StandardCharsets.UTF_8),
                Map.of());
        });
        return server.url("");
    }

    private String last(String path) {
        List<PageServer.Request> all = server.requests(path);
        return all.isEmpty() ? "" : all.get(all.size() - 1).text();
    }

    private static byte[] page(String title, String body) {
        return ("<html><head><meta charset='UTF-8'><title>" + title + "</title></head><body>" + body + "</body></html>")
            .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void noSecretNoMyNumberAndNoMaskedColumnAnywhereInKarakuriHomeOrOnTheTerminal() throws Exception {
        String full = fullWidthMyNumber();
        Files.writeString(dir.resolve("rows.csv"), "受付番号,氏名,個人番号,電話番号\n"
            + "R-1,山田 太郎," + HALF + "," + PHONE + "\n"
            + "R-2,鈴木 花子," + full + ",090-5555-0142\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("masking.yaml"), """
            scenario: masking
            manual-minutes: 3
            mask: [電話番号]
            vars:
              system: %s
            browser:
              timeout: 5s
            steps:
              - open: ${system}/m/login
              - fill:
                  利用者ID: clerk01
                  パスワード: ${secret:legacy.password}
              - click: ログイン
              - for-each-row:
                  file: rows.csv
                  key: 受付番号
                  steps:
                    - open: ${system}/m/form
                    - fill:
                        氏名: ${row.氏名}
                        個人番号: ${row.個人番号}
                        電話番号: ${row.電話番号}
                    - screenshot: 入力 ${row.個人番号}
                    - click: 登録
                    - expect-text: 登録しました
                    - log: "${row.受付番号}: ${row.個人番号} ${row.電話番号} を登録しました (${secret:legacy.password})"
                    - http:
                        method: POST
                        url: ${system}/m/echo?pw=${secret:legacy.password}
                        body: "${row.個人番号},${row.電話番号},${secret:legacy.password}"
                        into: answer
                    - log: 返答 ${answer}
                    - http:
                        method: POST
                        url: ${system}/m/echo?fail
                        body: "${row.個人番号},${row.電話番号}"
                      continue-on-error: true
                    - if: ${row.受付番号} == R-2
                      then:
                        - fail: "${row.個人番号} ${row.電話番号} の照会に失敗しました (${secret:legacy.password})"
            """.formatted(legacySystem()), StandardCharsets.UTF_8);
        Path home = dir.resolve("home");

        String terminal = karakuri(home, "run", "masking.yaml");

        assertThat(terminal).contains("■ 失敗", "✗ 2");
        assertThat(server.requests("/m/done")).hasSize(2);
        assertThat(server.requests("/m/echo").get(0).text()).as("the robot sends the real values to the system").contains(HALF, PHONE, SECRET);
        String runId;
        try (Ledger ledger = Ledger.open(LedgerSettings.h2(home))) {
            RunRecord run = ledger.runs().latest(null, 1).get(0);
            runId = run.id();
            assertThat(run.error()).isNotBlank();
            assertThat(ledger.rows("masking")).extracting(o -> String.valueOf(o.message())).anySatisfy(m -> assertThat(m).contains("********"));
        }
        terminal += inProcess(home, "runs");
        terminal += inProcess(home, "runs", "show", runId);
        terminal += inProcess(home, "audit", "verify", "--all");

        Path run = home.resolve("runs").resolve(runId);
        assertThat(run.resolve("evidence")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("入力 ________"));
        assertThat(home.resolve("logs/karakuri.log")).as("the ordinary log").exists();
        assertThat(Files.readString(run.resolve("audit.jsonl"))).contains("********");
        String everything = everythingIn(home);
        String digits = full.replaceAll("[^０-９]", "").chars().mapToObj(c -> String.valueOf((char) ('0' + (c - '０')))).reduce("", String::concat);
        for (String clear : List.of(SECRET, "p%40ss", HALF, HALF.replace(" ", ""), full, full.replace("　", ""), digits, PHONE, "090-5555-0142")) {
            assertThat(everything).as("KARAKURI_HOME holds " + clear).doesNotContain(clear);
            assertThat(terminal).as("the terminal shows " + clear).doesNotContain(clear);
        }
    }

    /** {@code ./karakuri ARGS} in a JVM of its own, with the production logging set-up; what it printed. */
    private String karakuri(Path home, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8",
            "-Dlogback.configurationFile=logback.xml", "-cp", classPath, "org.karakuri.cli.Main", "--lang", "ja"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("KARAKURI_HOME", home.toString());
        pb.environment().put("KARAKURI_SECRET_LEGACY_PASSWORD", SECRET);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String inProcess(Path home, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), home);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Every file's name and content under {@code home}, as UTF-8 text. */
    private static String everythingIn(Path home) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : files.toList()) {
                b.append(home.relativize(p)).append('\n');
                if (Files.isRegularFile(p)) {
                    b.append(new String(Files.readAllBytes(p), StandardCharsets.UTF_8)).append('\n');
                }
            }
        }
        return b.toString();
    }
}
