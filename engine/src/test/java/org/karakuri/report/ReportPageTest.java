package org.karakuri.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.context.RunResult;
import org.karakuri.spi.Action;
import org.karakuri.spi.SimpleAction;
import org.karakuri.model.Doc;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;
import org.karakuri.testing.Counting;
import org.karakuri.testing.ScenarioHarness;

/** What report.html shows an auditor, read from the run's trail. */
class ReportPageTest {
    /** The smallest valid PNG: one transparent pixel. */
    static final byte[] PNG = java.util.Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    @TempDir
    Path dir;

    /**
     * A test action that does what browser steps report: {@code touch: 氏名=value} emits a
     * {@code touched} event for a field with its value, a screenshot and a file written.
     */
    public static final class Touch implements SimpleAction<Touch.Params> {
        public record Params(@Shorthand @Required @Doc("field=value") org.karakuri.expr.Template what) {}

        @Override
        public String name() {
            return "touch";
        }

        @Override
        public Class<Params> paramsType() {
            return Params.class;
        }

        @Override
        public String doc() {
            return "Touches a field (tests only).";
        }

        @Override
        public String docJa() {
            return "項目に触れます（テスト用）。";
        }

        @Override
        public List<String> examples() {
            return List.of("touch: 氏名=山田");
        }

        @Override
        public void run(Params p, StepContext ctx) throws Exception {
            String[] fv = ctx.text(p.what()).split("=", 2);
            Map<String, Object> touched = new LinkedHashMap<>();
            touched.put("action", "fill");
            touched.put("target", fv[0]);
            touched.put("tag", "input");
            touched.put("text", fv[0]);
            touched.put("x", 212);
            touched.put("y", 88);
            touched.put("value", fv.length > 1 ? fv[1] : "");
            ctx.emit("touched", touched);
            Files.createDirectories(ctx.evidenceFolder());
            Path png = Files.write(ctx.evidenceFolder().resolve(fv[0] + ".png"), PNG);
            ctx.emit("screenshot", Map.of("name", fv[0], "file", png.getFileName().toString(), "sha256", "abc123"));
            Path out = ctx.path("out/" + fv[0] + ".txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, "x");
            ctx.emit("file-written", Map.of("file", out.toString(), "sha256", "def456"));
        }
    }

    private ScenarioHarness harness() {
        return new ScenarioHarness(dir).withActions(new Counting(), new Touch())
            .env("KARAKURI_SECRET_MY_NUMBER", "秘密の値");
    }

    private static final String LOOP = """
        scenario: report
        title: 転入届の登録
        manual-minutes: 3
        steps:
          - log: 始めます
          - count:
              to: 4
              skip: 2
              steps:
                - touch: 氏名=山田${n}
                - if: ${n} == 3
                  then:
                    - fail: 3 は登録できません
          - touch: 番号=${secret:my.number}
          - log: 終わりました
        """;

    private String report(RunResult r) throws Exception {
        return Files.readString(r.folder().resolve("report.html"), StandardCharsets.UTF_8);
    }

    private static String group(String html, String id) {
        Matcher m = Pattern.compile("<details[^>]*id=\"" + Pattern.quote(id) + "\".*?</details>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as(id).isTrue();
        return m.group();
    }

    private static String groupOf(String html, String label) {
        Matcher m = Pattern.compile("<details class=\"group item [^\"]*\" id=\"([^\"]+)\"[^>]*><summary><span class=\"key\">"
            + Pattern.quote(label) + "</span>").matcher(html);
        assertThat(m.find()).as(label).isTrue();
        return group(html, m.group(1));
    }

    @Test
    void groupsTheRunByItemWithItsKeyOutcomeStepsAndTheStepsOutsideLoopsOnTheirOwn() throws Exception {
        RunResult r = harness().write("report.yaml", LOOP).run();
        String html = report(r);
        assertThat(html.split("<details class=\"group outside ", -1)).as("before and after the loop").hasSize(3);
        String first = groupOf(html, "n=1");
        assertThat(first).startsWith("<details class=\"group item ok\"").doesNotContain(" open>")
            .contains("touch: 氏名=山田${n}").contains("report.yaml:10:11");
        assertThat(groupOf(html, "n=2")).contains("group item skipped").contains("skipped on purpose");
        String failed = groupOf(html, "n=3");
        assertThat(failed).contains("group item failed").contains(" open>").contains("3 は登録できません")
            .contains("<span class=\"ja\">失敗</span><span class=\"en\">failed</span>");
        String groups = html.substring(html.indexOf("<section id=\"groups\">"));
        assertThat(groups.indexOf("始めます")).as("the step before the loop comes first").isLessThan(groups.indexOf("n=1"));
        assertThat(groups.indexOf("終わりました")).isGreaterThan(groups.indexOf("n=4"));
    }

    @Test
    void eachItemShowsWhatWasEnteredMaskedTheElementsUsedAndItsScreenshotsAsThumbnailsThatOpenFullSize() throws Exception {
        RunResult r = harness().write("report.yaml", LOOP).run();
        String html = report(r);
        String first = groupOf(html, "n=1");
        assertThat(first).contains("<td>氏名</td><td>山田1</td>")
            .contains("fill: 氏名 <code>report.yaml:10:11</code></td><td><code>&lt;input&gt;</code> 氏名</td><td class=\"num\">(212, 88)")
            .containsPattern("<figure class=\"shot\" id=\"(shot-\\d+)\"><a class=\"open\" href=\"#\\1\"><img alt=\"氏名\" "
                + "src=\"data:image/png;base64,iVBOR");
        assertThat(html).contains("<td>番号</td><td>********</td>").doesNotContain("秘密の値");
        assertThat(html).contains(".shot:target{position:fixed");
    }

    @Test
    void theSummaryBandShowsOutcomeItemsTimeSavedAndTrailStatus() throws Exception {
        RunResult r = harness().write("report.yaml", LOOP).run();
        String html = report(r);
        assertThat(html).contains("<header class=\"band failed\">")
            .contains("<div id=\"status\"><dt><span class=\"ja\">結果</span><span class=\"en\">Outcome</span></dt><dd><strong>"
                + "<span class=\"ja\">失敗</span><span class=\"en\">Failed</span></strong>")
            .contains("<div id=\"items\">").contains("完了 2 件、失敗 1 件、不備 0 件、スキップ 1 件").contains("2 done, 1 failed, 0 invalid, 1 skipped")
            .contains("<div id=\"saved\">").contains("6 分").contains("<div id=\"trail\">").contains("改ざんなし・封印済み")
            .contains("<section id=\"timeline\">").contains("<svg viewBox=\"0 0 1000 46\"");
    }

    @Test
    void timesAreLocalToTheSecondWithTheOffsetOfTheScenariosTimeZone() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T00:00:07.123456Z"), ZoneId.of("UTC"));
        RunResult r = harness().clock(clock).write("report.yaml", """
            scenario: report
            trigger:
              cron: "0 0 22 ? * MON-FRI"
              time-zone: Asia/Tokyo
            steps:
              - log: 始めます
            """).run();
        String html = report(r);
        assertThat(html).contains("2026-11-30 09:00:07 +09:00").doesNotContain("00:00:07.123").doesNotContain("T00:00:07");
        assertThat(html).contains("Times in Asia/Tokyo");
    }

