package org.karakuri.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesMarkupAndQuotes() {
        assertThat(Html.escape("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    @Test
    void showsAnEmptyCellAsNonBreakingSpace() {
        assertThat(Html.cell("")).isEqualTo("&nbsp;");
        assertThat(Html.cell("髙<")).isEqualTo("髙&lt;");
    }

    @Test
    void fillsPlaceholdersOnceSoValuesAreNeverExpandedAgain() {
        assertThat(Html.fill("<p>{a}{b}</p>", "a", "{b}", "b", "x")).isEqualTo("<p>{b}x</p>");
    }

    @Test
    void refusesAValueWithoutPlaceholder() {
        assertThatThrownBy(() -> Html.fill("<p>{a}</p>", "a", "1", "typo", "2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no placeholder for [typo] in template");
    }
}
