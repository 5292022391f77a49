package org.karakuri.robots.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.karakuri.expr.Template;
import org.karakuri.model.BrowserSettings;
import org.karakuri.i18n.Position;
import org.karakuri.model.Entries;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue #3's benchmark: the same RPA-Challenge-style job (10 records × 7 fields, reshuffled after
 * every submit) done by a plain Selenium script the usual way (find each field by its label,
 * clear, sendKeys, Select) and by Karakuri's {@code fill} and {@code click} steps, in one JVM
 * and one browser, alternating, N rounds each. Prints every round and the medians: the time spent
 * filling, and the whole job with the submits (a native WebDriver click on both sides).
 *
 * <pre>java … org.karakuri.robots.browser.FormFillingBenchmark [rounds] [--playwright node_modules/playwright-core]</pre>
 * With {@code --playwright}, the same job written with Playwright (src/test/playwright/challenge.cjs) runs
 * alternately as a third side.
 */
public final class FormFillingBenchmark {

    /**
     * One job: the time spent filling the fields, the whole time (with the submits, the same
     * native click on both sides), and whether every field of every record arrived right.
     */
    record Outcome(long fillMillis, long millis, boolean allRight, String problem) {}

    private final BrowserSession browser;
    private final String url;
    private final TestContext ctx;

    FormFillingBenchmark(BrowserSession browser, String url, Path folder) {
        this.browser = browser;
        this.url = url;
        this.ctx = new TestContext(folder, TestContext.scenario(folder, BrowserSettings.DEFAULTS), browser);
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path playwrightCore = args.length > 2 && args[1].equals("--playwright") ? Path.of(args[2]) : null;
        Path folder = Files.createTempDirectory("karakuri-bench-");
        try (PageServer server = new PageServer();
             BrowserSession browser = new BrowserSession(BrowserSession.Launch.of(BrowserSettings.DEFAULTS, false))) {
            String url = server.page("/challenge", ChallengePage.html());
            FormFillingBenchmark bench = new FormFillingBenchmark(browser, url, folder);
            try (Playwright playwright = playwrightCore == null ? null : new Playwright(playwrightCore, url)) {
                bench.baseline();
                bench.karakuri();
                if (playwright != null) {
                    playwright.job();
                }
                long[][] t = new long[6][rounds];
                System.out.printf("%-7s | %-28s | %-46s%n", "", "filling 70 fields (ms)", "whole job with 10 submits (ms)");
                System.out.printf("%-7s | %8s %8s %8s | %8s %9s %8s %8s %8s%n", "round", "selenium", "karakuri", "ratio",
                    "selenium", "playwright", "karakuri", "vs sel.", "vs pw");
                for (int i = 0; i < rounds; i++) {
                    Outcome b = bench.baseline();
                    Outcome p = playwright == null ? new Outcome(0, 0, true, null) : playwright.job();
                    Outcome k = bench.karakuri();
                    if (!b.allRight() || !k.allRight() || !p.allRight()) {
                        throw new IllegalStateException("wrong fields: selenium " + b.problem() + ", playwright " + p.problem()
                            + ", karakuri " + k.problem());
                    }
                    long[] row = {b.fillMillis(), k.fillMillis(), b.millis(), p.millis(), k.millis()};
                    for (int c = 0; c < row.length; c++) {
                        t[c][i] = row[c];
                    }
                    print(String.valueOf(i + 1), row);
                }
                long[] medians = new long[5];
                for (int c = 0; c < medians.length; c++) {
                    medians[c] = median(t[c]);
                }
                print("median", medians);
                System.out.println("10 records x 7 fields a round, reshuffled after every submit; every field right on every side.");
            }
        }
    }

    private static void print(String label, long[] r) {
        System.out.printf("%-7s | %8d %8d %8.3f | %8d %9d %8d %8.3f %8s%n", label, r[0], r[1], (double) r[1] / r[0],
            r[2], r[3], r[4], (double) r[4] / r[2], r[3] == 0 ? "-" : String.format("%.3f", (double) r[4] / r[3]));
    }

    /**
     * The same job written the usual Playwright way (src/test/playwright/challenge.cjs), in a node
     * process of its own with its own Chromium, driven one job at a time.
     */
    static final class Playwright implements AutoCloseable {
        private final Process node;
        private final java.io.BufferedReader out;
        private final java.io.Writer in;

