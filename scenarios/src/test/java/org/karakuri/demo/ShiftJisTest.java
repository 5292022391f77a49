package org.karakuri.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.net.URLEncoder;
import org.junit.jupiter.api.Test;

class ShiftJisTest {

    @Test
    void decodesTrailBytesThatBrowsersLeaveUnescaped() {
        // カナ as Chrome sends it from a Shift_JIS page: カ = 83 4A ('J'), ナ = 83 69 ('i')
        assertThat(ShiftJis.parseUrlEncoded("txtKana=%83J%83i")).containsExactly(entry("txtKana", "カナ"));
    }

    @Test
    void decodesFullyEscapedValuesToo() {
        String encoded = "txtShimei=" + URLEncoder.encode("髙橋　①子", ShiftJis.CHARSET);

        assertThat(ShiftJis.parseUrlEncoded(encoded)).containsExactly(entry("txtShimei", "髙橋　①子"));
    }

    @Test
    void roundTripsVendorCharactersTheWayABrowserSendsThem() {
        String text = "髙﨑 ①② ㈱ ～ － タカハシ ソ 表 能";

        assertThat(ShiftJis.parseUrlEncoded("v=" + LegacyClient.browserEncode(text))).containsExactly(entry("v", text));
    }

    @Test
    void readsPlusAsSpaceKeepsTheFirstValueAndToleratesStrayPercent() {
        assertThat(ShiftJis.parseUrlEncoded("a=1+2&b=&c&a=9&d=100%&e=%zz%4"))
                .containsExactly(entry("a", "1 2"), entry("b", ""), entry("c", ""), entry("d", "100%"), entry("e", "%zz%4"));
    }

    @Test
    void readsNothingFromNothing() {
        assertThat(ShiftJis.parseUrlEncoded((String) null)).isEmpty();
        assertThat(ShiftJis.parseUrlEncoded("")).isEmpty();
    }
}
