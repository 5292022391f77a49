package org.karakuri.robots.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.karakuri.i18n.Messages;
import org.karakuri.jp.MyNumber;
import org.karakuri.load.Problem;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.i18n.Position;
import org.karakuri.model.Entries;
import org.karakuri.yaml.YNode;

class ChecksTest {
    private static final Position AT = new Position("s.yaml", 1, 1);

    @TempDir
    Path dir;

    @BeforeEach
    void english() {
        Messages.setDefault(Locale.ENGLISH);
    }

    private static Checks checks(String column, YNode rules) {
        return Checks.parse(new Entries<>(List.of(new Entries.Entry<>(column, rules, AT))));
    }

    private static YNode word(String w) {
        return new YNode.Scalar(w, AT);
    }

    private static Row row(String column, Object value) {
        return new Row(Columns.of(List.of(column)), new Object[] {value}, 2);
    }

    private static List<String> problems(String rule, Object value) {
        return checks("列", word(rule)).problems(row("列", value), Set.of());
    }

    /** A valid My Number: 11 digits and the check digit the law defines. */
    static String myNumber(String eleven) {
        return eleven + MyNumber.checkDigit(eleven);
    }

    @Test
    void myNumberAcceptsTheOfficialCheckDigitHalfOrFullWidthWithOrWithoutSeparators() {
        String valid = myNumber("12345678901");
        assertThat(valid).isEqualTo("123456789018");
        assertThat(problems("my-number", valid)).isEmpty();
        assertThat(problems("my-number", "1234-5678-9018")).isEmpty();
        assertThat(problems("my-number", "１２３４ ５６７８ ９０１８")).isEmpty();
        assertThat(problems("my-number", 123456789018L)).isEmpty();
        // text is taken as written: a leading zero lost in a text cell is a wrong number
        assertThat(problems("my-number", myNumber("01234567890").substring(1))).hasSize(1);
    }

    @Test
    void aNumberCellKeepsItsLeadingZero() {
        String withZero = myNumber("01234567890");
        assertThat(problems("my-number", Long.parseLong(withZero))).isEmpty();
    }

