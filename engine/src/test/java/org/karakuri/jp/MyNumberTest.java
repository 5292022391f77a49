package org.karakuri.jp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MyNumberTest {
    @Test
    void computesTheOfficialCheckDigit() {
        // 12345678901 → weights 6,5,4,3,2,7,6,5,4,3,2 from the left; sum 212 → 212 % 11 = 3 → 11 - 3 = 8
        assertThat(MyNumber.checkDigit("12345678901")).isEqualTo(8);
        assertThat(MyNumber.isValid("123456789018")).isTrue();
        assertThat(MyNumber.isValid("123456789012")).isFalse();
        assertThat(MyNumber.checkDigit("00000000000")).isZero();
    }

    @Test
    void acceptsFullWidthDigitsAndSeparators() {
        assertThat(MyNumber.isValid("１２３４５６７８９０１８")).isTrue();
        assertThat(MyNumber.isValid("1234-5678-9018")).isTrue();
        assertThat(MyNumber.isValid("1234 5678 9018")).isTrue();
        assertThat(MyNumber.isValid("12345678901")).isFalse();
    }

    @Test
    void masksOnlyValidNumbersStandingAlone() {
        assertThat(MyNumber.maskAll("番号 123456789018 です", "*")).isEqualTo("番号 * です");
        assertThat(MyNumber.maskAll("番号 123456789012 です", "*")).isEqualTo("番号 123456789012 です");
        assertThat(MyNumber.maskAll("電話 0123456789018", "*")).isEqualTo("電話 0123456789018");
        assertThat(MyNumber.maskAll("a１２３４ ５６７８ ９０１８b", "*")).isEqualTo("a*b");
    }

    @Test
    void masksEveryWayPeopleWriteOne() {
        for (String written : java.util.List.of("1234ー5678ー9018", "1234−5678−9018", "1234–5678–9018", "1234.5678.9018", "1234/5678/9018",
            "1234_5678_9018", "1234  5678  9018", "12 3456 789018", "12-3456-789018", "123456789018", "１２３４－５６７８－９０１８",
            "１２ー３４５６ー７８９０１８", "１２３４　５６７８　９０１８", "1234／5678／9018")) {
            assertThat(MyNumber.maskAll("番号: " + written + " です", "*")).as(written).isEqualTo("番号: * です");
            assertThat(MyNumber.isValid(written)).as(written).isTrue();
        }
        assertThat(MyNumber.maskAll("番号: 1234ー5678ー9012 です", "*")).as("wrong check digit").contains("9012");
        assertThat(MyNumber.maskAll("2024/05/01 12:34", "*")).isEqualTo("2024/05/01 12:34");
    }
}
