package org.karakuri.i18n;

import java.util.Locale;

/**
 * An error a user reads: a message key with arguments, shown in the user's language, and the
 * scenario place it concerns when known. Arguments must never hold a secret or a My Number.
 */
public class KarakuriException extends RuntimeException {
    private final String key;
    private final Object[] args;
    private final Position position;

    public KarakuriException(String key, Object... args) {
        this(null, null, key, args);
    }

    public KarakuriException(Position position, Throwable cause, String key, Object... args) {
        super(key, cause);
        this.key = key;
        this.args = args.clone();
        this.position = position;
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }

    public Position position() {
        return position;
    }

    /** The same error, placed at a scenario position (kept if already placed). */
    public KarakuriException at(Position where) {
        if (position != null || where == null) {
            return this;
        }
        KarakuriException placed = new KarakuriException(where, getCause(), key, args);
        placed.setStackTrace(getStackTrace());
        return placed;
    }

    /** The message without its place, in the user's language. */
    public String text() {
        return Messages.get().format(key, args);
    }

    public String message(Locale locale) {
        return Messages.of(locale).format(key, args);
    }

    @Override
    public String getMessage() {
        String text = Messages.get().format(key, args);
        return position == null ? text : position + ": " + text;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + ": " + getMessage();
    }
}
