package org.karakuri.demo;

import java.util.List;

/**
 * The 異動一覧 CSV the download screen hands out, and the record count the import screen reports.
 * Shift_JIS (Windows-31J), CRLF line ends, fields quoted only when they must be (RFC 4180).
 */
final class MovementCsv {

    static final String HEADER = "受付番号,氏名,フリガナ,生年月日,性別,郵便番号,住所,異動日";

    private MovementCsv() {
    }

    static byte[] write(List<Resident> residents) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (Resident r : residents) {
            List<String> fields = List.of(r.receiptNo(), r.name(), r.kana(), r.birthDate(), r.gender(),
                    r.postalCode(), r.address(), r.moveInDate());
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                csv.append(quoted(fields.get(i)));
            }
            csv.append("\r\n");
        }
        return ShiftJis.encode(csv.toString());
    }

    private static String quoted(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\r") || field.contains("\n")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }

    /** Records after the header line; blank lines don't count, quoted line breaks stay in their record. */
    static int countDataRecords(String text) {
        int records = 0;
        boolean quoted = false;
        boolean blank = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && (c == '\n' || c == '\r')) {
                if (!blank) {
                    records++;
                }
                blank = true;
            } else if (!Character.isWhitespace(c) && c != '\uFEFF') {
                blank = false;
            }
        }
        if (!blank) {
            records++;
        }
        return Math.max(records - 1, 0);
    }
}
