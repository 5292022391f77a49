package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.karakuri.context.RunResult;
import org.karakuri.event.RunEvent;
import org.karakuri.testing.ScenarioHarness;

/**
 * {@code for-each-row} with {@code browsers: 3} in real Chromium: three logged-in sessions take the
 * rows from one queue, each row is entered once, results and review keep the file's order, and
 * the trail says which browser took which row.
 */
class SeveralBrowsersTest extends BrowserTest {
    /** What the system registered: the session that sent it, and the 受付番号. */
    record Entry(String session, String receipt) {}

    final List<Entry> entered = new CopyOnWriteArrayList<>();
    final List<String> logins = new CopyOnWriteArrayList<>();
    /** The session of every row posted, the refused one too. */
    final List<String> posting = new CopyOnWriteArrayList<>();
    final AtomicInteger sessions = new AtomicInteger();
    /**
     * The system takes no entry before all three browsers logged in, so that each of them gets rows however slow one
     * starts; the browsers' timeout (60s) covers that wait, the refused row's check keeps its own 5s.
     */
    final CountDownLatch allLoggedIn = new CountDownLatch(3);
    /** The Grid of the test that uses one, and the most browser sessions it held while a row was sent. */
    volatile GridServer grid;
    final AtomicInteger gridDrivers = new AtomicInteger();

    private static final String HTML = "text/html; charset=UTF-8";

    @BeforeEach
    void system() {
        server.handle("/mb/login", ex -> {
            if ("POST".equals(ex.getRequestMethod())) {
                String session = "S" + sessions.incrementAndGet();
                logins.add(PageServer.form(PageServer.body(ex)).get("uid"));
                allLoggedIn.countDown();
                PageServer.send(ex, 302, "text/html", new byte[0], Map.of("Location", "/mb/form", "Set-Cookie", "sid=" + session + "; Path=/"));
            } else {
                PageServer.send(ex, 200, HTML, PageServer.html("ログイン", """
                    <form method="post" action="/mb/login"><table>
                    <tr><td>利用者ID：</td><td><input name="uid"></td></tr>
                    <tr><td>パスワード：</td><td><input type="password" name="pwd"></td></tr>
                    </table><input type="submit" value="ログイン"></form>"""), Map.of());
            }
        });
        server.handle("/mb/form", ex -> {
            String session = session(ex.getRequestHeaders().getFirst("Cookie"));
            PageServer.send(ex, 200, HTML, session == null ? PageServer.html("エラー", "<p>ログインしてください</p>")
                : PageServer.html("新規登録", """
                    <form method="post" action="/mb/done"><table>
                    <tr><td>受付番号：</td><td><input name="no"></td></tr>
                    <tr><td>氏名：</td><td><input name="name"></td></tr>
                    </table><input type="submit" value="登録"></form>"""), Map.of());
        });
        server.handle("/mb/done", ex -> {
            String session = session(ex.getRequestHeaders().getFirst("Cookie"));
            Map<String, String> f = PageServer.form(PageServer.body(ex));
            boolean refused = f.get("name").contains("拒否");
            try {
                allLoggedIn.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (grid != null) {
                gridDrivers.accumulateAndGet((int) grid.driversRunning(), Math::max);
            }
            posting.add(session);
            if (!refused) {
                entered.add(new Entry(session, f.get("no")));
            }
            PageServer.send(ex, 200, "text/html; charset=UTF-8",
                PageServer.html("結果", refused ? "<p>入力できません</p>" : "<p>登録しました（" + f.get("no") + "）</p>"), Map.of());
        });
    }

    private static String session(String cookie) {
        return cookie == null || !cookie.contains("sid=") ? null : cookie.replaceAll(".*sid=([A-Z0-9]+).*", "$1");
    }



    private ScenarioHarness scenario(int rows) throws Exception {
        StringBuilder csv = new StringBuilder("受付番号,氏名\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(String.format("R-%02d,%s\n", i, i == 5 ? "拒否　花子" : "住民　" + i));
        }
        Files.writeString(dir.resolve("rows.csv"), csv.toString());
        return new ScenarioHarness(dir).env("KARAKURI_SECRET_MB_ONE", "first-Secret").env("KARAKURI_SECRET_MB_TWO", "second-Secret")
            .write("several.yaml", """
            scenario: several
            vars:
              system: %s
            browser:
              timeout: 60s
              session:
                expired-text: ログインしてください
                accounts:
                  - {user: clerk-1, password: "${secret:mb.one}"}
                  - {user: clerk-2, password: "${secret:mb.two}"}
                  - {user: clerk-3, password: "${secret:mb.two}"}
                login:
                  - open: ${system}/mb/login
                  - fill:
                      利用者ID: ${account.user}
                      パスワード: ${account.password}
                  - click: ログイン
            steps:
              - open: ${system}/mb/login
              - fill:
                  利用者ID: clerk-1
                  パスワード: pw
              - click: ログイン
              - for-each-row:
                  file: rows.csv
                  key: 受付番号
                  browsers: 3
                  results: results.csv
                  steps:
                    - open: ${system}/mb/form
                    - fill:
                        受付番号: ${row.受付番号}
                        氏名: ${row.氏名}
                    - click: 登録
                    - expect-text: 登録しました
                      timeout: 5s
                    - set:
                        last: ${row.受付番号}
                    - expect-text: ${last}
            """.formatted(server.url("")));
    }

    @Test
    void threeLoggedInBrowsersEnterEveryRowOnceAndTheFilesKeepTheRowOrder() throws Exception {
        ScenarioHarness h = scenario(12);
        RunResult r = h.run();

        assertThat(r.counts().itemsOk.get()).as(r.error() + " " + h.progress()).isEqualTo(11);
        assertThat(r.counts().itemsFailed.get()).isEqualTo(1);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            if (i != 5) {
                expected.add(String.format("R-%02d", i));
            }
        }
        assertThat(entered).extracting(Entry::receipt).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(logins).as("browser 1 logged in before the loop, browsers 2 and 3 by browser.session.login with their accounts")
            .containsExactlyInAnyOrder("clerk-1", "clerk-2", "clerk-3");
        // each browser posted rows (one of them may have had only the refused row)
        assertThat(Set.copyOf(posting)).containsExactlyInAnyOrder("S1", "S2", "S3");

        List<String> results = Files.readAllLines(dir.resolve("results.csv"));
        assertThat(results.subList(1, results.size())).extracting(l -> l.replace("\uFEFF", "").split(",")[0])
            .containsExactly("R-01", "R-02", "R-03", "R-04", "R-05", "R-06", "R-07", "R-08", "R-09", "R-10", "R-11", "R-12");
        assertThat(results.get(5)).contains(",failed,");
        assertThat(Files.readString(r.folder().resolve("review.csv"))).contains("R-05").doesNotContain("R-06");

        assertThat(h.homeText()).doesNotContain("second-Secret");
        String report = Files.readString(r.folder().resolve("report.html"));
        assertThat(report).contains("class=\"browser\"");
        assertThat(report.indexOf("R-01")).isLessThan(report.indexOf("R-02"));
        assertThat(report.indexOf("R-11")).isLessThan(report.indexOf("R-12"));

        List<RunEvent> ended = h.events("item-ended");
        assertThat(ended).hasSize(12);
        Set<Object> browsers = ended.stream().map(e -> e.get("browser")).collect(Collectors.toSet());
        assertThat(browsers).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(h.progress()).as("progress n/N across the browsers, naming the browser of each row")
            .anySatisfy(l -> assertThat(l).matches("  ✓ \\d+/12  row \\d+ .*\\[browser [123]\\]"));
        assertThat(h.events("step-started")).filteredOn(e -> String.valueOf(e.get("path")).contains("for-each-row.steps"))
            .isNotEmpty().allSatisfy(e -> assertThat(e.get("browser")).isNotNull());
    }

