package org.karakuri.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import org.junit.jupiter.api.Test;

/** Whole years of holidays, written out from the law and the Cabinet Office's published lists. */
class JapaneseHolidaysTest {

    private static Map<LocalDate, String> days(int year, String... monthDayName) {
        Map<LocalDate, String> m = new LinkedHashMap<>();
        for (String s : monthDayName) {
            String[] p = s.split(" ");
            String[] md = p[0].split("/");
            m.put(LocalDate.of(year, Integer.parseInt(md[0]), Integer.parseInt(md[1])), p[1]);
        }
        return m;
    }

    @Test
    void listsEveryHolidayOf2019WithTheAccessionDays() {
        assertThat(JapaneseHolidays.of(2019)).containsExactlyEntriesOf(days(2019,
            "1/1 元日", "1/14 成人の日", "2/11 建国記念の日", "3/21 春分の日", "4/29 昭和の日", "4/30 国民の休日",
            "5/1 天皇の即位の日", "5/2 国民の休日", "5/3 憲法記念日", "5/4 みどりの日", "5/5 こどもの日", "5/6 振替休日",
            "7/15 海の日", "8/11 山の日", "8/12 振替休日", "9/16 敬老の日", "9/23 秋分の日", "10/14 体育の日",
            "10/22 即位礼正殿の儀の行われる日", "11/3 文化の日", "11/4 振替休日", "11/23 勤労感謝の日"));
    }

    @Test
    void hasNoEmperorsBirthdayIn2019() {
        assertThat(JapaneseHolidays.of(2019).values()).doesNotContain("天皇誕生日");
        assertThat(JapaneseHolidays.name(LocalDate.of(2018, 12, 23))).isEqualTo("天皇誕生日");
        assertThat(JapaneseHolidays.name(LocalDate.of(2018, 12, 24))).isEqualTo("振替休日");
    }

    @Test
    void listsEveryHolidayOf2020WithTheOlympicMoves() {
        assertThat(JapaneseHolidays.of(2020)).containsExactlyEntriesOf(days(2020,
            "1/1 元日", "1/13 成人の日", "2/11 建国記念の日", "2/23 天皇誕生日", "2/24 振替休日", "3/20 春分の日",
            "4/29 昭和の日", "5/3 憲法記念日", "5/4 みどりの日", "5/5 こどもの日", "5/6 振替休日",
            "7/23 海の日", "7/24 スポーツの日", "8/10 山の日", "9/21 敬老の日", "9/22 秋分の日",
            "11/3 文化の日", "11/23 勤労感謝の日"));
    }

    @Test
    void listsEveryHolidayOf2021WithTheOlympicMovesAndASundayMountainDay() {
        assertThat(JapaneseHolidays.of(2021)).containsExactlyEntriesOf(days(2021,
            "1/1 元日", "1/11 成人の日", "2/11 建国記念の日", "2/23 天皇誕生日", "3/20 春分の日",
            "4/29 昭和の日", "5/3 憲法記念日", "5/4 みどりの日", "5/5 こどもの日",
            "7/22 海の日", "7/23 スポーツの日", "8/8 山の日", "8/9 振替休日", "9/20 敬老の日", "9/23 秋分の日",
            "11/3 文化の日", "11/23 勤労感謝の日"));
    }

    @Test
    void listsEveryHolidayOf2025() {
        assertThat(JapaneseHolidays.of(2025)).containsExactlyEntriesOf(days(2025,
            "1/1 元日", "1/13 成人の日", "2/11 建国記念の日", "2/23 天皇誕生日", "2/24 振替休日", "3/20 春分の日",
            "4/29 昭和の日", "5/3 憲法記念日", "5/4 みどりの日", "5/5 こどもの日", "5/6 振替休日",
            "7/21 海の日", "8/11 山の日", "9/15 敬老の日", "9/23 秋分の日", "10/13 スポーツの日",
            "11/3 文化の日", "11/23 勤労感謝の日", "11/24 振替休日"));
    }

    @Test
    void listsEveryHolidayOf2026WithSilverWeek() {
        assertThat(JapaneseHolidays.of(2026)).containsExactlyEntriesOf(days(2026,
            "1/1 元日", "1/12 成人の日", "2/11 建国記念の日", "2/23 天皇誕生日", "3/20 春分の日",
            "4/29 昭和の日", "5/3 憲法記念日", "5/4 みどりの日", "5/5 こどもの日", "5/6 振替休日",
            "7/20 海の日", "8/11 山の日", "9/21 敬老の日", "9/22 国民の休日", "9/23 秋分の日", "10/12 スポーツの日",
            "11/3 文化の日", "11/23 勤労感謝の日"));
    }

