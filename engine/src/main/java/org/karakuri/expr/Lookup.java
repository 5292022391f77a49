package org.karakuri.expr;

/**
 * Supplies the values that references in a template or condition stand for.
 * The engine implements it over the run's variables, the current row or file, the
 * environment and the secret store.
 */
@FunctionalInterface
public interface Lookup {
    /**
     * Returns the value of a reference.
     *
     * @param reference the reference text exactly as written between <code>${</code> and the first
     *     {@code |}, trimmed: {@code name}, {@code row.氏名}, {@code file}, {@code file.name},
     *     {@code run.id}, {@code today}, {@code env:HOME}, {@code secret:legacy.password}
     * @return a String, Number, Boolean, LocalDate, List, Map or any object (its
     *     {@code toString} is used for text); {@code null} for a known reference without a value
     * @throws RuntimeException (preferably an {@link ExpressionException}) when the reference is unknown
     */
    Object get(String reference);

    /**
     * Told the value a filter made of a secret ({@code ${secret:pw | upper}}), so it is masked
     * like the secret itself. The engine registers it with the run's masker.
     */
    default void derivedFromSecret(Object value) {}
}
