package org.karakuri.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.karakuri.expr.Template;
import org.karakuri.i18n.Position;
import org.karakuri.model.Step;

/**
 * An action that can check, before anything runs, what it will need from the files already
 * there: {@code for-each-row} reads its file's header and names each column its steps use that
 * the file does not have. {@code ./karakuri run}, {@code run --dry-run} and {@code validate}
 * ask every step whose action implements this.
 */
public interface Preflighted<P extends Record> {

    /** The problems of {@code step} (whose parameters are {@code params}), each with its file:line:col. */
    List<Finding> preflight(P params, Step step, Context context);

    /** One thing found: where, which key ({@code steps[2].for-each-row}), a message key and its arguments. */
    record Finding(Position at, String path, String key, List<Object> args) {
        public Finding {
            args = List.copyOf(args);
        }

        public static Finding of(Position at, String path, String key, Object... args) {
            return new Finding(at, path == null ? "" : path, key, List.of(args));
        }
    }

    /** What a check may know before the run: the scenario's folder and its variables' values. */
    interface Context {
        /** The scenario's folder: relative paths are resolved against it. */
        Path folder();

        /**
         * The file {@code written} names, when it can be known before the run (the template uses
         * only {@code vars:}, {@code --set}, {@code env:} and {@code today}) and it is already there.
         */
        Optional<Path> existingFile(Template written);

        /**
         * Where {@code written} is in the scenario file: its first appearance at or after
         * {@code near} within the next lines, else {@code near} (a place finer than a step's).
         */
        Position place(Position near, String written);
    }
}