    @Test
    void onARealSeleniumGridThreeSessionsEnterEveryRowOnce() throws Exception {
        try (GridServer g = new GridServer(3, 30)) {
            grid = g;
            ScenarioHarness h = scenario(9).env("KARAKURI_GRID", g.url());
            RunResult r = h.run();

            assertThat(r.counts().itemsOk.get()).as(r.error() + " " + h.progress()).isEqualTo(8);
            assertThat(entered).extracting(Entry::receipt)
                .containsExactlyInAnyOrder("R-01", "R-02", "R-03", "R-04", "R-06", "R-07", "R-08", "R-09");
            assertThat(logins).containsExactlyInAnyOrder("clerk-1", "clerk-2", "clerk-3");
            assertThat(gridDrivers.get()).as("browser sessions the Grid held while rows were sent").isEqualTo(3);
            List<String> results = Files.readAllLines(dir.resolve("results.csv"));
            assertThat(results.subList(1, results.size())).extracting(l -> l.replace("\uFEFF", "").split(",")[0])
                .containsExactly("R-01", "R-02", "R-03", "R-04", "R-05", "R-06", "R-07", "R-08", "R-09");
            assertThat(h.events("item-ended")).extracting(e -> e.get("browser")).contains(1, 2, 3);
            assertThat(h.homeText()).doesNotContain("second-Secret");
        } finally {
            grid = null;
        }
    }
}
