package org.karakuri.expr;

import java.util.Locale;

/**
 * A problem in an expression, found while parsing it or while evaluating it.
 *
 * <p>It carries the 0-based character offset in the source where the problem starts, and a
 * message key with its arguments so that the engine can show the message in the user's
 * language (see {@link ExpressionMessages}). {@link #getMessage()} is the English text.
 * Arguments never hold the value of a {@code secret:} reference.
 */
public final class ExpressionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String messageKey;
    private final transient Object[] args;

    public ExpressionException(int offset, String messageKey, Object... args) {
        super(ExpressionMessages.format(messageKey, Locale.ENGLISH, args));
        this.offset = offset;
        this.messageKey = messageKey;
        this.args = args.clone();
    }

    /** The 0-based character offset in the source where the problem starts. */
    public int offset() {
        return offset;
    }

    /** The key of the message in {@link ExpressionMessages}, e.g. {@code expr.unknown-filter}. */
    public String messageKey() {
        return messageKey;
    }

    /** The arguments of the message, in the order its placeholders number them. */
    public Object[] args() {
        return args.clone();
    }

    /** The same problem placed at another offset, keeping this exception as its cause. */
    ExpressionException at(int newOffset) {
        ExpressionException moved = new ExpressionException(newOffset, messageKey, args);
        moved.initCause(this);
        return moved;
    }
}
