package org.karakuri.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.i18n.Messages;

/** Every kind of load-time problem, with the exact file:line:col a clerk's editor jumps to. */
class LoaderErrorsTest {
    @TempDir
    Path dir;

    private List<String> problems(String yaml) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        ScenarioLoader.Result r = new ScenarioLoader().check(file, "s.yaml");
        return r.problems().stream().map(p -> p.format(Messages.of(Locale.ENGLISH))).toList();
    }

    @Test
    void acceptsAMinimalScenario() throws IOException {
        assertThat(problems("""
            scenario: minimal
            steps:
              - log: hello
            """)).isEmpty();
    }

    @Test
    void rejectsUnknownActionWithTheClosestName() throws IOException {
        assertThat(problems("""
            scenario: s
            steps:
              - lgo: hello
            """)).containsExactly("s.yaml:3:5: steps[0]: unknown action 'lgo' (did you mean 'log'?); known actions: "
                + String.join(", ", org.karakuri.spi.ActionRegistry.installed().names()));
    }

    @Test
    void rejectsTwoActionsInOneStepAtTheSecondKey() throws IOException {
        assertThat(problems("""
            scenario: s
            steps:
              - log: a
                fail: b
            """)).singleElement().asString().startsWith("s.yaml:4:5: steps[0]: two actions in one step: 'log' and 'fail'");
    }

    @Test
    void rejectsUnknownModifierListingTheAllowedOnes() throws IOException {
        assertThat(problems("""
            scenario: s
            steps:
              - log: a
                retyr: {times: 2}
            """)).containsExactly("s.yaml:4:5: steps[0]: unknown key 'retyr' in a 'log' step (did you mean 'retry'?); "
                + "allowed beside the action: name, retry, timeout, continue-on-error");
    }

    @Test
    void rejectsDuplicateKeysNamingTheFirstLine() throws IOException {
        assertThat(problems("""
            scenario: s
            steps:
              - set:
                  a: 1
                  a: 2
            """)).containsExactly("s.yaml:5:7: the key 'a' is written twice (first on line 4); keep one");
    }

    @Test
    void rejectsBadDurationsAtTheValue() throws IOException {
        assertThat(problems("""
            scenario: s
            browser:
              timeout: 10 seconds
            steps:
              - log: a
                retry: {times: 2, wait: 2x}
            """)).containsExactly(
                "s.yaml:3:12: browser.timeout: '10 seconds' is not a duration; write a number and a unit: 500ms, 10s, 2m, 1h",
                "s.yaml:6:29: steps[0].retry.wait: '2x' is not a duration; write a number and a unit: 500ms, 10s, 2m, 1h");
    }

    @Test
    void rejectsBadCronWithQuartzReason() throws IOException {
        assertThat(problems("""
            scenario: s
            trigger:
              cron: "0 0 25 ? * MON-FRI"
            steps:
              - log: a
            """)).singleElement().asString().startsWith("s.yaml:3:9: trigger.cron: '0 0 25 ? * MON-FRI' is not a Quartz cron expression");
    }

    @Test
    void rejectsUnknownFilterAtItsColumn() throws IOException {
        assertThat(problems("""
            scenario: s
            steps:
              - log: ${today | warek}
            """)).containsExactly("s.yaml:3:20: steps[0].log: unknown filter \"warek\": did you mean \"wareki\"? "
                + "Known filters: trim, upper, lower, zenkaku, hankaku, wareki, seireki, date");
    }

    @Test
    void placesExpressionErrorsInsideQuotedValues() throws IOException {
        assertThat(problems("""
            scenario: s
            steps:
              - log: "x ${today"
            """)).singleElement().asString().startsWith("s.yaml:3:13: steps[0].log: \"${\" is not closed");
    }

    @Test
    void rejectsMalformedIdsAndTypes() throws IOException {
        assertThat(problems("""
            scenario: Tennyu_Entry
            manual-minutes: three
            steps:
              - log: a
                continue-on-error: maybe
            """)).containsExactly(
                "s.yaml:1:11: scenario: 'Tennyu_Entry' is not allowed here; write something like 'tennyu-entry' (lower-case letters, digits and '-')",
                "s.yaml:2:17: manual-minutes: 'three' is not a whole number",
                "s.yaml:5:24: steps[0].continue-on-error: 'maybe' is not true or false");
    }

    @Test
    void rejectsUnknownEnumValueWithChoices() throws IOException {
        assertThat(problems("""
            scenario: s
            trigger:
              cron: "0 0 22 ? * MON-FRI"
              misfire: run-twice
            steps:
              - log: a
            """)).containsExactly("s.yaml:4:12: trigger.misfire: 'run-twice' is not allowed here; "
                + "choose one of: run-once, skip");
    }

    @Test
    void reportsMissingRequiredKeys() throws IOException {
        assertThat(problems("""
            title: no id, no steps
            """)).containsExactly("s.yaml:1:1: 'scenario' is required here", "s.yaml:1:1: 'steps' is required here");
    }

    @Test
    void reportsEveryProblemOfTheFileAtOnceInFileOrder() throws IOException {
        List<String> all = problems("""
            scenario: s
            steps:
              - clik: a
              - log: ${x | nope}
              - log: b
                wait: 3s
            """);
        assertThat(all).hasSize(3);
        assertThat(all).extracting(s -> s.substring(0, s.indexOf(": "))).containsExactly("s.yaml:3:5", "s.yaml:4:16", "s.yaml:6:5");
    }

    @Test
    void rejectsWrongKindsOfValue() throws IOException {
        assertThat(problems("""
            scenario: s
            steps:
              log: a
            """)).containsExactly("s.yaml:3:3: steps: a list (\"- \" lines) expected here, found a map (key: value lines)");
    }

    @Test
    void rejectsTabsAndSyntaxErrorsWithTheirPlace() throws IOException {
        assertThat(problems("scenario: s\nsteps:\n\t- log: a\n")).singleElement().asString()
            .startsWith("s.yaml:3:1: a tab is used for indentation");
        assertThat(problems("scenario: s\nsteps:\n  - log: [a\n")).singleElement().asString().startsWith("s.yaml:");
    }

    @Test
    void refusesAliasBombsWithoutExpandingThem() throws IOException {
        StringBuilder bomb = new StringBuilder("scenario: s\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        String prev = "a";
        for (int i = 0; i < 9; i++) {
            String name = "l" + i;
            bomb.append(name).append(": &").append(name).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j == 0 ? "" : ",").append('*').append(prev);
            }
            bomb.append("]\n");
            prev = name;
        }
        bomb.append("steps:\n  - log: a\n");
        long t0 = System.nanoTime();
        List<String> found = problems(bomb.toString());
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms to refuse").isLessThan(5_000);
        assertThat(found).anySatisfy(p -> assertThat(p).contains("anchors"));
        assertThat(found).anySatisfy(p -> assertThat(p).contains("aliases"));
    }

    @Test
    void refusesHugeFilesBeforeParsing() throws IOException {
        String huge = "scenario: s\nsteps:\n" + "  - log: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n".repeat(20_000);
        assertThat(problems(huge)).singleElement().asString().startsWith("s.yaml:1:1: the file is too large");
    }

    @Test
    void refusesFilesThatAreNotUtf8() throws IOException {
        Path file = dir.resolve("sjis.yaml");
        Files.write(file, "scenario: s\nsteps:\n  - log: 氏名\n".getBytes("Shift_JIS"));
        assertThat(new ScenarioLoader().check(file, "sjis.yaml").problems()).singleElement()
            .satisfies(p -> assertThat(p.format(Messages.of(Locale.ENGLISH))).isEqualTo(
                "sjis.yaml:1:1: the file is not UTF-8. Save it as UTF-8 (BOM or not) and try again"));
    }

    @Test
    void toleratesAByteOrderMark() throws IOException {
        assertThat(problems("\uFEFFscenario: s\nsteps:\n  - log: a\n")).isEmpty();
    }

    @Test
    void speaksJapaneseWhenAsked() throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "scenario: s\nsteps:\n  - lgo: a\n");
        Problem p = new ScenarioLoader().check(file, "s.yaml").problems().get(0);
        assertThat(p.format(Messages.of(Locale.JAPANESE))).startsWith("s.yaml:3:5: steps[0]: 'lgo' という操作はありません（もしかして 'log'？）");
    }

    @Test
    void acceptsABareActionNameAsAStep() throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "scenario: s\nsteps:\n  - log: a\n");
        assertThat(new ScenarioLoader().load(file).steps()).hasSize(1);
    }

    @Test
    void refusesNestingDeeperThanSixtyFourLevelsAtTheDeepestPlace() throws IOException {
        String deep = "scenario: s\nsteps:\n  - log: " + "[".repeat(70) + "a" + "]".repeat(70) + "\n";
        assertThat(problems(deep)).singleElement().asString()
            .startsWith("s.yaml:3:").contains("the nesting is too deep (more than 64 levels)");
    }

    @Test
    void refusesAKeyThatIsNotText() throws IOException {
        assertThat(problems("""
            scenario: s
            ? [a, b]
            : c
            steps:
              - log: a
            """)).containsExactly("s.yaml:2:3: a key must be a plain word or text, e.g. \"title:\"; write the key as text before the \":\"");
    }

    @Test
    void refusesASecondDocumentAtItsStart() throws IOException {
        assertThat(problems("scenario: s\nsteps:\n  - log: a\n---\nscenario: t\n")).singleElement().asString()
            .startsWith("s.yaml:4:1: only one scenario per file");
    }

    @Test
    void keepsQuotedNullAsTextAndPlainNullAsNothing() throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "scenario: s\ntitle: \"null\"\nmanual-minutes: ~\nsteps:\n  - log: a\n");
        var scenario = new ScenarioLoader().load(file);
        assertThat(scenario.title()).isEqualTo("null");
        assertThat(scenario.manualMinutes()).isNull();
    }
}
