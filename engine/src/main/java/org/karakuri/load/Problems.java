package org.karakuri.load;

import java.util.ArrayList;
import java.util.List;
import org.karakuri.i18n.Position;

/** Collects every problem of a file, so that {@code validate} can print them all at once. */
public final class Problems {
    private final List<Problem> list = new ArrayList<>();

    public void add(Position position, String path, String key, Object... args) {
        list.add(Problem.of(position, path, key, args));
    }

    public void add(Problem problem) {
        list.add(problem);
    }

    public void addAll(List<Problem> problems) {
        list.addAll(problems);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    /** In file order; a problem reported twice at one place is kept once. */
    public List<Problem> sorted() {
        return list.stream().distinct().sorted(Problem.BY_PLACE).toList();
    }
}
