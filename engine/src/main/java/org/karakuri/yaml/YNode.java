package org.karakuri.yaml;

import java.util.List;
import java.util.Optional;
import org.karakuri.i18n.Position;

/**
 * A YAML node with the place it was written. Jackson's tree model drops locations, and
 * every message a clerk reads must name file:line:col, so scenarios are read into this tree.
 */
public sealed interface YNode permits YNode.Scalar, YNode.Map, YNode.Seq {

    Position position();

    /** Short kind name used in messages: "text", "map", "list". */
    String kind();

    /** A scalar; {@code value} is null for YAML null ({@code ~}, {@code null} or nothing). */
    record Scalar(String value, Position position) implements YNode {
        public String kind() {
            return "text";
        }
        public boolean isNull() {
            return value == null;
        }
    }

    record Entry(Scalar key, YNode value) {}

    /** A mapping, in the order written. Keys are unique (the reader rejects duplicates). */
    record Map(List<Entry> entries, Position position) implements YNode {
        public Map {
            entries = List.copyOf(entries);
        }
        public String kind() {
            return "map";
        }
        public Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> key.equals(e.key().value())).findFirst();
        }
        public Optional<YNode> get(String key) {
            return entry(key).map(Entry::value);
        }
    }

    record Seq(List<YNode> items, Position position) implements YNode {
        public Seq {
            items = List.copyOf(items);
        }
        public String kind() {
            return "list";
        }
    }
}
