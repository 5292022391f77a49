package org.karakuri.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.audit.RunChain;
import org.karakuri.demo.LegacySystem;
import org.karakuri.demo.Resident;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The example scenarios of scenarios/examples, run for real: Chromium against the embedded
 * 住民記録システム, the Shift_JIS CSV, the ledger, the report opened in Chromium.
 */
@Tag("browser")
class ExamplesEndToEndTest {
    static final Path EXAMPLES = findExamples();
    LegacySystem system;

    @TempDir
    Path dir;
    ScenarioHarness h;

    static Path findExamples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("scenarios/examples"))) {
                return p.resolve("scenarios/examples");
            }
            if (Files.isDirectory(p.resolve("examples")) && p.getFileName().toString().equals("scenarios")) {
                return p.resolve("examples");
            }
        }
        throw new IllegalStateException("scenarios/examples not found");
    }

    @BeforeEach
    void startSystem() {
        system = LegacySystem.start();
    }

    @AfterEach
    void stopSystem() {
        system.close();
    }

    /** scenarios/examples copied into {@code dir}, so a run may move its files. */
    static void copyExamples(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            for (Path p : files.toList()) {
                Path target = dir.resolve(EXAMPLES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @BeforeEach
    void copyExamples() throws IOException {
        copyExamples(dir);
        h = new ScenarioHarness(dir)
            .env("KARAKURI_SECRET_LEGACY_USER", LegacySystem.Options.defaults().user())
            .env("KARAKURI_SECRET_LEGACY_PASSWORD", LegacySystem.Options.defaults().password());
    }

    private ScenarioHarness againstTheDemoSystem() {
        return h.set("system", system.baseUri().toString().replaceAll("/$", ""));
    }

    private List<String> registered() {
        return system.residents().stream().map(Resident::receiptNo).toList();
    }

    @Test
    void entersEveryValidRowOnceListsTheInvalidOneAndFilesTheCsv() throws Exception {
        int before = system.residents().size();
        RunResult r = againstTheDemoSystem().run(dir.resolve("tennyu-entry.yaml"));
        assertThat(r.status()).as(r.error() + " " + h.progress()).isEqualTo(RunResult.Status.SUCCEEDED);
        List<Resident> added = system.residents().subList(before, system.residents().size());
        assertThat(added).extracting(Resident::receiptNo).containsExactly("R-0001", "R-0002", "R-0003", "R-0005");
        assertThat(added.get(0)).satisfies(x -> {
            assertThat(x.name()).isEqualTo("髙橋　①子");
            assertThat(x.kana()).isEqualTo("タカハシ　イチコ");
            assertThat(x.birthDate()).isEqualTo("昭和60年4月1日");
            assertThat(x.gender()).isEqualTo("女");
        });
        assertThat(added.get(3).birthDate()).isEqualTo("昭和55年4月1日");
        assertThat(dir.resolve("inbox/tennyu.csv")).doesNotExist();
        assertThat(dir.resolve("done/tennyu.csv")).exists();
        String review = Files.readString(r.folder().resolve("review.csv"), StandardCharsets.UTF_8);
        assertThat(review).contains("R-0004").contains("フリガナ");
        assertThat(h.homeText()).doesNotContain(LegacySystem.Options.defaults().password());
        assertThat(RunChain.verifyAll(h.home(), h.env())).isEmpty();
        assertReportOpensInChromium(r.report());
    }

    @Test
    void aSecondRunSkipsTheRowsDoneByTheFirst() throws Exception {
        Files.copy(dir.resolve("inbox/tennyu.csv"), dir.resolve("tennyu-copy.csv"));
        int before = system.residents().size();
        assertThat(againstTheDemoSystem().run(dir.resolve("tennyu-entry.yaml")).status()).isEqualTo(RunResult.Status.SUCCEEDED);
        Files.move(dir.resolve("tennyu-copy.csv"), dir.resolve("inbox/tennyu.csv"));
        RunResult again = h.run(dir.resolve("tennyu-entry.yaml"));
        assertThat(again.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(system.residents().size() - before).isEqualTo(4);
        assertThat(h.events("item-ended")).extracting(e -> e.get("outcome")).containsOnly("skipped", "invalid");
        assertThat(again.counts().itemsInvalid.get()).as("the row with invalid data, checked again and not entered").isEqualTo(1);
        assertThat(dir.resolve("done/tennyu (1).csv")).exists();
    }

    @Test
    void downloadsTheDaysListAndFilesItInTheShare() throws Exception {
        RunResult r = againstTheDemoSystem().run(dir.resolve("idou-download.yaml"));
        assertThat(r.status()).as(r.error() + " " + h.progress()).isEqualTo(RunResult.Status.SUCCEEDED);
        try (Stream<Path> files = Files.list(dir.resolve("share/idou"))) {
            Path csv = files.filter(p -> p.getFileName().toString().matches("idou_\\d{8}\\.csv")).findFirst().orElseThrow();
            String text = Files.readString(csv, Charset.forName("Windows-31J"));
            assertThat(text).startsWith("受付番号,氏名,フリガナ,生年月日,性別,郵便番号,住所,異動日");
        }
        assertThat(h.events("file-written").stream().map(e -> e.get("sha256"))).isNotEmpty();
    }

    @Test
    void nightlyFilingSortsTheInboxAndWritesReceipts() throws Exception {
        Files.writeString(dir.resolve("inbox/extra.csv"), "a,b\n1,2\n");
        RunResult r = h.run(dir.resolve("nightly-filing.yaml"));
        assertThat(r.status()).as(r.error() + " " + h.progress()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(dir.resolve("done/extra.csv")).exists();
        assertThat(dir.resolve("done/tennyu.csv")).exists();
        assertThat(Files.readString(dir.resolve("receipts/extra.txt"))).startsWith("extra.csv を 令和");
        assertThat(r.counts().itemsOk.get()).isEqualTo(2);
    }

    /** Headless Chromium from the OS packages, never a download. */
    static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new", "--no-sandbox",
            "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--window-size=1200,1600");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        return driver;
    }

    static void assertReportOpensInChromium(Path report) {
        ChromeDriver driver = chromium();
        try {
            driver.get(report.toUri().toString());
            driver.findElement(By.cssSelector("label[for=l-ja]")).click();
            assertThat(driver.findElement(By.id("status")).getText()).contains("成功").doesNotContain("Succeeded");
            driver.findElement(By.cssSelector("label[for=l-en]")).click();
            assertThat(driver.findElement(By.id("status")).getText()).contains("Succeeded").doesNotContain("成功");
            assertThat(driver.findElement(By.id("trail")).getText()).contains("intact");
            assertThat(driver.findElement(By.tagName("body")).getText()).contains("R-0004").contains("tennyu-entry");
        } finally {
            driver.quit();
        }
    }
}
