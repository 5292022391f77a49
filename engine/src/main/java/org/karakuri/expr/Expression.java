package org.karakuri.expr;

import java.util.List;

/**
 * One {@code ${reference | filter …}} of a template, starting at {@code offset} in its source.
 * Evaluation errors are placed at that offset; when the reference is a secret their text
 * never holds the value, nor does their cause.
 */
record Expression(int offset, String reference, List<Filter> filters) implements Template.Part {

    Object evaluate(Lookup lookup) {
        Object value;
        try {
            value = lookup.get(reference);
        } catch (ExpressionException e) {
            throw e.at(offset);
        } catch (RuntimeException e) {
            String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            ExpressionException failed = new ExpressionException(offset, "expr.reference-failed", reference, reason);
            failed.initCause(e);
            throw failed;
        }
        for (Filter filter : filters) {
            try {
                value = filter.apply(value);
            } catch (ExpressionException e) {
                if (isSecret()) {
                    throw new ExpressionException(offset, "expr.secret-value-invalid", reference, filter.name());
                }
                throw e.at(offset);
            }
        }
        if (isSecret() && !filters.isEmpty() && value != null) {
            lookup.derivedFromSecret(value);
        }
        return value;
    }

    boolean isSecret() {
        return reference.startsWith("secret:");
    }
}
