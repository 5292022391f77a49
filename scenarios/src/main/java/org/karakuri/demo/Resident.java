package org.karakuri.demo;

/**
 * One resident as the demo 住民記録システム stores it: the values exactly as the clerk (or the
 * robot) typed them, trimmed. {@code gender} is {@code 男} or {@code 女}; dates stay in the
 * notation they were entered in ({@code 令和6年5月1日}, {@code 1980/04/01}, ...).
 *
 * <p>A {@code null} field other than {@code receiptNo} is stored as the empty string.
 */
public record Resident(
        String receiptNo,
        String name,
        String kana,
        String birthDate,
        String gender,
        String postalCode,
        String address,
        String moveInDate,
        String previousAddress,
        String note) {

    public Resident {
        if (receiptNo == null || receiptNo.isBlank()) {
            throw new IllegalArgumentException("receiptNo (受付番号) must not be blank, was: '" + receiptNo + "'");
        }
        name = orEmpty(name);
        kana = orEmpty(kana);
        birthDate = orEmpty(birthDate);
        gender = orEmpty(gender);
        postalCode = orEmpty(postalCode);
        address = orEmpty(address);
        moveInDate = orEmpty(moveInDate);
        previousAddress = orEmpty(previousAddress);
        note = orEmpty(note);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
