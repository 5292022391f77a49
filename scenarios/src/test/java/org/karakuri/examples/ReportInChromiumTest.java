package org.karakuri.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.demo.DemoResidents;
import org.karakuri.demo.LegacySystem;
import org.karakuri.demo.Resident;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * report.html as an auditor sees it in Chromium, after the example entry ran against the demo
 * system with one row already registered by hand (so it fails, with its screenshot) and one row
 * of invalid data: one language at a time with a switch, items grouped and the ones to look at
 * open, thumbnails that open full size. Takes the screenshots of docs/ (written there with
 * {@code -Dkarakuri.docs=write}, else into target/).
 */
@Tag("browser")
class ReportInChromiumTest {
    @TempDir
    Path dir;

    @Test
    void anAuditorReadsTheReportInEitherLanguageWithTheItemsToLookAtOpen() throws Exception {
        ExamplesEndToEndTest.copyExamples(dir);
        List<Resident> seed = new ArrayList<>(DemoResidents.SEED);
        seed.add(new Resident("R-0003", "佐藤　花子", "サトウ　ハナコ", "平成31年5月1日", "女", "980-0811", "宮城県仙台市青葉区一番町1-1",
            "令和6年4月1日", "", "窓口で手入力"));
        LegacySystem.Options defaults = LegacySystem.Options.defaults();
        RunResult r;
        try (LegacySystem system = LegacySystem.start(new LegacySystem.Options(0, defaults.user(), defaults.password(),
                defaults.sessionTimeout(), defaults.pageSize(), seed))) {
            ScenarioHarness h = new ScenarioHarness(dir)
                .env("KARAKURI_SECRET_LEGACY_USER", defaults.user())
                .env("KARAKURI_SECRET_LEGACY_PASSWORD", defaults.password())
                .set("system", system.baseUri().toString().replaceAll("/$", ""));
            r = h.run(dir.resolve("tennyu-entry.yaml"));
        }
        assertThat(r.status()).as(r.error()).isEqualTo(RunResult.Status.FAILED);
        Path shots = Boolean.getBoolean("karakuri.docs.write") || "write".equals(System.getProperty("karakuri.docs"))
            ? docs() : Files.createDirectories(Path.of("target", "report-screenshots"));
        ChromeDriver driver = ExamplesEndToEndTest.chromium();
        try {
            driver.get(r.report().toUri().toString());
            driver.findElement(By.cssSelector("label[for=l-ja]")).click();
            assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("結果\n失敗");
            assertThat(driver.findElement(By.id("items")).getText()).contains("完了 3 件、失敗 1 件、不備 1 件");
            assertThat(driver.findElement(By.id("trail")).getText()).contains("改ざんなし");
            WebElement failed = driver.findElement(By.cssSelector("details.item.failed"));
            assertThat(failed.getAttribute("open")).isNotNull();
            assertThat(failed.getText()).contains("R-0003").contains("受付番号 R-0003 は既に登録されています");
            assertThat(driver.findElement(By.cssSelector("details.item.invalid")).getAttribute("open")).isNotNull();
            assertThat(driver.findElement(By.cssSelector("details.item.ok")).getAttribute("open")).isNull();
            Files.write(shots.resolve("report-ja.png"), driver.getScreenshotAs(OutputType.BYTES));

            WebElement thumbnail = failed.findElement(By.cssSelector("figure.shot a.open"));
            thumbnail.click();
            WebElement figure = failed.findElement(By.cssSelector("figure.shot"));
            assertThat(figure.getCssValue("position")).isEqualTo("fixed");
            assertThat(figure.findElement(By.tagName("img")).getSize().getWidth()).isGreaterThan(400);
            figure.findElement(By.cssSelector("a.close")).click();
            assertThat(figure.getCssValue("position")).isEqualTo("static");

            driver.findElement(By.cssSelector("label[for=l-en]")).click();
            assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("Outcome\nFailed");
            assertThat(driver.findElement(By.id("items")).getText()).contains("3 done, 1 failed, 1 invalid");
            assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("完了 3 件").contains("Steps outside loops");
            driver.executeScript("window.scrollTo(0, 0)");
            Files.write(shots.resolve("report-en.png"), driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.quit();
        }
        assertThat(Files.size(shots.resolve("report-ja.png"))).isGreaterThan(20_000);
        assertThat(Files.size(shots.resolve("report-en.png"))).isGreaterThan(20_000);
    }

    private static Path docs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs")) && Files.exists(p.resolve("README.md"))) {
                return p.resolve("docs");
            }
        }
        throw new IllegalStateException("docs/ not found");
    }
}
