package org.karakuri.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowKeysTest {
    @Test
    void oneKeyHowEverItIsWritten() {
        assertThat(RowKeys.normalise("１２３４５６７８９０１８")).isEqualTo("123456789018");
        assertThat(RowKeys.normalise("1234-5678-9018")).isEqualTo("123456789018");
        assertThat(RowKeys.normalise(" 1234 5678 9018 ")).isEqualTo("123456789018");
        assertThat(RowKeys.normalise("1234ー5678ー9018")).isEqualTo("123456789018");
        assertThat(RowKeys.normalise("Ｒ－１")).isEqualTo("R-1");
        assertThat(RowKeys.normalise("R−1")).isEqualTo("R-1");
        assertThat(RowKeys.normalise("山田　太郎")).isEqualTo("山田 太郎");
        assertThat(RowKeys.normalise("ｶﾀｶﾅ")).isEqualTo("カタカナ");
    }

    @Test
    void lettersKeepTheirCaseAndSeparatorsOutsideNumbersStay() {
        assertThat(RowKeys.normalise("r-1")).isNotEqualTo(RowKeys.normalise("R-1"));
        assertThat(RowKeys.normalise("A-12/3")).isEqualTo("A-12/3");
        assertThat(RowKeys.normalise("2024/05/01")).isEqualTo("20240501");
    }

    @Test
    void aMyNumberOrAMaskedColumnIsHidden() {
        assertThat(RowKeys.hidden("1234 5678 9018", false)).isTrue();
        assertThat(RowKeys.hidden("12-3456-789018", false)).isTrue();
        assertThat(RowKeys.hidden("R-1", false)).isFalse();
        assertThat(RowKeys.hidden("R-1", true)).isTrue();
    }

    @Test
    void theOlderVersionsFormsOfAMyNumberAreAllKnown() {
        assertThat(RowKeys.oldMyNumberForms("123456789018")).hasSize(72)
            .contains("123456789018", "1234-5678-9018", "1234 5678 9018", "１２３４５６７８９０１８", "１２３４－５６７８－９０１８", "1234　5678-9018");
    }
}
