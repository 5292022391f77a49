package org.karakuri.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {

    @Test
    void comparesARowColumnWithABareJapaneseWord() {
        Condition condition = Condition.parse("${row.区分} == 転入");
        assertThat(condition.test(MapLookup.of("row.区分", "転入"))).isTrue();
        assertThat(condition.test(MapLookup.of("row.区分", " 転入　"))).isTrue();
        assertThat(condition.test(MapLookup.of("row.区分", "転出"))).isFalse();
        assertThat(condition.source()).isEqualTo("${row.区分} == 転入");
        assertThat(condition).hasToString("${row.区分} == 転入");
    }

    @Test
    void testsEveryExampleOfTheLanguage() {
        MapLookup lookup = MapLookup.of("row.区分", "転入", "count", "11", "row.備考", "", "name", "テスト太郎",
                "a", "1", "b", "3", "c", null);
        assertThat(test("${row.区分} == 転入", lookup)).isTrue();
        assertThat(test("${count} > 10", lookup)).isTrue();
        assertThat(test("${row.備考} empty", lookup)).isTrue();
        assertThat(test("not ${row.備考} empty and ${row.区分} != '転出'", lookup)).isFalse();
        assertThat(test("${name} contains 'テスト'", lookup)).isTrue();
        assertThat(test("(${a} == 1 or ${b} == 2) and ${c} empty", lookup)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(textBlock = """
            true,  true,  true,  true
            true,  false, false, true
            false, true,  false, true
            false, false, false, false
            """)
    void andAndOrFollowTheirTruthTables(boolean a, boolean b, boolean and, boolean or) {
        MapLookup lookup = MapLookup.of("a", a, "b", b);
        assertThat(test("${a} and ${b}", lookup)).isEqualTo(and);
        assertThat(test("${a} or ${b}", lookup)).isEqualTo(or);
        assertThat(test("not ${a}", lookup)).isEqualTo(!a);
        assertThat(test("not (${a} and ${b})", lookup)).isEqualTo(!and);
        assertThat(test("not ${a} or not ${b}", lookup)).isEqualTo(!and);
    }

    @ParameterizedTest(name = "[{index}] a={0} b={1} c={2}")
    @CsvSource(textBlock = """
            true,  false, false
            false, true,  false
            false, true,  true
            true,  true,  true
            false, false, true
            """)
    void andBindsTighterThanOr(boolean a, boolean b, boolean c) {
        MapLookup lookup = MapLookup.of("a", a, "b", b, "c", c);
        assertThat(test("${a} or ${b} and ${c}", lookup)).isEqualTo(a || (b && c));
        assertThat(test("${b} and ${c} or ${a}", lookup)).isEqualTo((b && c) || a);
        assertThat(test("(${a} or ${b}) and ${c}", lookup)).isEqualTo((a || b) && c);
    }

    @Test
    void notAppliesToTheComparisonAfterIt() {
        MapLookup lookup = MapLookup.of("x", "", "y", "1");
        assertThat(test("not ${x} empty", lookup)).isFalse();
        assertThat(test("not ${y} == 1 or ${x} empty", lookup)).isTrue();
        assertThat(test("not not ${x} empty", lookup)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '#', textBlock = """
            ${v} == 1        # 1.0       # true
            ${v} == 1        # ' 1 '     # true
            ${v} == 1        # １        # true
            ${v} == 01       # 1         # true
            ${v} == -2.50    # -2.5      # true
            ${v} == 1        # 1a        # false
            ${v} == abc      # abc       # true
            ${v} == abc      # ABC       # false
            ${v} != 1        # 1.00      # false
            ${v} != 転出      # 転入      # true
            ${v} > 10        # 11        # true
            ${v} > 10        # 9         # false
            ${v} > 10        # 10        # false
            ${v} < 10        # 9.5       # true
            ${v} > 10        # １２      # true
            ${v} >= 10       # 10        # true
            ${v} <= 10       # 10.1      # false
            ${v} < 2024/05/01         # 2024-04-30     # true
            ${v} < 2024/05/01         # 2024-05-01     # false
            ${v} > 令和6年4月30日       # 2024/5/1       # true
            ${v} < 2024-05-01         # 平成31年4月30日 # true
            ${v} < b                  # a              # true
            ${v} > abc                # abd            # true
            ${v} contains 'テスト'     # 結合テスト     # true
            ${v} contains テスト       # 結合試験       # false
            ${v} contains ' '         # 山田 太郎      # true
            """)
    void comparesNumbersThenDatesThenText(String source, String value, boolean expected) {
        assertThat(test(source, MapLookup.of("v", value))).isEqualTo(expected);
    }

    @Test
    void comparesAsTextWhenTheNumericSideIsNotANumber() {
        // "9" < "10" as numbers, but "9" > "10a" as text
        assertThat(test("${v} > 10a", MapLookup.of("v", "9"))).isTrue();
    }

    @Test
    void comparesValuesThatAreNotText() {
        MapLookup lookup = MapLookup.of("today", LocalDate.of(2024, 5, 1), "count", 12, "ratio", 0.5,
                "roles", List.of("admin", "clerk"), "ids", List.of(1, 2), "flag", true);
        assertThat(test("${today} > 2024/4/30", lookup)).isTrue();
        assertThat(test("${today} == 2024-05-01", lookup)).isTrue();
        assertThat(test("${count} > 9", lookup)).isTrue();
        assertThat(test("${ratio} < 1", lookup)).isTrue();
        assertThat(test("${roles} contains admin", lookup)).isTrue();
        assertThat(test("${roles} contains adm", lookup)).isFalse();
        assertThat(test("${ids} contains 2.0", lookup)).isTrue();
        assertThat(test("${flag} == true", lookup)).isTrue();
    }

    @Test
    void emptyMeansNothingBlankTextOrNoElements() {
        Map<String, Boolean> cases = new java.util.LinkedHashMap<>();
        MapLookup lookup = MapLookup.of("null", null, "blank", "", "spaces", " \t", "zenkaku", "\u3000",
                "list", List.of(), "map", Map.of(), "text", "x", "zero", 0, "items", List.of(""));
        for (String name : List.of("null", "blank", "spaces", "zenkaku", "list", "map")) {
            cases.put(name, true);
        }
        for (String name : List.of("text", "zero", "items")) {
            cases.put(name, false);
        }
        cases.forEach((name, empty) -> assertThat(test("${" + name + "} empty", lookup)).as(name).isEqualTo(empty));
    }

    @Test
    void quotedTextIsLiteralAndMayHoldSpacesAndKeywords() {
        MapLookup lookup = MapLookup.of("name", "山田 太郎", "word", "and", "price", "${x}");
        assertThat(test("${name} == '山田 太郎'", lookup)).isTrue();
        assertThat(test("${name} == \"山田 太郎\"", lookup)).isTrue();
        assertThat(test("${word} == 'and'", lookup)).isTrue();
        assertThat(test("${price} == '${x}'", lookup)).isTrue();
        assertThat(test("'a' != \"b\"", lookup)).isTrue();
    }

    @Test
    void operandsMayJoinTextAndReferencesAndUseFilters() {
        MapLookup lookup = MapLookup.of("y", "2024", "m", "5", "d", "2019-05-01", "kana", "ﾃｽﾄ");
        assertThat(test("${y}/${m}/1 == 2024/5/1", lookup)).isTrue();
        assertThat(test("${d | wareki} == 令和元年5月1日", lookup)).isTrue();
        assertThat(test("${kana | zenkaku} == テスト", lookup)).isTrue();
        assertThat(test("${y}==2024 and(${m}>4)", lookup)).isTrue();
    }

    @Test
    void aLoneValueMustBeTrueOrFalse() {
        assertThat(test("${flag}", MapLookup.of("flag", true))).isTrue();
        assertThat(test("${flag}", MapLookup.of("flag", " FALSE "))).isFalse();
        assertThat(test("true", MapLookup.of())).isTrue();
        ExpressionException e = catchEvaluation("${a} == 1 and ${flag}", MapLookup.of("a", 1, "flag", "はい"));
        assertThat(e.offset()).isEqualTo(14);
        assertThat(e.messageKey()).isEqualTo("expr.not-a-boolean");
        assertThat(e.args()).containsExactly("はい");
    }

    @Test
    void neverShowsTheValueOfASecretThatIsNotABoolean() {
        ExpressionException e = catchEvaluation("${secret:pin}", MapLookup.of("secret:pin", "1234"));
        assertThat(e.messageKey()).isEqualTo("expr.secret-not-a-boolean");
        assertThat(e.args()).containsExactly("secret:pin");
        assertThat(e.getMessage()).doesNotContain("1234");
    }

    @Test
    void placesErrorsOfItsTemplatesInTheCondition() {
        ExpressionException e = catchEvaluation("${a} == 1 and ${d | wareki} == x", MapLookup.of("a", 1, "d", "abc"));
        assertThat(e.offset()).isEqualTo(14);
        assertThat(e.messageKey()).isEqualTo("expr.not-a-date");
    }

    @Test
    void stopsEvaluatingOnceTheResultIsKnown() {
        MapLookup lookup = MapLookup.of("d", "");
        assertThat(test("${d} empty or ${d | wareki} == x", lookup)).isTrue();
        assertThat(test("not ${d} empty and ${d | wareki} == x", lookup)).isFalse();
    }

    @Test
    void listsItsReferences() {
        assertThat(Condition.parse("${row.区分} == 転入 and (${count} > 1 or ${row.区分} empty)").references())
                .containsExactly("row.区分", "count");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '#', quoteCharacter = '`', textBlock = """
            ``                        # 0  # expr.condition-empty  #
            `   `                     # 0  # expr.condition-empty  #
            ${a} ==                   # 5  # expr.missing-operand  # ==
            == 1                      # 0  # expr.missing-operand  # ==
            ${a} == 1 and             # 10 # expr.missing-operand  # and
            ${a} == 1 or or ${b}      # 10 # expr.missing-operand  # or
            not                       # 0  # expr.missing-operand  # not
            ${a} contains             # 5  # expr.missing-operand  # contains
            ${a} == and               # 5  # expr.missing-operand  # ==
            ()                        # 0  # expr.missing-operand  # (
            empty                     # 0  # expr.missing-operand  # empty
            (${a} == 1                # 0  # expr.unclosed-parenthesis #
            ((${a} == 1)              # 0  # expr.unclosed-parenthesis #
            ${a} == 1)                # 9  # expr.unexpected-token # )
            ${a} == 1 2               # 10 # expr.unexpected-token # 2
            ${a} empty empty          # 11 # expr.unexpected-token # empty
            ${a} == 1 == 2            # 10 # expr.unexpected-token # ==
            (${a} b)                  # 6  # expr.unexpected-token # b
            ${a} = 1                  # 5  # expr.unexpected-token # =
            ${a} == 'x                # 8  # expr.unclosed-quote   # '
            ${a} == 1 and "b          # 14 # expr.unclosed-quote   # "
            ${a == 1                  # 0  # expr.unclosed         #
            ${a} == ${b | warek}      # 14 # expr.unknown-filter   # warek
            ${a} == x${}              # 9  # expr.empty-reference  #
            """)
    void rejectsMalformedConditionsAtTheOffsetOfTheProblem(String source, int offset, String key, String firstArg) {
        assertThatThrownBy(() -> Condition.parse(source))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo(key);
                    assertThat(e.offset()).isEqualTo(offset);
                    if (firstArg != null) {
                        assertThat(e.args()[0]).isEqualTo(firstArg);
                    }
                });
    }

    private static boolean test(String source, Lookup lookup) {
        return Condition.parse(source).test(lookup);
    }

    private static ExpressionException catchEvaluation(String source, Lookup lookup) {
        Condition condition = Condition.parse(source);
        try {
            condition.test(lookup);
        } catch (ExpressionException e) {
            return e;
        }
        throw new AssertionError("evaluated without error: " + source);
    }
}
