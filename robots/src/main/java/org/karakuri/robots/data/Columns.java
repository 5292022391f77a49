package org.karakuri.robots.data;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The columns of a row file, named by its header row. Names are trimmed (full-width spaces
 * too) and compared after NFKC normalisation, so {@code 氏名 }, {@code 氏名} and a half-width
 * {@code ﾌﾘｶﾞﾅ} / full-width {@code フリガナ} pair name the same column. A name that repeats
 * (a merged header cell spanning three columns, or two columns titled alike) is numbered from
 * its second column on: {@code 住所}, {@code 住所_2}, {@code 住所_3}. A column without a
 * header keeps its values in the results file but cannot be referred to.
 */
public final class Columns {
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    private Columns(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).isEmpty()) {
                index.putIfAbsent(key(names.get(i)), i);
            }
        }
    }

    /** Columns from the header cells as written; trailing empty cells are dropped. */
    public static Columns of(List<String> header) {
        int width = header.size();
        while (width > 0 && trim(header.get(width - 1)).isEmpty()) {
            width--;
        }
        List<String> names = new ArrayList<>(width);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < width; i++) {
            String name = trim(header.get(i));
            if (!name.isEmpty()) {
                int n = seen.merge(key(name), 1, Integer::sum);
                if (n > 1) {
                    String numbered = name + "_" + n;
                    while (seen.containsKey(key(numbered))) {
                        numbered = numbered + "_" + n;
                    }
                    seen.put(key(numbered), 1);
                    name = numbered;
                }
            }
            names.add(name);
        }
        return new Columns(names);
    }

    /** The comparison form of a column name: trimmed and NFKC-normalised. */
    public static String key(String name) {
        return Normalizer.normalize(trim(name), Normalizer.Form.NFKC);
    }

    static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    /** The column's index, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(key(name));
        return i == null ? -1 : i;
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** How many columns, named or not. */
    public int size() {
        return names.size();
    }

    /** The names in file order, "" for a column without a header. */
    public List<String> names() {
        return names;
    }

    public String name(int i) {
        return names.get(i);
    }

    /** The named columns, for messages: {@code 受付番号, 氏名, 生年月日}. */
    public String listed() {
        return names.stream().filter(n -> !n.isEmpty()).collect(Collectors.joining(", "));
    }
}
