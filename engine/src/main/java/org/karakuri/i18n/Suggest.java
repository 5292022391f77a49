package org.karakuri.i18n;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?": the known name closest to what was written. */
public final class Suggest {
    private Suggest() {}

    /** The closest of {@code known} to {@code written}, if it is close enough to be a typo. */
    public static Optional<String> closest(String written, Collection<String> known) {
        if (written == null || written.isEmpty()) {
            return Optional.empty();
        }
        String w = written.toLowerCase(Locale.ROOT);
        return known.stream()
            .min(Comparator.comparingInt((String k) -> distance(w, k.toLowerCase(Locale.ROOT))).thenComparing(k -> k))
            .filter(k -> {
                int d = distance(w, k.toLowerCase(Locale.ROOT));
                return d <= Math.max(2, Math.min(w.length(), k.length()) / 3) || k.toLowerCase(Locale.ROOT).startsWith(w)
                    || w.startsWith(k.toLowerCase(Locale.ROOT));
            });
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
