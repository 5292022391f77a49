package org.karakuri.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MovementCsvTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|0",
            "'受付番号,氏名'|0",
            "'受付番号,氏名\r\n'|0",
            "'受付番号,氏名\r\nR-1,a'|1",
            "'受付番号,氏名\nR-1,a\nR-2,b\n'|2",
            "'\uFEFF受付番号,氏名\r\nR-1,a\r\n\r\n\r\nR-2,b\r\n'|2",
            "'受付番号,備考\r\nR-1,\"1行目\r\n2行目\"\r\nR-2,\"\"\"引用\"\"\"\r\n'|2"})
    void countsTheRecordsAfterTheHeaderLine(String csv, int records) {
        assertThat(MovementCsv.countDataRecords(csv)).isEqualTo(records);
    }
}
