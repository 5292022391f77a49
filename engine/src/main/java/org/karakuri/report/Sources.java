package org.karakuri.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A step as its author wrote it ({@code click: ログイン}, {@code fill: 氏名, 生年月日}), read from
 * the scenario file at the step's place: the report shows what a person recognises, not only
 * an action name. Scenario files hold no secrets (those are {@code ${secret:…}}).
 */
final class Sources {
    private static final Set<String> FIELD_MAPS = Set.of("fill", "select", "expect-value", "read", "set", "upload");
    private static final int MAX = 140;
    private final Path folder;
    private final Map<String, List<String>> files = new HashMap<>();

    Sources(Path folder) {
        this.folder = folder;
    }

    /** {@code file:line:col}, split from the right (a Windows path has a colon of its own). */
    record Place(String file, int line, int column) {
        static Place parse(String at) {
            int c2 = at.lastIndexOf(':');
            int c1 = c2 <= 0 ? -1 : at.lastIndexOf(':', c2 - 1);
            if (c1 <= 0) {
                return null;
            }
            try {
                return new Place(at.substring(0, c1), Integer.parseInt(at.substring(c1 + 1, c2)), Integer.parseInt(at.substring(c2 + 1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** The step at {@code at} as written; its {@code name:} when it has one; else the action. */
    String step(String at, String label, String action) {
        if (label != null && action != null && !label.equals(action)) {
            return label;
        }
        Place p = at == null ? null : Place.parse(at);
        List<String> lines = p == null ? null : lines(p.file());
        if (lines == null || p.line() < 1 || p.line() > lines.size()) {
            return action == null ? "" : action;
        }
        String first = lines.get(p.line() - 1);
        if (p.column() - 1 > first.length()) {
            return action == null ? "" : action;
        }
        String text = first.substring(p.column() - 1).strip();
        if (text.endsWith(":")) {
            text = text + " " + children(lines, p, text.substring(0, text.length() - 1));
        }
        return text.length() > MAX ? text.substring(0, MAX - 1) + "…" : text.strip();
    }

    /** The keys of a field map ({@code 氏名, 生年月日}), else the first scalar children ({@code frame: menu}). */
    private static String children(List<String> lines, Place p, String action) {
        List<String> shown = new ArrayList<>();
        int indent = -1;
        for (int i = p.line(); i < lines.size() && shown.size() < 4; i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            int at = line.length() - line.stripLeading().length();
            if (at < p.column()) {
                break;
            }
            if (indent < 0) {
                indent = at;
            }
            if (at != indent) {
                continue;
            }
            String child = line.strip();
            int colon = child.indexOf(':');
            if (FIELD_MAPS.contains(action)) {
                shown.add(colon > 0 ? child.substring(0, colon) : child);
            } else if (colon > 0 && colon < child.length() - 1) {
                shown.add(child);
            }
        }
        return String.join(FIELD_MAPS.contains(action) ? ", " : " · ", shown);
    }

    private List<String> lines(String file) {
        if (files.containsKey(file)) {
            return files.get(file);
        }
        List<String> read = read(file);
        files.put(file, read);
        return read;
    }

    private List<String> read(String f) {
        try {
            Path path = Path.of(f);
            Path resolved = path.isAbsolute() || Files.exists(path) ? path : folder.resolve(path);
            if (!Files.isRegularFile(resolved) || Files.size(resolved) > (1 << 20)) {
                return null;
            }
            return Files.readAllLines(resolved, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null; // the report then shows the action's name
        }
    }
}
