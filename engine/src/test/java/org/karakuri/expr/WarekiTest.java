package org.karakuri.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WarekiTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(textBlock = """
            1868-01-25, 明治元年1月25日
            1868-10-23, 明治元年10月23日
            1869-01-01, 明治2年1月1日
            1872-12-31, 明治5年12月31日
            1873-01-01, 明治6年1月1日
            1912-07-29, 明治45年7月29日
            1912-07-30, 大正元年7月30日
            1913-01-01, 大正2年1月1日
            1926-12-24, 大正15年12月24日
            1926-12-25, 昭和元年12月25日
            1927-01-01, 昭和2年1月1日
            1989-01-07, 昭和64年1月7日
            1989-01-08, 平成元年1月8日
            2019-04-30, 平成31年4月30日
            2019-05-01, 令和元年5月1日
            2020-01-01, 令和2年1月1日
            2024-05-01, 令和6年5月1日
            """)
    void convertsEraBoundariesBothWays(LocalDate date, String wareki) {
        assertThat(Wareki.format(date)).isEqualTo(wareki);
        assertThat(Wareki.parse(wareki)).isEqualTo(date);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            令和6年5月1日,       2024-05-01
            令和元年5月1日,      2019-05-01
            令和1年5月1日,       2019-05-01
            令和06年05月01日,    2024-05-01
            令和６年５月１日,     2024-05-01
            令和元年５月１日,     2019-05-01
            ' 令和 6年 5月 1日 ', 2024-05-01
            平成31年4月30日,     2019-04-30
            R6.5.1,            2024-05-01
            R06.05.01,         2024-05-01
            r6.5.1,            2024-05-01
            R元.5.1,           2019-05-01
            Ｒ６．５．１,         2024-05-01
            R6/5/1,            2024-05-01
            R6-5-1,            2024-05-01
            R6年5月1日,         2024-05-01
            H31.4.30,          2019-04-30
            H1.1.8,            1989-01-08
            S64.1.7,           1989-01-07
            S1.12.25,          1926-12-25
            T1.7.30,           1912-07-30
            T15.12.24,         1926-12-24
            M45.7.29,          1912-07-29
            M1.10.23,          1868-10-23
            M6.1.1,            1873-01-01
            """)
    void readsEveryAcceptedForm(String text, LocalDate expected) {
        assertThat(Wareki.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            平成31年5月1日, 平成, 2019-04-30
            H31.5.1,      平成, 2019-04-30
            昭和64年1月8日, 昭和, 1989-01-07
            大正15年12月25日, 大正, 1926-12-24
            明治45年7月30日, 明治, 1912-07-29
            平成32年1月1日, 平成, 2019-04-30
            """)
    void rejectsDatesAfterTheEraEnded(String text, String era, String lastDay) {
        assertThatThrownBy(() -> Wareki.parse(text))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("expr.wareki.era-ended");
                    assertThat(e.args()).containsExactly(text, era, lastDay);
                    assertThat(e.getMessage()).contains(text, lastDay);
                });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            令和1年4月30日, 令和, 2019-05-01
            令和元年4月30日, 令和, 2019-05-01
            令和0年5月1日,  令和, 2019-05-01
            平成元年1月7日, 平成, 1989-01-08
            昭和元年12月24日, 昭和, 1926-12-25
            大正元年7月29日, 大正, 1912-07-30
            明治元年1月24日, 明治, 1868-01-25
            """)
    void rejectsDatesBeforeTheEraBegan(String text, String era, String firstDay) {
        assertThatThrownBy(() -> Wareki.parse(text))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("expr.wareki.era-not-begun");
                    assertThat(e.args()).containsExactly(text, era, firstDay);
                });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            令和6年2月30日
            R6.13.1
            H1.2.29
            """)
    void rejectsDaysThatAreNotInTheCalendar(String text) {
        assertThatThrownBy(() -> Wareki.parse(text))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("expr.invalid-date");
                    assertThat(e.args()).containsExactly(text);
                });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            2024-05-01
            令和六年五月一日
            X6.5.1
            R6.5
            R6.5/1
            令和6年5月
            慶応4年1月1日
            ''
            """)
    void rejectsTextThatIsNotAJapaneseEraDate(String text) {
        assertThatThrownBy(() -> Wareki.parse(text))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("expr.not-wareki");
                    assertThat(e.args()).containsExactly(text);
                    assertThat(e.getMessage()).contains(text, "令和6年5月1日");
                });
    }

    @Test
    void rejectsDatesBeforeMeijiNamingTheDate() {
        assertThatThrownBy(() -> Wareki.format(LocalDate.of(1868, 1, 24)))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("expr.wareki.before-meiji");
                    assertThat(e.args()).containsExactly("1868-01-24", "1868-01-25");
                    assertThat(e.getMessage()).contains("1868-01-24");
                });
    }

    @Test
    void agreesWithJapaneseDateOnEveryDayFromMeiji6() {
        for (LocalDate d = LocalDate.of(1873, 1, 1); d.getYear() < 2030; d = d.plusDays(1)) {
            assertThat(Wareki.parse(Wareki.format(d))).isEqualTo(d);
        }
    }
}
