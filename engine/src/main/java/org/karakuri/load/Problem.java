package org.karakuri.load;

import java.util.Comparator;
import java.util.List;
import org.karakuri.i18n.Messages;
import org.karakuri.i18n.Position;

/**
 * One thing wrong in a scenario file: where ({@code file:line:col}), which key
 * ({@code steps[2].click}), and a message key with arguments, printed in the user's language.
 */
public record Problem(Position position, String path, String key, List<Object> args) {
    public static final Comparator<Problem> BY_PLACE = Comparator
        .comparing((Problem p) -> p.position().file())
        .thenComparingInt(p -> p.position().line())
        .thenComparingInt(p -> p.position().column());

    public Problem {
        args = List.copyOf(args);
    }

    public static Problem of(Position position, String path, String key, Object... args) {
        return new Problem(position, path == null ? "" : path, key, List.of(args));
    }

    /** {@code file:line:col: path: message}. */
    public String format(Messages messages) {
        String text = messages.format(key, args.toArray());
        return position + ": " + (path.isEmpty() ? "" : path + ": ") + text;
    }

    @Override
    public String toString() {
        return format(Messages.get());
    }
}