    @Test
    void givesASubstituteHolidayForTheSundayVernalEquinoxOf2027AndNoneForTheThursdayAutumnalOne() {
        NavigableMap<LocalDate, String> y = JapaneseHolidays.of(2027);
        assertThat(LocalDate.of(2027, 3, 21).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(y).containsEntry(LocalDate.of(2027, 3, 21), "春分の日").containsEntry(LocalDate.of(2027, 3, 22), "振替休日");
        assertThat(y).containsEntry(LocalDate.of(2027, 9, 23), "秋分の日").doesNotContainKey(LocalDate.of(2027, 9, 24));
        assertThat(y).containsExactlyEntriesOf(days(2027,
            "1/1 元日", "1/11 成人の日", "2/11 建国記念の日", "2/23 天皇誕生日", "3/21 春分の日", "3/22 振替休日",
            "4/29 昭和の日", "5/3 憲法記念日", "5/4 みどりの日", "5/5 こどもの日",
            "7/19 海の日", "8/11 山の日", "9/20 敬老の日", "9/23 秋分の日", "10/11 スポーツの日",
            "11/3 文化の日", "11/23 勤労感謝の日"));
    }

    @Test
    void movesASundayHolidayPastTheNextHolidaysSince2007() {
        // 2008: 5/4 みどりの日 on a Sunday, 5/5 is こどもの日, so the rest day is Tuesday 5/6
        assertThat(JapaneseHolidays.name(LocalDate.of(2008, 5, 6))).isEqualTo("振替休日");
    }

    @Test
    void followsTheRulesBefore2007() {
        // a fixed 海の日 and 敬老の日 until 2002, the Happy Monday from 2003
        assertThat(JapaneseHolidays.name(LocalDate.of(2002, 7, 20))).isEqualTo("海の日");
        assertThat(JapaneseHolidays.name(LocalDate.of(2002, 9, 16))).isEqualTo("振替休日");
        assertThat(JapaneseHolidays.name(LocalDate.of(2003, 7, 21))).isEqualTo("海の日");
        assertThat(JapaneseHolidays.name(LocalDate.of(2003, 9, 15))).isEqualTo("敬老の日");
        // 4/29 was みどりの日 and 5/4 a 国民の休日 between two holidays
        assertThat(JapaneseHolidays.name(LocalDate.of(2006, 4, 29))).isEqualTo("みどりの日");
        assertThat(JapaneseHolidays.name(LocalDate.of(2006, 5, 4))).isEqualTo("国民の休日");
        // a sandwiched Sunday stayed a Sunday, not a holiday
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2003, 5, 4))).isFalse();
        assertThat(JapaneseHolidays.name(LocalDate.of(2001, 12, 24))).isEqualTo("振替休日");
        assertThat(JapaneseHolidays.name(LocalDate.of(2000, 1, 10))).isEqualTo("成人の日");
    }

    @Test
    void givesSilverWeekWheneverTheEquinoxFallsTwoDaysAfterRespectForTheAgedDay() {
        assertThat(JapaneseHolidays.name(LocalDate.of(2009, 9, 22))).isEqualTo("国民の休日");
        assertThat(JapaneseHolidays.name(LocalDate.of(2015, 9, 22))).isEqualTo("国民の休日");
        assertThat(JapaneseHolidays.name(LocalDate.of(2026, 9, 22))).isEqualTo("国民の休日");
    }

    @Test
    void computesTheEquinoxesWithTheStandardApproximation() {
        assertThat(JapaneseHolidays.vernalEquinoxDay(2000)).isEqualTo(20);
        assertThat(JapaneseHolidays.vernalEquinoxDay(2023)).isEqualTo(21);
        assertThat(JapaneseHolidays.vernalEquinoxDay(2099)).isEqualTo(20);
        assertThat(JapaneseHolidays.autumnalEquinoxDay(2012)).isEqualTo(22);
        assertThat(JapaneseHolidays.autumnalEquinoxDay(2024)).isEqualTo(22);
        assertThat(JapaneseHolidays.autumnalEquinoxDay(2099)).isEqualTo(23);
    }

    @Test
    void keepsEverySubstituteAfterASundayHolidayInEveryYearTo2099() {
        for (int y = JapaneseHolidays.FIRST_YEAR; y <= JapaneseHolidays.LAST_YEAR; y++) {
            NavigableMap<LocalDate, String> h = JapaneseHolidays.of(y);
            assertThat(h).hasSizeBetween(15, 23);
            h.forEach((d, name) -> {
                if (name.equals("振替休日")) {
                    LocalDate before = d.minusDays(1);
                    while (!before.getDayOfWeek().equals(DayOfWeek.SUNDAY)) {
                        assertThat(h).containsKey(before);
                        before = before.minusDays(1);
                    }
                    assertThat(h).containsKey(before);
                }
                if (name.equals("国民の休日")) {
                    assertThat(h).containsKeys(d.minusDays(1), d.plusDays(1));
                }
            });
        }
    }

    @Test
    void refusesYearsOutsideTheComputedRange() {
        assertThatThrownBy(() -> JapaneseHolidays.of(2100)).hasMessageContaining("2000-2099");
    }
}
