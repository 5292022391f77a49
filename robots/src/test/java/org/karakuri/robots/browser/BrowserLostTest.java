package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.karakuri.context.RunResult;
import org.karakuri.event.RunEvent;
import org.karakuri.testing.ScenarioHarness;

/**
 * The run's Chromium killed in the middle of a row: a new browser is started and logged in; the
 * row is entered again when nothing of it had been sent, and held for review when its 登録 had
 * been clicked (the system may hold it) — no row is ever entered twice.
 */
class BrowserLostTest extends BrowserTest {
    final List<String> entered = new CopyOnWriteArrayList<>();
    final AtomicInteger logins = new AtomicInteger();
    final Set<String> killedOn = ConcurrentHashMap.newKeySet();

    private static final String HTML = "text/html; charset=UTF-8";

    @BeforeEach
    void system() {
        server.handle("/bl/login", ex -> {
            if ("POST".equals(ex.getRequestMethod())) {
                PageServer.send(ex, 302, "text/html", new byte[0],
                    Map.of("Location", "/bl/menu", "Set-Cookie", "sid=S" + logins.incrementAndGet() + "; Path=/"));
            } else {
                PageServer.send(ex, 200, HTML, PageServer.html("ログイン", """
                    <form method="post" action="/bl/login"><table>
                    <tr><td>利用者ID：</td><td><input name="uid"></td></tr>
                    </table><input type="submit" value="ログイン"></form>"""), Map.of());
            }
        });
        server.handle("/bl/menu", ex -> PageServer.send(ex, 200, HTML, PageServer.html("メニュー", "<p>メニュー</p>"), Map.of()));
        server.handle("/bl/form", ex -> {
            String no = String.valueOf(ex.getRequestURI().getQuery()).replace("no=", "");
            if (no.equals("R-02") && killedOn.add("form R-02")) {
                killTheRunsChromium();
            }
            boolean in = String.valueOf(ex.getRequestHeaders().getFirst("Cookie")).contains("sid=");
            PageServer.send(ex, 200, HTML, !in ? PageServer.html("エラー", "<p>ログインしてください</p>")
                : PageServer.html("新規登録", """
                <form method="post" action="/bl/done"><table>
                <tr><td>受付番号：</td><td><input name="no"></td></tr>
                </table><input type="submit" value="登録"></form>"""), Map.of());
        });
        server.handle("/bl/done", ex -> {
            String no = PageServer.form(PageServer.body(ex)).get("no");
            entered.add(no);
            if (no.equals("R-04") && killedOn.add("done R-04")) {
                killTheRunsChromium(); // taken by the system, but the browser never shows the answer
            }
            PageServer.send(ex, 200, HTML, PageServer.html("結果", "<p>登録しました（" + no + "）</p>"), Map.of());
        });
    }

    /** Kills the Chromium of the run (its profile is under the test's KARAKURI_HOME), not the suite's shared one. */
    private void killTheRunsChromium() {
        String home = dir.resolve(".karakuri").toString();
        List<ProcessHandle> chromium = ProcessHandle.current().descendants()
            .filter(p -> p.info().commandLine().map(c -> c.contains(home) && !c.contains("chromedriver")).orElse(false))
            .toList();
        assertThat(chromium).as("the run's Chromium").isNotEmpty();
        chromium.forEach(ProcessHandle::destroyForcibly);
        chromium.forEach(p -> p.onExit().join());
    }



    @Test
    void aRowNotYetSentIsEnteredAgainInANewBrowserAndARowWhose登録WasClickedIsHeldForReview() throws Exception {
        Files.writeString(dir.resolve("rows.csv"), "受付番号\nR-01\nR-02\nR-03\nR-04\nR-05\n");
        ScenarioHarness h = new ScenarioHarness(dir).write("lost.yaml", """
            scenario: lost
            vars:
              system: %s
            browser:
              timeout: 5s
              session:
                expired-text: ログインしてください
                login:
                  - open: ${system}/bl/login
                  - fill:
                      利用者ID: clerk01
                  - click: ログイン
            steps:
              - open: ${system}/bl/login
              - fill:
                  利用者ID: clerk01
              - click: ログイン
              - for-each-row:
                  file: rows.csv
                  key: 受付番号
                  results: results.csv
                  steps:
                    - open: ${system}/bl/form?no=${row.受付番号}
                    - fill:
                        受付番号: ${row.受付番号}
                    - click: 登録
                    - expect-text: 登録しました
            """.formatted(server.url("")));

        RunResult r = h.run();

        assertThat(entered).as(r.error() + " " + h.progress()).containsExactly("R-01", "R-02", "R-03", "R-04", "R-05");
        assertThat(logins.get()).as("the first login, then one for each new browser").isEqualTo(3);
        assertThat(r.counts().itemsOk.get()).isEqualTo(4);
        assertThat(h.events("browser-lost")).hasSize(2);
        assertThat(h.events("item-recovering")).extracting(e -> e.get("label").toString().contains("R-02") ? "R-02" : "R-04",
            e -> e.get("then")).containsExactly(org.assertj.core.groups.Tuple.tuple("R-02", "redo"),
            org.assertj.core.groups.Tuple.tuple("R-04", "hold"));
        List<RunEvent> ended = h.events("item-ended");
        assertThat(ended).extracting(e -> e.get("outcome")).containsExactly("ok", "ok", "ok", "failed", "ok");
        assertThat(h.events("item-started")).as("the row entered again is one item in the trail").hasSize(5);

        List<String> results = Files.readAllLines(dir.resolve("results.csv"));
        assertThat(results.get(2)).startsWith("R-02").contains(",done,");
        assertThat(results.get(4)).startsWith("R-04").contains(",interrupted,");
        assertThat(Files.readString(r.folder().resolve("review.csv"))).contains("R-04").contains("26");

        // the next run does not enter R-04 blindly either: it is listed for review
        entered.clear();
        RunResult again = h.run();
        assertThat(entered).isEmpty();
        assertThat(Files.readString(again.folder().resolve("review.csv"))).contains("R-04");
    }
}
