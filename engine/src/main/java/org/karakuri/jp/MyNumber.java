package org.karakuri.jp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 個人番号 (My Number): 12 digits whose last is a check digit (番号法施行令 第8条).
 * Found in free text written half- or full-width, with or without separators.
 */
public final class MyNumber {
    /** 12 digits, optionally as 4-4-4 with a space or hyphen, not inside a longer number. */
    private static final Pattern CANDIDATE = Pattern.compile(
        "(?<![0-9０-９])([0-9０-９]{4})[ 　\\-－‐]?([0-9０-９]{4})[ 　\\-－‐]?([0-9０-９]{4})(?![0-9０-９])");

    private MyNumber() {}

    /** True when {@code text} is a My Number (separators and full-width digits allowed). */
    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        Matcher m = CANDIDATE.matcher(text.strip());
        return m.matches() && checkDigitOk(digits(m));
    }

    /** The check digit for the first 11 digits. */
    public static int checkDigit(String elevenDigits) {
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = elevenDigits.charAt(11 - n) - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int r = sum % 11;
        return r <= 1 ? 0 : 11 - r;
    }

    /** {@code text} with every valid My Number in it replaced by {@code mask}. */
    public static String maskAll(String text, String mask) {
        if (text == null || text.length() < 12) {
            return text;
        }
        Matcher m = CANDIDATE.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (checkDigitOk(digits(m))) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, last, m.start()).append(mask);
                last = m.end();
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, last, text.length()).toString();
    }

    private static String digits(Matcher m) {
        StringBuilder b = new StringBuilder(12);
        for (int g = 1; g <= 3; g++) {
            for (char c : m.group(g).toCharArray()) {
                b.append(c >= '０' && c <= '９' ? (char) ('0' + (c - '０')) : c);
            }
        }
        return b.toString();
    }

    private static boolean checkDigitOk(String twelve) {
        return checkDigit(twelve.substring(0, 11)) == twelve.charAt(11) - '0';
    }
}
