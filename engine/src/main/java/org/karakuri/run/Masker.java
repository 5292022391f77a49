package org.karakuri.run;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Registers a value that must never appear in clear. Values shorter than 3 characters are masked only where they stand alone. */
    public void register(String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (secrets.add(value)) {
            longestFirst = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        }
        if (parent != null) {
            parent.register(value);
        }
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : longestFirst) {
            if (s.length() >= 3) {
                out = out.replace(s, MASK);
            } else if (out.equals(s)) {
                out = MASK;
            }
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
