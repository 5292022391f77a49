package org.karakuri.expr;

import java.util.HashMap;
import java.util.Map;

/**
 * Converts between full-width (全角) and half-width (半角) characters, the way legacy
 * systems of city halls expect names and addresses to be typed.
 *
 * <p>{@link #zenkaku} turns printable ASCII (space becomes U+3000) and half-width katakana
 * into full width, joining a voiced or semi-voiced mark with the kana before it
 * (ｶﾞ → ガ, ﾊﾟ → パ, ｳﾞ → ヴ). {@link #hankaku} does the reverse (ガ → ｶﾞ). Characters
 * without the other form — kanji, hiragana, ヰ, ヶ — are left as they are.
 */
public final class Kana {
    /** Full-width forms of U+FF61..U+FF9F, in code point order. */
    private static final String FULL_KANA =
            "。「」、・ヲァィゥェォャュョッー"
            + "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
            + "゛゜";
    private static final char HALF_KANA_FIRST = '\uFF61';
    private static final char HALF_VOICED_MARK = '\uFF9E';
    private static final char HALF_SEMI_VOICED_MARK = '\uFF9F';
    private static final char IDEOGRAPHIC_SPACE = '\u3000';
    private static final int FULL_ASCII_OFFSET = 0xFF01 - '!';

    /** Full-width kana → its half-width spelling (one char, or two with a mark). */
    private static final Map<Character, String> TO_HALF = new HashMap<>();
    /** Half-width kana + mark → the voiced full-width kana. */
    private static final Map<String, Character> VOICED = new HashMap<>();

    static {
        for (int i = 0; i < FULL_KANA.length(); i++) {
            TO_HALF.put(FULL_KANA.charAt(i), String.valueOf((char) (HALF_KANA_FIRST + i)));
        }
        // ガ is カ + 1 and パ is ハ + 2 in Unicode, for every kana that has such forms
        for (char base : "カキクケコサシスセソタチツテトハヒフヘホ".toCharArray()) {
            addVoiced(base, HALF_VOICED_MARK, (char) (base + 1));
        }
        for (char base : "ハヒフヘホ".toCharArray()) {
            addVoiced(base, HALF_SEMI_VOICED_MARK, (char) (base + 2));
        }
        addVoiced('ウ', HALF_VOICED_MARK, 'ヴ');
        addVoiced('ワ', HALF_VOICED_MARK, 'ヷ');
        addVoiced('ヲ', HALF_VOICED_MARK, 'ヺ');
        // combining marks (as in decomposed text) become the half-width marks too
        TO_HALF.put('\u3099', String.valueOf(HALF_VOICED_MARK));
        TO_HALF.put('\u309A', String.valueOf(HALF_SEMI_VOICED_MARK));
    }

    private static void addVoiced(char fullBase, char mark, char voiced) {
        String half = TO_HALF.get(fullBase) + mark;
        VOICED.put(half, voiced);
        TO_HALF.put(voiced, half);
    }

    private Kana() {}

    /** Returns {@code s} with ASCII and half-width katakana in full width; {@code null} stays {@code null}. */
    public static String zenkaku(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                out.append(IDEOGRAPHIC_SPACE);
            } else if (c > ' ' && c < 0x7F) {
                out.append((char) (c + FULL_ASCII_OFFSET));
            } else if (c >= HALF_KANA_FIRST && c <= HALF_SEMI_VOICED_MARK) {
                Character voiced = i + 1 < s.length() ? VOICED.get(s.substring(i, i + 2)) : null;
                if (voiced != null) {
                    out.append(voiced.charValue());
                    i++;
                } else {
                    out.append(FULL_KANA.charAt(c - HALF_KANA_FIRST));
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Returns {@code s} with full-width ASCII and katakana in half width; {@code null} stays {@code null}. */
    public static String hankaku(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String half = TO_HALF.get(c);
            if (half != null) {
                out.append(half);
            } else if (c == IDEOGRAPHIC_SPACE) {
                out.append(' ');
            } else if (c >= '\uFF01' && c <= '\uFF5E') {
                out.append((char) (c - FULL_ASCII_OFFSET));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
