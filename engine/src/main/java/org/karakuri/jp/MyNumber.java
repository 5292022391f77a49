package org.karakuri.jp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 個人番号 (My Number): 12 digits whose last is a check digit (番号法施行令 第8条).
 * Found in free text written half- or full-width, in one piece or in groups (4-4-4, 2-4-6)
 * with any separator people use: spaces, dashes, long-vowel marks, '.', '/', '_'.
 */
public final class MyNumber {
    private static final String DIGIT = "[0-9０-９]";
    /** What people put between groups: spaces (one or two, half- or full-width), dashes and bars of every width, '.', '/', '_'. */
    private static final String SEP = "(?:[ 　]{1,2}|[\\-－‐‑‒–—―ー−﹣.．/／_＿])";
    /**
     * 12 digits, half- or full-width, written in one piece or grouped 4-4-4 or 2-4-6 with a
     * separator between groups, not inside a longer number.
     */
    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9０-９])(?:"
        + DIGIT + "{4}" + SEP + "?" + DIGIT + "{4}" + SEP + "?" + DIGIT + "{4}"
        + "|" + DIGIT + "{2}" + SEP + "?" + DIGIT + "{4}" + SEP + "?" + DIGIT + "{6}"
        + ")(?![0-9０-９])");

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
        for (char c : m.group().toCharArray()) {
            if (c >= '０' && c <= '９') {
                b.append((char) ('0' + (c - '０')));
            } else if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean checkDigitOk(String twelve) {
        return checkDigit(twelve.substring(0, 11)) == twelve.charAt(11) - '0';
    }
}
