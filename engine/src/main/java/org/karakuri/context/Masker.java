package org.karakuri.context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.karakuri.expr.Kana;
import org.karakuri.jp.MyNumber;

/**
 * Keeps secrets and My Numbers out of everything people read: every resolved secret is
 * registered here, and every text bound for a log, event, report or message passes through
 * {@link #mask(String)}.
 */
public final class Masker {
    public static final String MASK = "********";

    private static final Masker GLOBAL = new Masker(null);

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final Masker parent;
    private volatile List<String> longestFirst = List.of();
    private volatile List<Pattern> shortOnes = List.of();

    public Masker() {
        this(GLOBAL);
    }

    private Masker(Masker parent) {
        this.parent = parent;
    }

    /** Every value registered by any run of this process: what ordinary logs are masked with. */
    public static Masker global() {
        return GLOBAL;
    }

    /**
     * Registers a value that must never appear in clear, with the forms the text filters make of
     * it ({@code trim}, {@code upper}, {@code lower}, {@code zenkaku}, {@code hankaku} and their
     * combinations), so a secret passed through a filter is masked too. Values shorter than 3
     * characters are masked where they stand as a word of their own (not inside a longer run of
     * letters or digits).
     */
    public void register(String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        boolean added = false;
        for (String form : forms(value)) {
            added |= secrets.add(form);
        }
        if (added) {
            List<String> sorted = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
            longestFirst = sorted;
            shortOnes = sorted.stream().filter(x -> x.length() < 3).map(Masker::wordPattern).toList();
        }
        if (parent != null) {
            parent.register(value);
        }
    }

    private static final List<UnaryOperator<String>> FILTERS = List.of(String::strip, t -> t.toUpperCase(Locale.ROOT),
        t -> t.toLowerCase(Locale.ROOT), Kana::zenkaku, Kana::hankaku);

    /** {@code value} and what the text filters make of it, up to three filters deep. */
    static Set<String> forms(String value) {
        Set<String> all = new LinkedHashSet<>(List.of(value));
        List<String> frontier = List.of(value);
        for (int depth = 0; depth < 3 && !frontier.isEmpty(); depth++) {
            List<String> next = new ArrayList<>();
            for (String v : frontier) {
                for (UnaryOperator<String> f : FILTERS) {
                    String w = f.apply(v);
                    if (!w.isBlank() && all.add(w)) {
                        next.add(w);
                    }
                }
            }
            frontier = next;
        }
        return all;
    }

    private static Pattern wordPattern(String s) {
        return Pattern.compile("(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])" + Pattern.quote(s) + "(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])");
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : longestFirst) {
            if (s.length() >= 3) {
                out = out.replace(s, MASK);
            }
        }
        for (Pattern p : shortOnes) {
            out = p.matcher(out).replaceAll(MASK);
        }
        return MyNumber.maskAll(out, MASK);
    }

    /** Masks any value: strings directly, other objects through their text. */
    public Object maskValue(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return mask(value.toString());
    }
}
