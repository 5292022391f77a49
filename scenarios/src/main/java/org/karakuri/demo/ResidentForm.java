package org.karakuri.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What the registration screen posted, under the screen's legacy field names, and the checks
 * the old server runs on it. Values are kept as posted (trimmed) so a rejected form can be shown
 * again with everything the clerk typed.
 */
record ResidentForm(
        String receiptNo,
        String name,
        String kana,
        String birthDate,
        String genderCode,
        String postalCode,
        String address,
        String moveInDate,
        String previousAddress,
        String note) {

    static final String RECEIPT_NO = "txtUketsukeNo";
    static final String NAME = "txtShimei";
    static final String KANA = "txtKana";
    static final String BIRTH_DATE = "txtSeinengappi";
    static final String GENDER = "cmbSeibetsu";
    static final String POSTAL_CODE = "txtYubin";
    static final String ADDRESS = "txtJusho";
    static final String MOVE_IN_DATE = "txtIdoubi";
    static final String PREVIOUS_ADDRESS = "txtZenjusho";
    static final String NOTE = "txaBikou";

    /** The codes of the 性別 select, in the order the options appear. */
    static final Map<String, String> GENDERS = Map.of("1", "男", "2", "女");

    private static final Pattern KATAKANA = Pattern.compile("[\\u30A1-\\u30FA\\u30FB\\u30FC-\\u30FE\\u3000 ]+");
    private static final Pattern POSTAL = Pattern.compile("\\d{3}-\\d{4}");

    static ResidentForm empty() {
        return new ResidentForm("", "", "", "", "", "", "", "", "", "");
    }

    static ResidentForm from(Map<String, String> params) {
        return new ResidentForm(
                line(params, RECEIPT_NO), line(params, NAME), line(params, KANA),
                line(params, BIRTH_DATE), line(params, GENDER), line(params, POSTAL_CODE),
                line(params, ADDRESS), line(params, MOVE_IN_DATE), line(params, PREVIOUS_ADDRESS),
                params.getOrDefault(NOTE, ""));
    }

    private static String line(Map<String, String> params, String field) {
        return params.getOrDefault(field, "").strip();
    }

    /** The error messages in screen order; empty when the form can be registered. */
    List<String> validate(Predicate<String> receiptNoTaken) {
        List<String> errors = new ArrayList<>();
        if (receiptNo.isEmpty()) {
            errors.add("受付番号を入力してください");
        } else if (receiptNoTaken.test(receiptNo)) {
            errors.add(duplicateMessage(receiptNo));
        }
        if (name.isEmpty()) {
            errors.add("氏名を入力してください");
        }
        if (kana.isEmpty()) {
            errors.add("フリガナを入力してください");
        } else if (!KATAKANA.matcher(kana).matches()) {
            errors.add("フリガナは全角カタカナで入力してください");
        }
        if (birthDate.isEmpty()) {
            errors.add("生年月日を入力してください");
        } else if (BirthDates.parse(birthDate).isEmpty()) {
            errors.add("生年月日は日付で入力してください（例：1980/04/01、昭和55年4月1日）");
        }
        if (!GENDERS.containsKey(genderCode)) {
            errors.add("性別を選択してください");
        }
        if (!POSTAL.matcher(postalCode).matches()) {
            errors.add("郵便番号は「123-4567」の形式で入力してください");
        }
        return errors;
    }

    static String duplicateMessage(String receiptNo) {
        return "受付番号 " + receiptNo + " は既に登録されています";
    }

    Resident toResident() {
        return new Resident(receiptNo, name, kana, birthDate, GENDERS.get(genderCode), postalCode,
                address, moveInDate, previousAddress, note);
    }
}
