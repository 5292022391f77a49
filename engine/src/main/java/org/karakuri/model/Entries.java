package org.karakuri.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.karakuri.i18n.Position;

/**
 * A map written by the author whose keys are theirs, not ours (field labels, column names,
 * variable names), in the order written and with each key's place:
 * {@code fill: {氏名: …, 生年月日: …}}. A record component of this type annotated
 * {@link Whole} receives the whole value of the action key.
 */
public record Entries<V>(List<Entry<V>> list) {
    public Entries {
        list = List.copyOf(list);
    }

    public static <V> Entries<V> empty() {
        return new Entries<>(List.of());
    }

    public record Entry<V>(String key, V value, Position position) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(position, "position");
        }
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    public Optional<V> get(String key) {
        return list.stream().filter(e -> e.key().equals(key)).map(Entry::value).findFirst();
    }

    public <W> Entries<W> map(Function<V, W> f) {
        return new Entries<>(list.stream().map(e -> new Entry<>(e.key(), f.apply(e.value()), e.position())).toList());
    }

    /** Marks the component that receives the action key's whole map. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.RECORD_COMPONENT)
    public @interface Whole {}
}
