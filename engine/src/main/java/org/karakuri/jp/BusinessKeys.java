package org.karakuri.jp;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Business keys (受付番号, a My Number…) as a person means them: {@code １２３４５６７８９０１８},
 * {@code 1234-5678-9018} and {@code 123456789018} are one key, and {@code Ｒ－１} is {@code R-1}.
 */
public final class BusinessKeys {
    private static final Pattern DASHES = Pattern.compile("[‐‑‒–—―−﹣－]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern NUMBER_LIKE = Pattern.compile("[0-9]+(?:[ \\-./_ー]{1,2}[0-9]+)*");

    private BusinessKeys() {}

    /**
     * The form keys are compared in: NFKC (full-width letters and digits become half-width), every
     * dash the same, spaces trimmed and single; a key of digits and separators keeps its digits only.
     */
    public static String normalise(String written) {
        String n = Normalizer.normalize(written == null ? "" : written, Normalizer.Form.NFKC);
        n = SPACES.matcher(DASHES.matcher(n).replaceAll("-")).replaceAll(" ").strip();
        if (NUMBER_LIKE.matcher(n).matches()) {
            n = n.replaceAll("[^0-9]", "");
        }
        return n;
    }

    /** Whether a key must never be kept in clear: its column is masked, or it is a My Number. */
    public static boolean hidden(String written, boolean maskedColumn) {
        return maskedColumn || MyNumber.isValid(normalise(written));
    }
}