    @Test
    void myNumberRejectsAWrongCheckDigitOrLengthWithoutShowingTheNumber() {
        String valid = myNumber("12345678901");
        String wrong = valid.substring(0, 11) + ((valid.charAt(11) - '0' + 1) % 10);
        assertThat(problems("my-number", wrong)).singleElement().satisfies(p -> {
            assertThat(p).isEqualTo("列 is not a My Number: the check digit (the last digit) is wrong; check the number against the card");
            assertThat(p).doesNotContain(wrong);
        });
        assertThat(problems("my-number", "12345678901")).containsExactly("列 is not a My Number: it has 11 digits instead of 12");
        assertThat(problems("my-number", "")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2024-05-01", "2024/5/1", "2024年5月1日", "令和6年5月1日", "令和元年5月1日", "R6.5.1", "H31.4.30", "２０２４／５／１"})
    void dateAcceptsWhatTheDateFiltersRead(String text) {
        assertThat(problems("date", text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2024-02-30", "平成31年5月1日", "昨日", "20240501"})
    void dateRejectsTextTheFiltersCannotRead(String text) {
        assertThat(problems("date", text)).singleElement().asString()
            .isEqualTo("列: '" + text + "' is not a date; write 2024-05-01, 2024/5/1, 2024年5月1日, 令和6年5月1日 or R6.5.1");
    }

    @Test
    void aDateCellIsADate() {
        assertThat(problems("date", LocalDate.of(2024, 5, 1))).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        100-0001   | true
        1000001    | true
        １００－０００１ | true
        〒100-0001  | true
        100‐0001   | true
        100-00001  | false
        10-0001    | false
        100ー0001   | false
        """)
    void postalCodeTakesThreeAndFourDigitsHalfOrFullWidth(String text, boolean ok) {
        assertThat(problems("postal-code", text)).hasSize(ok ? 0 : 1);
    }

    @Test
    void postalCodeOfANumberCellKeepsItsLeadingZero() {
        assertThat(problems("postal-code", 600001L)).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        ヤマダ　タロウ    | true
        ﾔﾏﾀﾞ ﾀﾛｳ       | true
        ヴァイオリン・ケース | true
        ヤマダ　たろう    | false
        山田            | false
        YAMADA          | false
        """)
    void katakanaTakesFullOrHalfWidthKatakana(String text, boolean ok) {
        assertThat(problems("katakana", text)).hasSize(ok ? 0 : 1);
    }

    @Test
    void maxLengthCountsCharactersNotCodeUnits() {
        Checks c = checks("氏名", new YNode.Map(List.of(new YNode.Entry((YNode.Scalar) word("max-length"), word("3"))), AT));
        assertThat(c.problems(row("氏名", "𠮷野家"), Set.of())).isEmpty();
        assertThat(c.problems(row("氏名", "𠮷野家族"), Set.of())).containsExactly("氏名 is 4 characters long; at most 3 are allowed");
    }

    @Test
    void combinesRulesAndOnlyRequiredRejectsAnEmptyCell() {
        YNode rules = new YNode.Seq(List.of(word("required"), word("katakana"),
            new YNode.Map(List.of(new YNode.Entry((YNode.Scalar) word("pattern"), word("ア.*"))), AT)), AT);
        Checks c = checks("フリガナ", rules);
        assertThat(c.problems(row("フリガナ", null), Set.of())).containsExactly("フリガナ is empty");
        assertThat(c.problems(row("フリガナ", "アイ"), Set.of())).isEmpty();
        assertThat(c.problems(row("フリガナ", "イア"), Set.of())).containsExactly("フリガナ: 'イア' does not have the form ア.*");
        assertThat(checks("備考", word("katakana")).problems(row("備考", "  "), Set.of())).isEmpty();
    }

    @Test
    void aMaskedColumnsValueIsNotShown() {
        assertThat(checks("口座", word("postal-code")).problems(row("口座", "1234567890"), Set.of("口座")))
            .containsExactly("口座: '********' is not a postal code; write 123-4567");
    }

    private List<String> loadProblems(String yaml) {
        ScenarioLoader.Result r = new ScenarioLoader().checkText(yaml, dir.resolve("s.yaml"));
        return r.problems().stream().map(p -> p.format(Messages.get())).toList();
    }

    @Test
    void rejectsAnUnknownRuleAtItsPlaceWithTheClosestOne() {
        assertThat(loadProblems("""
            scenario: s
            steps:
              - for-each-row:
                  file: a.csv
                  check:
                    氏名: [required, {max-lenght: 20}]
                  steps:
                    - log: x
            """)).singleElement().asString().startsWith(dir.resolve("s.yaml") + ":6:25: steps[0].for-each-row: ")
            .endsWith("unknown check 'max-lenght' for 氏名 (did you mean 'max-length'?); the checks are: " + Checks.ALL);
        assertThat(loadProblems("""
            scenario: s
            steps:
              - for-each-row:
                  file: a.csv
                  check:
                    生年月日: requird
                  steps:
                    - log: x
            """)).singleElement().asString().contains(":6:15: ").contains("'requird' for 生年月日 (did you mean 'required'?)");
    }

    @Test
    void rejectsBadRuleValuesAtTheValue() {
        assertThat(loadProblems("""
            scenario: s
            steps:
              - for-each-row:
                  file: a.csv
                  check:
                    氏名: {max-length: 二十}
                    番号: {pattern: '[0-9'}
                    区分: max-length
                  steps:
                    - log: x
            """)).singleElement().asString().contains(":6:26: ").endsWith("check: 氏名: max-length must be a whole number of characters, 1 or more, not '二十'");
        assertThat(loadProblems("""
            scenario: s
            steps:
              - for-each-row:
                  file: a.csv
                  check:
                    番号: {pattern: '[0-9'}
                  steps:
                    - log: x
            """)).singleElement().asString().contains(":6:23: ").contains("check: 番号: '[0-9' is not a regular expression");
        assertThat(loadProblems("""
            scenario: s
            steps:
              - for-each-row:
                  file: a.csv
                  check:
                    区分: max-length
                  steps:
                    - log: x
            """)).singleElement().asString().contains(":6:13: ").endsWith("check: 区分: max-length needs a value; write {max-length: 20}");
    }

    @Test
    void resumeNeedsAKeyAndHeaderRowStartsAtOne() {
        List<String> p = loadProblems("""
            scenario: s
            steps:
              - for-each-row:
                  file: a.csv
                  resume: retry
                  steps:
                    - log: x
              - for-each-row:
                  file: a.csv
                  header-row: 0
                  resume: redo
                  steps:
                    - log: x
            """);
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).endsWith("resume: retry needs key: (the business key column that tells rows apart across runs)");
        assertThat(p.get(1)).contains(":11:").contains("'redo' is not allowed here").contains("review, retry");
    }

    @Test
    void everyExampleOfTheDataActionsLoads() {
        try (var home = org.karakuri.testing.ExampleDataSources.in(dir.resolve("home"))) {
            examplesLoad();
        }
    }

    private void examplesLoad() {
        for (var action : List.of(new ForEachRow(), new WriteRows())) {
            for (String example : action.examples()) {
                String yaml = "scenario: example\nvars:\n  inbox: ./in\n  found: x\nsteps:\n  - "
                    + String.join("\n    ", example.strip().lines().toList()) + "\n";
                assertThat(new ScenarioLoader().checkText(yaml, dir.resolve("e.yaml")).problems()).as(example)
                    .extracting(Problem::toString).isEmpty();
            }
        }
        assertThat(Arrays.stream(Checks.Kind.values()).map(k -> k.yaml)).containsExactly(
            "required", "my-number", "date", "postal-code", "katakana", "max-length", "pattern");
    }
}
