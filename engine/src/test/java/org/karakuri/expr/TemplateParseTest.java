package org.karakuri.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateParseTest {

    private static final String ALL_FILTERS = "trim, upper, lower, zenkaku, hankaku, wareki, seireki, date";

    @Test
    void textWithoutReferencesIsConstant() {
        Template template = Template.parse("http://localhost:8089/login");
        assertThat(template.isConstant()).isTrue();
        assertThat(template.references()).isEmpty();
        assertThat(template.render(MapLookup.of())).isEqualTo("http://localhost:8089/login");
    }

    @Test
    void listsReferencesOnceInOrderOfAppearance() {
        Template template = Template.parse("${row.氏名} ${secret:legacy.password} ${ row.氏名 | trim }");
        assertThat(template.isConstant()).isFalse();
        assertThat(template.references()).containsExactly("row.氏名", "secret:legacy.password");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"name", "row.氏名", "row.氏 名", "row.生年月日(西暦)", "file", "file.name", "run.id",
        "today", "_x", "a-b", "env:HOME", "env:JAVA_HOME", "secret:legacy.password", "secret:legacy-system.user"})
    void acceptsReferenceSyntax(String reference) {
        assertThat(Template.parse("${" + reference + "}").references()).containsExactly(reference);
        assertThat(Template.parse("${ \u3000" + reference + " | trim}").references()).containsExactly(reference);
    }

    @Test
    void keepsTheSourceAsItsTextForm() {
        Template template = Template.parse("${inbox}/tennyu.csv");
        assertThat(template.source()).isEqualTo("${inbox}/tennyu.csv");
        assertThat(template).hasToString("${inbox}/tennyu.csv").isEqualTo(Template.parse("${inbox}/tennyu.csv"));
    }

    @Test
    void doubleDollarWritesALiteralDollarBrace() {
        Template template = Template.parse("$${name} costs $5, $$ and ${name}");
        assertThat(template.references()).containsExactly("name");
        assertThat(template.render(MapLookup.of("name", "x"))).isEqualTo("${name} costs $5, $$ and x");
        assertThat(Template.parse("$${").render(MapLookup.of())).isEqualTo("${");
        assertThat(Template.parse("$${x}").isConstant()).isTrue();
    }

    @Test
    void literalRendersItsTextAndEscapesItsSource() {
        Template template = Template.literal("${x} $${y}");
        assertThat(template.isConstant()).isTrue();
        assertThat(template.render(MapLookup.of())).isEqualTo("${x} $${y}");
        assertThat(template.source()).isEqualTo("$${x} $$${y}");
        assertThat(Template.parse(template.source()).render(MapLookup.of())).isEqualTo("${x} $${y}");
        assertThat(Template.literal("").evaluate(MapLookup.of())).isEqualTo("");
    }

    @Test
    void publishesFilterNamesInDocumentationOrder() {
        assertThat(String.join(", ", Filters.names())).isEqualTo(ALL_FILTERS);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '#', quoteCharacter = '`', textBlock = """
            abc ${name                  # 4  # expr.unclosed
            ${                          # 0  # expr.unclosed
            ${name | upper              # 0  # expr.unclosed
            ${name |                    # 0  # expr.unclosed
            ${name | date:              # 0  # expr.unclosed
            x${}                        # 1  # expr.empty-reference
            `${ }`                      # 0  # expr.empty-reference
            ${ | upper}                 # 0  # expr.empty-reference
            ${1abc}                     # 2  # expr.bad-reference
            ${  1abc}                   # 4  # expr.bad-reference
            ${env:}                     # 2  # expr.bad-reference
            ${env:A.B}                  # 2  # expr.bad-reference
            ${secret:}                  # 2  # expr.bad-reference
            ${row.}                     # 2  # expr.bad-reference
            ${a b}                      # 2  # expr.bad-reference
            `${name | }`                # 7  # expr.missing-filter
            ${name || upper}            # 7  # expr.missing-filter
            ${name | 'x'}               # 7  # expr.missing-filter
            ${name | warek}             # 9  # expr.unknown-filter
            ${name | date}              # 9  # expr.filter-needs-argument
            ${name | date:}             # 9  # expr.filter-needs-argument
            ${name | date:''}           # 9  # expr.filter-needs-argument
            ${name | upper:'x'}         # 14 # expr.filter-takes-no-argument
            ${name | date:'yyyy}        # 14 # expr.unclosed-quote
            ${name | date:"yyyy}        # 14 # expr.unclosed-quote
            ${name | date:yyyy/MM/dd}   # 14 # expr.unquoted-argument
            ${name | date:'yyyy' x}     # 21 # expr.unexpected-text
            ${name | upper lower}       # 15 # expr.unexpected-text
            ${name | date:'yyyy-bb'}    # 14 # expr.bad-date-pattern
            """)
    void rejectsMalformedTemplatesAtTheOffsetOfTheProblem(String source, int offset, String key) {
        assertThatThrownBy(() -> Template.parse(source))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo(key);
                    assertThat(e.offset()).isEqualTo(offset);
                });
    }

    @Test
    void unknownFilterNamesTheClosestAndAllFilters() {
        assertThatThrownBy(() -> Template.parse("${row.生年月日 | warek}"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.args()).containsExactly("warek", "wareki", ALL_FILTERS);
                    assertThat(e.getMessage()).isEqualTo(
                            "unknown filter \"warek\": did you mean \"wareki\"? Known filters: " + ALL_FILTERS);
                });
        assertThatThrownBy(() -> Template.parse("${x | UPPER}"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.args()[1]).isEqualTo("upper"));
        assertThatThrownBy(() -> Template.parse("${x | 和暦}"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.args()[0]).isEqualTo("和暦"));
    }

    @Test
    void errorsNameWhatWasWrittenAndWhatToWriteInstead() {
        assertThat(argsOf("${1abc}")).containsExactly("1abc");
        assertThat(argsOf("${name | date}")).containsExactly("date", "date:'yyyy/MM/dd'");
        assertThat(argsOf("${name | date:yyyy/MM/dd }")).containsExactly("date", "yyyy/MM/dd");
        assertThat(argsOf("${name | upper lower}")).containsExactly("lower");
        assertThat(argsOf("${name | date:'yyyy}")).containsExactly("'");
        assertThat(argsOf("${name | date:'yyyy-bb'}")[0]).isEqualTo("yyyy-bb");
        assertThat(messageOf("${name | date:yyyy/MM/dd}"))
                .isEqualTo("the argument of filter \"date\" must be in quotes: write date:'yyyy/MM/dd'");
    }

    @Test
    void filterArgumentsMayHoldBracesAndBarsInsideQuotes() {
        Template template = Template.parse("${d | date:\"yyyy'|'MM'}'\"} ${d | date : 'd' }");
        assertThat(template.references()).containsExactly("d");
        assertThat(template.render(MapLookup.of("d", java.time.LocalDate.of(2024, 5, 1)))).isEqualTo("2024|05} 1");
    }

    @Test
    void parsesEveryExampleOfTheScenarioLanguage() {
        List<String> examples = List.of("${system}/login", "${secret:legacy.user}", "${row.氏名}",
                "${row.生年月日 | wareki}", "${inbox}/tennyu.csv", "${file}", "${file.name}", "${env:NAME}",
                "${run.id}", "${today}", "${x | trim}", "${x | upper}", "${x | lower}", "${x | zenkaku}",
                "${x | hankaku}", "${x | seireki}", "${x | date:'yyyy/MM/dd'}");
        assertThat(examples).allSatisfy(source -> assertThat(Template.parse(source).source()).isEqualTo(source));
    }

    private static Object[] argsOf(String source) {
        return catchExpression(source).args();
    }

    private static String messageOf(String source) {
        return catchExpression(source).getMessage();
    }

    private static ExpressionException catchExpression(String source) {
        try {
            Template.parse(source);
        } catch (ExpressionException e) {
            return e;
        }
        throw new AssertionError("parsed without error: " + source);
    }

    @org.junit.jupiter.api.Test
    void acceptsJapaneseVariableNames() {
        assertThat(Template.parse("${受付日 | wareki}").references()).containsExactly("受付日");
    }
}
