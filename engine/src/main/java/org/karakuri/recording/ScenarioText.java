package org.karakuri.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes a scenario as YAML text with comments where they help a reader (Jackson's writer
 * keeps no comments). Steps are {@link StepOut}s; a {@code String} in a step list is a comment
 * line of its own.
 */
final class ScenarioText {
    private static final Pattern PLAIN = Pattern.compile("[^\\s\\-?:,\\[\\]{}#&*!|>'\"%@`]([^\\n\\t]*[^\\s])?");
    private static final Pattern RESERVED = Pattern.compile(
        "(?i)(true|false|yes|no|on|off|y|n|null|~)|[-+]?(\\d[\\d_]*)?(\\.\\d*)?([eE][-+]?\\d+)?|0x[0-9a-f]+|0o[0-7]+|[-+]?\\.(inf|nan)");

    private ScenarioText() {}

    /** One key: value line of a map, with comment lines above it. */
    record Entry(String key, String value, boolean raw, List<String> comments) {
        Entry(String key, String value) {
            this(key, value, false, new ArrayList<>());
        }

        /** A value written as it is: {@code true}, a number, a duration. */
        static Entry raw(String key, String value) {
            return new Entry(key, value, true, new ArrayList<>());
        }
    }

    /** A step being written: comment lines above it, its action and value, its modifiers. */
    static final class StepOut {
        final String action;
        final List<String> comments = new ArrayList<>();
        final List<String> hints = new ArrayList<>();
        final List<Entry> entries = new ArrayList<>();
        final List<Entry> modifiers = new ArrayList<>();
        final List<Entry> with = new ArrayList<>();
        String scalar;
        List<Object> block;
        List<Object> then;

        StepOut(String action, String scalar) {
            this.action = action;
            this.scalar = scalar;
        }

        boolean has(String key) {
            return entries.stream().anyMatch(e -> e.key().equals(key));
        }
    }

    /** A YAML scalar: plain when that reads the same, else double-quoted. */
    static String scalar(String s) {
        if (s.isEmpty()) {
            return "\"\"";
        }
        if (PLAIN.matcher(s).matches() && !RESERVED.matcher(s).matches() && !s.contains(": ") && !s.contains(" #")
                && !s.endsWith(":") && s.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == 0xfeff)) {
            return s;
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0xfeff) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Comment lines, one {@code # …} line each, at {@code indent}. */
    static void comment(StringBuilder b, String text, int indent) {
        for (String line : text.split("\\R")) {
            b.append(" ".repeat(indent)).append("# ").append(line.strip()).append('\n');
        }
    }

    /** The steps (and comment lines) of {@code nodes} as list items at {@code indent}. */
    static void steps(StringBuilder b, List<Object> nodes, int indent) {
        for (Object node : nodes) {
            if (node instanceof String c) {
                comment(b, c, indent);
                continue;
            }
            StepOut s = (StepOut) node;
            s.comments.forEach(c -> comment(b, c, indent));
            s.hints.forEach(c -> comment(b, c, indent));
            b.append(" ".repeat(indent)).append("- ").append(s.action).append(':');
            if (s.scalar != null) {
                b.append(' ').append(scalar(s.scalar)).append('\n');
            } else {
                b.append('\n');
                entries(b, s.entries, indent + 4);
                if (s.block != null) {
                    b.append(" ".repeat(indent + 4)).append("steps:\n");
                    steps(b, s.block, indent + 6);
                }
            }
            if (s.then != null) {
                b.append(" ".repeat(indent + 2)).append("then:\n");
                steps(b, s.then, indent + 4);
            }
            if (!s.with.isEmpty()) {
                b.append(" ".repeat(indent + 2)).append("with:\n");
                entries(b, s.with, indent + 4);
            }
            entries(b, s.modifiers, indent + 2);
        }
    }

    static void entries(StringBuilder b, List<Entry> entries, int indent) {
        for (Entry e : entries) {
            e.comments().forEach(c -> comment(b, c, indent));
            b.append(" ".repeat(indent)).append(scalar(e.key())).append(": ")
                .append(e.raw() ? e.value() : scalar(e.value())).append('\n');
        }
    }
}
