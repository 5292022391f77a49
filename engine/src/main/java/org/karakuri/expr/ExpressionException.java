package org.karakuri.expr;

public final class ExpressionException extends RuntimeException {
    private final int offset;
    private final String messageKey;
    private final Object[] args;

    public ExpressionException(int offset, String messageKey, Object... args) {
        super(messageKey);
        this.offset = offset;
        this.messageKey = messageKey;
        this.args = args;
    }

    public int offset() { return offset; }
    public String messageKey() { return messageKey; }
    public Object[] args() { return args; }
}
