package org.karakuri.robots.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.karakuri.expr.Template;
import org.karakuri.model.BrowserSettings;
import org.karakuri.model.Position;
import org.karakuri.spi.Entries;
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
 * <pre>java … org.karakuri.robots.browser.FormFillingBenchmark [rounds]</pre>
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
        Path folder = Files.createTempDirectory("karakuri-bench-");
        try (PageServer server = new PageServer();
             BrowserSession browser = new BrowserSession(BrowserSession.Launch.of(BrowserSettings.DEFAULTS, false))) {
            FormFillingBenchmark bench = new FormFillingBenchmark(browser, server.page("/challenge", ChallengePage.html()), folder);
            bench.baseline();
            bench.karakuri();
            long[] baseFill = new long[rounds];
            long[] oursFill = new long[rounds];
            long[] base = new long[rounds];
            long[] ours = new long[rounds];
            System.out.printf("%-7s | %-28s | %-28s%n", "", "filling 70 fields (ms)", "whole job with 10 submits (ms)");
            System.out.printf("%-7s | %8s %8s %8s | %8s %8s %8s%n", "round", "selenium", "karakuri", "ratio", "selenium", "karakuri", "ratio");
            for (int i = 0; i < rounds; i++) {
                Outcome b = bench.baseline();
                Outcome k = bench.karakuri();
                if (!b.allRight() || !k.allRight()) {
                    throw new IllegalStateException("wrong fields: selenium " + b.problem() + ", karakuri " + k.problem());
                }
                baseFill[i] = b.fillMillis();
                oursFill[i] = k.fillMillis();
                base[i] = b.millis();
                ours[i] = k.millis();
                System.out.printf("%-7d | %8d %8d %8.3f | %8d %8d %8.3f%n", i + 1, b.fillMillis(), k.fillMillis(),
                    (double) k.fillMillis() / b.fillMillis(), b.millis(), k.millis(), (double) k.millis() / b.millis());
            }
            System.out.printf("%-7s | %8d %8d %8.3f | %8d %8d %8.3f%n", "median", median(baseFill), median(oursFill),
                (double) median(oursFill) / median(baseFill), median(base), median(ours), (double) median(ours) / median(base));
            System.out.println("10 records x 7 fields a round, reshuffled after every submit; every field right on both sides.");
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
