package org.karakuri.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.cli.Main;
import org.karakuri.server.Server;
import org.karakuri.users.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console driven in real Chromium, as each role uses it: an operator logs in with the Japanese
 * labels, runs a scenario and watches it finish, and resolves a row held for review; an auditor
 * (English) opens the report, has no trigger button and is refused the POST, and reads the decision
 * in the operations trail, which {@code audit verify --all} accepts. Every page is checked with
 * axe-core for JIS X 8341-3 level AA (WCAG 2.1 A and AA rules) and photographed in both languages
 * into {@code docs/console/}.
 */
@Tag("browser")
class ConsoleBrowserTest {
    static final Path DOCS = Path.of("..", "docs", "console").toAbsolutePath().normalize();
    static final String PASSWORD = "console-test-2026";

    @TempDir
    static Path dir;
    static Server server;
    static String axe;

    @BeforeAll
    static void start() throws Exception {
        axe = axeCore();
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("tennyu.csv"), "受付番号,氏名\nR-1,山田太郎\nR-2,\nR-3,佐藤花子\n", StandardCharsets.UTF_8);
        Files.writeString(scenarios.resolve("tennyu.yaml"), """
            scenario: tennyu
            title: 転入届の登録
            manual-minutes: 3
            steps:
              - for-each-row:
                  file: ./tennyu.csv
                  key: 受付番号
                  check:
                    氏名: required
                  steps:
                    - log: ${row.氏名}
            """, StandardCharsets.UTF_8);
        Files.writeString(scenarios.resolve("nightly.yaml"), """
            scenario: nightly
            title: 夜間の異動ファイル取込
            trigger:
              cron: "0 0 22 ? * MON-FRI"
              calendar: jp-business-days
              time-zone: Asia/Tokyo
            steps:
              - log: 取込
            """, StandardCharsets.UTF_8);
        Files.writeString(scenarios.resolve("broken.yaml"), "scenario: broken\nsteps:\n  - clik: ログイン\n", StandardCharsets.UTF_8);
        Map<String, String> env = new HashMap<>();
        env.put("KARAKURI_HOME", dir.resolve("home").toString());
        env.put("KARAKURI_NODE", "node-1");
        server = Server.start(Server.Settings.from(scenarios, "127.0.0.1", 0, env));
        server.users().add("kanri", Role.ADMIN, PASSWORD.toCharArray());
        server.users().add("sato", Role.OPERATOR, PASSWORD.toCharArray());
        server.users().add("suzuki", Role.AUDITOR, PASSWORD.toCharArray());
        server.users().add("tanaka", Role.AUTHOR, PASSWORD.toCharArray());
        Files.createDirectories(DOCS);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** axe-core's script, from the npm package the build fetched ({@code npm pack}, see scenarios/pom.xml). */
    static String axeCore() throws IOException {
        Path tgz;
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            tgz = s.filter(p -> p.getFileName().toString().matches("axe-core-[0-9.]+\\.tgz")).findFirst()
                .orElseThrow(() -> new AssertionError("no target/axe-core-*.tgz: the build fetches it with npm pack (npm is needed)"));
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = new String(header, 0, 100, StandardCharsets.US_ASCII).replace("\0", "");
                long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").strip(), 8);
                byte[] body = in.readNBytes((int) size);
                in.readNBytes((int) ((512 - size % 512) % 512));
                if (name.equals("package/axe.min.js")) {
                    return new String(body, StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("axe.min.js is not in " + tgz);
    }

    static WebDriver browser(String language) {
        Path chromium = Path.of(System.getenv().getOrDefault("KARAKURI_CHROMIUM", "/usr/bin/chromium"));
        Path driver = Path.of(System.getenv().getOrDefault("KARAKURI_CHROMEDRIVER", "/usr/bin/chromedriver"));
        assertThat(chromium).as("Chromium (apt-get install chromium)").isExecutable();
        assertThat(driver).as("chromedriver (apt-get install chromium-driver)").isExecutable();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900", "--lang=" + language,
            "--user-data-dir=" + dir.resolve("profile-" + language + "-" + System.nanoTime()));
        o.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, o);
    }

    WebElement labelled(WebDriver d, String label) {
        WebElement l = d.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        return d.findElement(By.id(l.getAttribute("for")));
    }

