package org.karakuri.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BirthDatesTest {

    @ParameterizedTest
    @CsvSource({
            "1980/04/01, 1980-04-01",
            "1980-4-1, 1980-04-01",
            "昭和55年4月1日, 1980-04-01",
            "令和6年5月1日, 2024-05-01",
            "令和元年5月1日, 2019-05-01",
            "平成元年1月8日, 1989-01-08",
            "昭和64年1月7日, 1989-01-07",
            "平成31年4月30日, 2019-04-30",
            "大正15年12月24日, 1926-12-24",
            "明治45年7月29日, 1912-07-29"})
    void readsWesternAndJapaneseCalendarDates(String text, LocalDate expected) {
        assertThat(BirthDates.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1980/02/30", "1980/04-01", "80/04/01", "昭和64年1月8日", "平成31年5月1日",
            "令和0年5月1日", "令和6年2月30日", "S55.4.1", "昭和５５年４月１日", " 1980/04/01"})
    void rejectsTextThatIsNotADate(String text) {
        assertThat(BirthDates.parse(text)).isEmpty();
    }
}
