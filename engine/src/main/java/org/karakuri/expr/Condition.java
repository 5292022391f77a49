package org.karakuri.expr;

import java.util.List;
import java.util.Objects;

/**
 * The expression of an {@code if:} step: {@code ${row.区分} == 転入},
 * {@code not ${row.備考} empty and ${row.区分} != '転出'}.
 *
 * <p>Compare with {@code ==}, {@code !=}, {@code <}, {@code >} (also {@code <=}, {@code >=}),
 * {@code contains}; test with postfix {@code empty}; combine with {@code not}, {@code and},
 * {@code or} ({@code and} binds tighter) and parentheses. Values are {@code ${…}} templates,
 * quoted text, or bare words taken literally (numbers, {@code 転入}). {@code ==} compares as
 * numbers when both sides are numbers ({@code 1.0 == 1}, full-width digits too), else as
 * trimmed text; {@code <} and {@code >} compare as numbers, else as dates, else as text.
 * {@code contains} looks for a substring, or for an equal element in a list. A lone value
 * must be true or false.
 */
public final class Condition {
    private final String source;
    private final ConditionNode root;
    private final List<String> references;

    private Condition(String source, ConditionNode root, List<String> references) {
        this.source = source;
        this.root = root;
        this.references = references;
    }

    /**
     * Parses a condition.
     *
     * @throws ExpressionException with the offset of the problem: an empty condition, a missing
     *     value next to an operator, an unbalanced parenthesis or quote, or an error in a {@code ${…}}
     */
    public static Condition parse(String source) {
        Objects.requireNonNull(source, "source");
        ConditionParser parser = new ConditionParser(source);
        return new Condition(source, parser.parse(), parser.references());
    }

    /**
     * Evaluates the condition.
     *
     * @throws ExpressionException at the offset of the failing value
     */
    public boolean test(Lookup lookup) {
        return root.test(lookup);
    }

    /** The references of its templates in order of first appearance, each once. */
    public List<String> references() {
        return references;
    }

    /** The text this condition was parsed from. */
    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c && c.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    /** The source. */
    @Override
    public String toString() {
        return source;
    }
}