    @Test
    void withoutATimeZoneTimesAreTheMachines() throws Exception {
        Instant at = Instant.parse("2026-07-01T03:04:05Z");
        RunResult r = harness().clock(Clock.fixed(at, ZoneId.of("UTC"))).write("report.yaml", "scenario: report\nsteps:\n  - log: a\n").run();
        String local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx").format(ZonedDateTime.ofInstant(at, ZoneId.systemDefault()));
        assertThat(report(r)).contains(local);
    }

    @Test
    void pathsAreRelativeToTheScenarioFolder() throws Exception {
        RunResult r = harness().write("sub/report.yaml", LOOP).run();
        String html = report(r);
        assertThat(html).contains("<code>report.yaml</code>").contains("out/氏名.txt").contains("report.yaml:5:5")
            .doesNotContain(dir.toString());
    }

    @Test
    void oneLanguageIsShownByTheReadersLocaleWithASwitchToTheOther() throws Exception {
        RunResult r = harness().write("report.yaml", LOOP).run();
        var scenario = new org.karakuri.load.ScenarioLoader(harness().registry()).load(dir.resolve("report.yaml"));
        var info = new org.karakuri.spi.RunInfo(r.runId(), "report", scenario.file(), r.folder(), dir.resolve(".karakuri"),
            Instant.now(), false);
        String ja = ReportPage.html(scenario, info, r, Locale.JAPANESE, x -> x);
        String en = ReportPage.html(scenario, info, r, Locale.ENGLISH, x -> x);
        assertThat(ja).startsWith("<!DOCTYPE html><html lang=\"ja\">").contains("id=\"l-ja\" class=\"lang\" checked>")
            .contains("id=\"l-en\" class=\"lang\">").contains("<label for=\"l-en\" lang=\"en\">English</label>");
        assertThat(en).startsWith("<!DOCTYPE html><html lang=\"en\">").contains("id=\"l-en\" class=\"lang\" checked>");
        assertThat(ja).contains("#l-ja:checked~.page .en,#l-en:checked~.page .ja{display:none}");
    }

    @Test
    void thePageIsOneFileThatNeedsNothingElse() throws Exception {
        String html = report(harness().write("report.yaml", LOOP).run());
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=\"http").doesNotContain("url(")
            .doesNotContain("href=\"http").doesNotContain("@import");
    }

    @Test
    void aLongRunListsItemsThatWentWellCompactlyInPagesAndEveryOneThatDidNotInFull() throws Exception {
        RunResult r = harness().write("long.yaml", """
            scenario: long
            steps:
              - count:
                  to: 1300
                  steps:
                    - log: ${n}
                    - if: ${n} == 1250
                      then:
                        - fail: 1250 は登録できません
            """).run();
        String html = report(r);
        assertThat(html.split("<details class=\"group item ok\"", -1)).hasSize(ReportPage.DETAILED_OK + 1);
        assertThat(groupOf(html, "n=1250")).contains(" open>").contains("1250 は登録できません");
        assertThat(html).contains("<details class=\"compact\"><summary><span class=\"ja\">明細 101〜1100:</span>")
            .contains("<span class=\"ja\">明細 1101〜1249:</span>").contains("<span class=\"ja\">明細 1251〜1300:</span>")
            .contains("<tr class=\"ok\" id=\"").contains("<td>n=1299<td>");
        assertThat(html.split("<details class=\"compact\">", -1)).as("pages of at most 1,000 items, in order").hasSize(4);
        assertThat(html.length()).as("bytes for 1,300 items").isLessThan(250_000);
    }
}