        Playwright(Path core, String url) throws java.io.IOException {
            List<Map<String, Object>> fields = new ArrayList<>();
            for (ChallengePage.Field f : ChallengePage.FIELDS) {
                fields.add(Map.of("label", f.label(), "key", f.key(), "list", f.list()));
            }
            String data = new org.openqa.selenium.json.Json().toJson(Map.of("records", ChallengePage.RECORDS, "fields", fields));
            Path script = Path.of("robots/src/test/playwright/challenge.cjs").toAbsolutePath();
            node = new ProcessBuilder("node", script.toString(), core.toAbsolutePath().toString(), url, data)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new java.io.BufferedReader(new java.io.InputStreamReader(node.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            in = new java.io.OutputStreamWriter(node.getOutputStream(), java.nio.charset.StandardCharsets.UTF_8);
            answer(); // {ready: true}
        }

        Outcome job() throws java.io.IOException {
            in.write("job\n");
            in.flush();
            Map<String, Object> r = answer();
            return new Outcome(((Number) r.get("fillMillis")).longValue(), ((Number) r.get("millis")).longValue(),
                Boolean.TRUE.equals(r.get("allRight")), (String) r.get("problem"));
        }

        private Map<String, Object> answer() throws java.io.IOException {
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("the Playwright job ended; see its error above");
            }
            return new org.openqa.selenium.json.Json().toType(line, Map.class);
        }

        @Override
        public void close() throws Exception {
            in.close();
            node.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            node.destroy();
        }
    }

    /** The usual Selenium way: one lookup by label per field, clear, sendKeys; Select for the list. */
    Outcome baseline() {
        return baseline(ChallengePage.RECORDS.size());
    }

    Outcome baseline(int records) {
        WebDriver d = browser.driver();
        d.get(url);
        long t0 = System.nanoTime();
        long filling = 0;
        for (Map<String, String> record : ChallengePage.RECORDS.subList(0, records)) {
            long f0 = System.nanoTime();
            for (ChallengePage.Field f : ChallengePage.FIELDS) {
                WebElement el = d.findElement(By.xpath("//label[normalize-space()='" + f.label() + "']/following-sibling::*[1]"));
                if (f.list()) {
                    new Select(el).selectByVisibleText(record.get(f.key()));
                } else {
                    el.clear();
                    el.sendKeys(record.get(f.key()));
                }
            }
            filling += System.nanoTime() - f0;
            d.findElement(By.cssSelector("input[type=submit]")).click();
        }
        return outcome(t0, filling, records);
    }

    /** Karakuri's way: the fill and click steps, as a scenario runs them. */
    Outcome karakuri() throws Exception {
        return karakuri(ChallengePage.RECORDS.size());
    }

    Outcome karakuri(int records) throws Exception {
        new Open().run(new Open.Params(Template.literal(url)), ctx);
        Fill fill = new Fill();
        Click click = new Click();
        Click.Params submit = new Click.Params(Template.literal("送信"));
        long t0 = System.nanoTime();
        long filling = 0;
        for (Map<String, String> record : ChallengePage.RECORDS.subList(0, records)) {
            long f0 = System.nanoTime();
            List<Entries.Entry<Template>> entries = new ArrayList<>();
            for (ChallengePage.Field f : ChallengePage.FIELDS) {
                entries.add(new Entries.Entry<>(f.label(), Template.literal(record.get(f.key())), Position.UNKNOWN));
            }
            fill.run(new Fill.Params(new Entries<>(entries), null), ctx);
            filling += System.nanoTime() - f0;
            click.run(submit, ctx);
        }
        return outcome(t0, filling, records);
    }

    @SuppressWarnings("unchecked")
    private Outcome outcome(long t0, long fillingNanos, int records) {
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long fillMillis = fillingNanos / 1_000_000;
        List<Map<String, Object>> got = (List<Map<String, Object>>) ((JavascriptExecutor) browser.driver())
            .executeScript("return window.submitted");
        if (got.size() != records) {
            return new Outcome(fillMillis, millis, false, got.size() + " records submitted");
        }
        for (int i = 0; i < got.size(); i++) {
            Map<String, Object> g = got.get(i);
            if (!Boolean.TRUE.equals(g.get("bound"))) {
                return new Outcome(fillMillis, millis, false, "record " + (i + 1) + ": the page model missed an input event");
            }
            for (ChallengePage.Field f : ChallengePage.FIELDS) {
                if (!ChallengePage.RECORDS.get(i).get(f.key()).equals(g.get(f.key()))) {
                    return new Outcome(fillMillis, millis, false, "record " + (i + 1) + " " + f.label() + ": " + g.get(f.key()));
                }
            }
        }
        return new Outcome(fillMillis, millis, true, null);
    }

    private static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
