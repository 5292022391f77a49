package org.karakuri.demo;

import java.util.List;

/** One page of a list: {@code number} is 1-based, clamped to the pages there are. */
record Page<T>(List<T> items, int number, int count, int total) {

    static <T> Page<T> of(List<T> all, int requested, int size) {
        int count = Math.max(1, (all.size() + size - 1) / size);
        int number = Math.min(Math.max(requested, 1), count);
        int from = (number - 1) * size;
        return new Page<>(List.copyOf(all.subList(from, Math.min(from + size, all.size()))), number, count, all.size());
    }
}