    void login(WebDriver d, String nameLabel, String passwordLabel, String button, String user) {
        d.get(server.url() + "/");
        labelled(d, nameLabel).sendKeys(user);
        labelled(d, passwordLabel).sendKeys(PASSWORD);
        d.findElement(By.xpath("//button[normalize-space()='" + button + "']")).click();
        new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> x.getCurrentUrl().endsWith("/scenarios"));
    }

    final List<String> accessibility = new ArrayList<>();

    /** axe-core on the page as it is, WCAG 2.0/2.1 A and AA rules (JIS X 8341-3:2016 level AA); then a screenshot. */
    void check(WebDriver d, String name) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) d;
        js.executeScript(axe);
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
            + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            + ".then(function (r) { done(r.violations.map(function (v) { return v.id + ': ' + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); })); })"
            + ".catch(function (e) { done(['axe failed: ' + e]); });");
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) result;
        violations.forEach(v -> accessibility.add(name + " " + v));
        byte[] png = ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES);
        Files.write(DOCS.resolve(name + ".png"), png);
    }

    @Test
    void eachRoleUsesTheConsoleAsItsRoleAllowsAndEveryPagePassesAxeInBothLanguages() throws Exception {
        WebDriver ja = browser("ja");
        WebDriver en = browser("en");
        try {
            // the login page in Japanese, by the browser's language
            ja.get(server.url() + "/");
            assertThat(ja.findElement(By.tagName("h1")).getText()).isEqualTo("ログイン");
            check(ja, "login.ja");
            en.get(server.url() + "/login");
            check(en, "login.en");

            // a wrong password says so, and a failed login is recorded
            labelled(ja, "ユーザー名").sendKeys("sato");
            labelled(ja, "パスワード").sendKeys("not-the-password");
            ja.findElement(By.xpath("//button[normalize-space()='ログイン']")).click();
            assertThat(ja.findElement(By.cssSelector("[role=alert]")).getText()).contains("ユーザー名またはパスワードが違います");

            // the operator logs in with the Japanese labels, runs tennyu and watches it finish
            login(ja, "ユーザー名", "パスワード", "ログイン", "sato");
            assertThat(ja.findElement(By.tagName("body")).getText()).contains("転入届の登録").contains("broken.yaml:3:5");
            check(ja, "scenarios.ja");
            ja.findElement(By.cssSelector("tr[data-scenario=tennyu] button.primary")).click();
            new WebDriverWait(ja, Duration.ofSeconds(20)).until(x -> x.getCurrentUrl().contains("/runs/"));
            String runId = ja.getCurrentUrl().substring(ja.getCurrentUrl().lastIndexOf('/') + 1);
            // the page reloads itself when the run ends: an element read just before that is stale
            new WebDriverWait(ja, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(x -> x.findElement(By.cssSelector("dl.run .status")).getText().equals("成功"));
            assertThat(ja.findElement(By.cssSelector("dl.run")).getText()).contains("完了 2 件").contains("不備 1 件");
            check(ja, "run.ja");
            ja.get(server.url() + "/runs");
            assertThat(ja.findElement(By.cssSelector("tr[data-run='" + runId + "']")).getText()).contains("成功");
            check(ja, "runs.ja");

            // the invalid row waits in the review queue; the operator records it as entered by hand
            ja.get(server.url() + "/review");
            WebElement row = ja.findElement(By.xpath("//tr[th[normalize-space()='R-2']]"));
            assertThat(row.getText()).contains("不備");
            check(ja, "review.ja");
            row.findElement(By.name("comment")).sendKeys("窓口で手入力済み");
            row.findElement(By.xpath(".//button[normalize-space()='手で入力済み']")).click();
            new WebDriverWait(ja, Duration.ofSeconds(10)).until(x -> x.getPageSource().contains("窓口で手入力済み"));
            assertThat(ja.findElements(By.xpath("//tr[th[normalize-space()='R-2']]"))).isEmpty();
            ja.get(server.url() + "/savings");
            assertThat(ja.findElement(By.cssSelector("figure.chart svg"))).isNotNull();
            check(ja, "savings.ja");

            // the auditor (English): the report, no trigger button, the POST refused, the decision in the trail
            login(en, "User name", "Password", "Log in", "suzuki");
            check(en, "scenarios.en");
            assertThat(en.findElements(By.xpath("//button[normalize-space()='Run now']"))).isEmpty();
            Object refused = ((JavascriptExecutor) en).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch('/scenarios/tennyu/trigger', {method: 'POST', body: new URLSearchParams({csrf: document.querySelector('[name=csrf]').value})})"
                + ".then(function (r) { done(r.status); });");
            assertThat(((Number) refused).intValue()).isEqualTo(403);
            en.get(server.url() + "/runs/" + runId);
            WebElement frame = en.findElement(By.cssSelector("iframe.report"));
            check(en, "run.en");
            en.switchTo().frame(frame);
            assertThat(en.findElement(By.tagName("body")).getText()).contains("tennyu");
            en.switchTo().defaultContent();
            en.get(server.url() + "/runs");
            check(en, "runs.en");
            en.get(server.url() + "/review");
            assertThat(en.findElement(By.tagName("body")).getText()).contains("entered by hand").contains("sato");
            assertThat(en.findElements(By.xpath("//button[normalize-space()='Entered by hand']"))).isEmpty();
            check(en, "review.en");
            en.get(server.url() + "/savings");
            check(en, "savings.en");
            en.get(server.url() + "/operations");
            String ops = en.findElement(By.tagName("main")).getText();
            assertThat(ops).contains("The operations trail is intact").contains("row entered by hand").contains("sato").contains("failed login")
                .contains("ran now");
            check(en, "operations.en");
            // the admin's pages
            en.findElement(By.xpath("//button[normalize-space()='Log out']")).click();
            login(en, "User name", "Password", "Log in", "kanri");
            en.get(server.url() + "/users");
            check(en, "users.en");
            en.get(server.url() + "/operations");
            en.findElement(By.xpath("//a[@lang='ja']")).click();
            assertThat(en.findElement(By.tagName("h1")).getText()).isEqualTo("操作の記録");
            check(en, "operations.ja");
            en.get(server.url() + "/users");
            check(en, "users.ja");
        } finally {
            ja.quit();
            en.quit();
        }
        assertThat(accessibility).as("axe-core violations (WCAG 2.1 A/AA)").isEmpty();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.execute(new String[] {"--lang", "en", "audit", "verify", "--all"}, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8), dir.resolve("home"));
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readString(dir.resolve("home").resolve("audit").resolve("operations.jsonl"))).contains("row-resolve").contains("窓口で手入力済み");
    }
}
