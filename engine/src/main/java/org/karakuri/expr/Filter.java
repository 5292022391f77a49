package org.karakuri.expr;

import java.util.function.UnaryOperator;

/**
 * One filter of a {@code ${…}} reference, bound to its argument: {@code upper}, {@code date:'yyyy/MM/dd'}.
 * A filter that cannot handle its input throws an {@link ExpressionException}; the reference
 * it belongs to places it and hides secret values.
 */
record Filter(String name, String argument, UnaryOperator<Object> function) {

    Object apply(Object value) {
        return function.apply(value);
    }
}
