package org.karakuri.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateEvaluationTest {
    private static final LocalDate MAY_FIRST = LocalDate.of(2024, 5, 1);

    @Test
    void aLoneReferenceEvaluatesToTheRawValue() {
        List<String> rows = List.of("a", "b");
        MapLookup lookup = MapLookup.of("today", MAY_FIRST, "rows", rows, "count", 3, "nothing", null);
        assertThat(Template.parse("${today}").evaluate(lookup)).isEqualTo(MAY_FIRST);
        assertThat(Template.parse("${ rows }").evaluate(lookup)).isSameAs(rows);
        assertThat(Template.parse("${count}").evaluate(lookup)).isEqualTo(3);
        assertThat(Template.parse("${nothing}").evaluate(lookup)).isNull();
    }

    @Test
    void anythingAroundAReferenceMakesText() {
        MapLookup lookup = MapLookup.of("today", MAY_FIRST, "count", 3, "nothing", null);
        assertThat(Template.parse(" ${today}").evaluate(lookup)).isEqualTo(" 2024-05-01");
        assertThat(Template.parse("${count}${count}").evaluate(lookup)).isEqualTo("33");
        assertThat(Template.parse("[${nothing}]").evaluate(lookup)).isEqualTo("[]");
        assertThat(Template.parse("plain").evaluate(lookup)).isEqualTo("plain");
    }

    @Test
    void renderAlwaysGivesText() {
        MapLookup lookup = MapLookup.of("today", MAY_FIRST, "nothing", null, "flag", true);
        assertThat(Template.parse("${nothing}").render(lookup)).isEmpty();
        assertThat(Template.parse("${today}").render(lookup)).isEqualTo("2024-05-01");
        assertThat(Template.parse("${flag}").render(lookup)).isEqualTo("true");
    }

    @Test
    void appliesFiltersLeftToRight() {
        MapLookup lookup = MapLookup.of("name", "　yamada taro ", "kana", "ﾔﾏﾀﾞ ﾀﾛｳ");
        assertThat(Template.parse("${name | trim | upper}").render(lookup)).isEqualTo("YAMADA TARO");
        assertThat(Template.parse("${name|trim|upper|zenkaku}").render(lookup)).isEqualTo("ＹＡＭＡＤＡ　ＴＡＲＯ");
        assertThat(Template.parse("${kana | zenkaku}").render(lookup)).isEqualTo("ヤマダ　タロウ");
        assertThat(Template.parse("${kana | zenkaku | hankaku}").render(lookup)).isEqualTo("ﾔﾏﾀﾞ ﾀﾛｳ");
        assertThat(Template.parse("${name | lower | trim}").render(lookup)).isEqualTo("yamada taro");
        assertThat(Template.parse("${name | trim | upper | lower}").render(lookup)).isEqualTo("yamada taro");
    }

    @Test
    void upperAndLowerIgnoreTheDefaultLocale() {
        MapLookup lookup = MapLookup.of("id", "title-i");
        assertThat(Template.parse("${id | upper}").render(lookup)).isEqualTo("TITLE-I");
        assertThat(Template.parse("${id | upper | lower}").render(lookup)).isEqualTo("title-i");
    }

    @Test
    void nullStaysNullThroughEveryFilterButTrim() {
        MapLookup lookup = MapLookup.of("nothing", null);
        for (String filter : List.of("upper", "lower", "zenkaku", "hankaku", "wareki", "seireki", "date:'yyyy'")) {
            assertThat(Template.parse("${nothing | " + filter + "}").evaluate(lookup)).as(filter).isNull();
        }
        assertThat(Template.parse("${nothing | trim}").evaluate(lookup)).isEqualTo("");
        assertThat(Template.parse("${nothing | trim | upper}").evaluate(lookup)).isEqualTo("");
    }

    @Test
    void filtersTurnOtherValuesIntoText() {
        MapLookup lookup = MapLookup.of("count", 12, "flag", false);
        assertThat(Template.parse("${count | zenkaku}").evaluate(lookup)).isEqualTo("１２");
        assertThat(Template.parse("${flag | upper}").evaluate(lookup)).isEqualTo("FALSE");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            2024-05-01, 令和6年5月1日
            2024/05/01, 令和6年5月1日
            2024/5/1,   令和6年5月1日
            ２０２４/５/１, 令和6年5月1日
            2019-05-01, 令和元年5月1日
            1989/1/7,   昭和64年1月7日
            2024年5月1日, 令和6年5月1日
            2024-05-01T09:30, 令和6年5月1日
            令和6年5月1日, 令和6年5月1日
            """)
    void warekiReadsDateText(String text, String wareki) {
        assertThat(Template.parse("${d | wareki}").evaluate(MapLookup.of("d", text))).isEqualTo(wareki);
    }

    @Test
    void warekiFormatsDateObjects() {
        assertThat(Template.parse("${d | wareki}").evaluate(MapLookup.of("d", MAY_FIRST))).isEqualTo("令和6年5月1日");
        assertThat(Template.parse("${d | wareki}").evaluate(MapLookup.of("d", LocalDateTime.of(2019, 4, 30, 23, 59))))
                .isEqualTo("平成31年4月30日");
    }

    @Test
    void seirekiGivesADateWhoseTextIsIso() {
        MapLookup lookup = MapLookup.of("d", "令和元年5月1日", "short", "H31.4.30", "date", MAY_FIRST);
        assertThat(Template.parse("${d | seireki}").evaluate(lookup)).isEqualTo(LocalDate.of(2019, 5, 1));
        assertThat(Template.parse("生年月日: ${d | seireki}").render(lookup)).isEqualTo("生年月日: 2019-05-01");
        assertThat(Template.parse("${short | seireki | date:'yyyy/MM/dd'}").render(lookup)).isEqualTo("2019/04/30");
        assertThat(Template.parse("${date | seireki}").evaluate(lookup)).isEqualTo(MAY_FIRST);
        assertThat(Template.parse("${d | seireki | wareki}").evaluate(lookup)).isEqualTo("令和元年5月1日");
    }

    @ParameterizedTest(name = "[{index}] {0} | {1}")
    @CsvSource(textBlock = """
            2024-05-01,       yyyy/MM/dd,        2024/05/01
            2024/5/1,         yyyy/MM/dd,        2024/05/01
            2024.5.1,         yyyyMMdd,          20240501
            令和6年5月1日,      yyyy-MM-dd,        2024-05-01
            R6.5.1,           M/d,               5/1
            2024-05-01,       yyyy年M月d日(E),    2024年5月1日(水)
            2024-05-01T09:05, yyyy/MM/dd HH:mm,  2024/05/01 09:05
            """)
    void dateFormatsDateText(String text, String pattern, String expected) {
        Template template = Template.parse("${d | date:'" + pattern + "'}");
        assertThat(template.evaluate(MapLookup.of("d", text))).isEqualTo(expected);
    }

    @Test
    void dateFormatsDateObjects() {
        assertThat(Template.parse("${d | date:'yyyy/MM/dd'}").evaluate(MapLookup.of("d", MAY_FIRST)))
                .isEqualTo("2024/05/01");
        assertThat(Template.parse("${d | date:\"HH:mm\"}").evaluate(MapLookup.of("d", LocalDateTime.of(2024, 5, 1, 22, 0))))
                .isEqualTo("22:00");
    }

    @Test
    void evaluationErrorsStartAtTheirReferenceAndNameTheValue() {
        String source = "氏名 ${row.氏名} 生年月日 ${row.生年月日 | trim | wareki}";
        ExpressionException e = evaluationError(source, MapLookup.of("row.氏名", "山田", "row.生年月日", "不明"));
        assertThat(e.offset()).isEqualTo(source.indexOf("${row.生年月日")).isEqualTo(18);
        assertThat(e.messageKey()).isEqualTo("expr.not-a-date");
        assertThat(e.args()).containsExactly("不明");
        assertThat(e.getMessage()).contains("不明");
    }

    @ParameterizedTest(name = "[{index}] {0} | {1}")
    @CsvSource(textBlock = """
            2024/02/30,     wareki,          expr.invalid-date
            1868-01-24,     wareki,          expr.wareki.before-meiji
            平成31年5月1日,   seireki,         expr.wareki.era-ended
            令和1年4月30日,   seireki,         expr.wareki.era-not-begun
            abc,            seireki,         expr.not-a-date
            abc,            date:'yyyy',     expr.not-a-date
            2024-05-01,     date:'HH:mm',    expr.date-format-failed
            """)
    void reportsValuesThatAFilterCannotRead(String value, String filter, String key) {
        ExpressionException e = evaluationError("値: ${v | " + filter + "}", MapLookup.of("v", value));
        assertThat(e.offset()).isEqualTo(3);
        assertThat(e.messageKey()).isEqualTo(key);
        assertThat(e.getMessage()).contains(value);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            wareki
            seireki
            date:'yyyy/MM/dd'
            date:'HH:mm'
            """)
    void neverShowsTheValueOfASecretInAnError(String filter) {
        String secret = "1868-01-24 hunter2";
        ExpressionException e = evaluationError("pw=${secret:legacy.password | trim | " + filter + "}",
                MapLookup.of("secret:legacy.password", secret));
        assertThat(e.offset()).isEqualTo(3);
        assertThat(e.messageKey()).isEqualTo("expr.secret-value-invalid");
        assertThat(e.args()).containsExactly("secret:legacy.password", filter.replaceAll(":.*", ""));
        assertThat(e.getMessage()).doesNotContain("hunter2").contains("${secret:legacy.password}");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void placesAnUnknownReferenceOfTheLookupAtItsReference() {
        ExpressionException e = evaluationError("to ${missing}", MapLookup.of());
        assertThat(e.offset()).isEqualTo(3);
        assertThat(e.messageKey()).isEqualTo("test.unknown-reference");
        assertThat(e.args()).containsExactly("missing");
        assertThat(e.getCause()).isInstanceOf(ExpressionException.class);
    }

    @Test
    void wrapsOtherFailuresOfTheLookup() {
        Lookup failing = reference -> {
            throw new IllegalStateException("store locked");
        };
        ExpressionException e = evaluationError("a ${secret:x}", failing);
        assertThat(e.offset()).isEqualTo(2);
        assertThat(e.messageKey()).isEqualTo("expr.reference-failed");
        assertThat(e.args()).containsExactly("secret:x", "store locked");
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
    }

    private static ExpressionException evaluationError(String source, Lookup lookup) {
        Template template = Template.parse(source);
        try {
            template.evaluate(lookup);
        } catch (ExpressionException e) {
            assertThatThrownBy(() -> template.render(lookup)).isInstanceOf(ExpressionException.class);
            return e;
        }
        throw new AssertionError("evaluated without error: " + source);
    }
}
