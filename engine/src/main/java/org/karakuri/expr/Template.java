package org.karakuri.expr;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A scenario value that may contain references: {@code ${row.氏名}}, {@code ${inbox}/tennyu.csv},
 * {@code ${row.生年月日 | wareki}}. <code>$${</code> writes a literal <code>${</code>.
 *
 * <p>Parse once when the scenario is loaded (every syntax error is found then, with its
 * offset), evaluate for each step. A template that is exactly one {@code ${…}} evaluates to
 * the raw value (a LocalDate, a List …); any other template to a String. Templates are equal
 * when their sources are.
 */
public final class Template {

    /** A piece of a template: literal text or an {@link Expression}. */
    sealed interface Part permits Text, Expression {}

    record Text(String text) implements Part {}

    private final String source;
    private final List<Part> parts;

    Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses a template.
     *
     * @throws ExpressionException with the offset of the problem: an unclosed <code>${</code>, an empty
     *     <code>${}</code>, a reference that is not a name, {@code env:NAME} or {@code secret:name}, an
     *     unknown filter, a missing or unexpected filter argument, an unclosed quote
     */
    public static Template parse(String source) {
        Objects.requireNonNull(source, "source");
        return new Template(source, new TemplateParser(source).parts(0, source.length()));
    }

    /** A template that renders exactly {@code text}; its source escapes any <code>${</code> as <code>$${</code>. */
    public static Template literal(String text) {
        Objects.requireNonNull(text, "text");
        return new Template(text.replace("${", "$${"), text.isEmpty() ? List.of() : List.of(new Text(text)));
    }

    /** The text this template was parsed from. */
    public String source() {
        return source;
    }

    /** True when the template has no {@code ${…}}. */
    public boolean isConstant() {
        return parts.stream().noneMatch(Expression.class::isInstance);
    }

    /** The references in order of first appearance, each once: {@code ["row.氏名", "secret:legacy.password"]}. */
    public List<String> references() {
        Set<String> references = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part instanceof Expression e) {
                references.add(e.reference());
            }
        }
        return List.copyOf(references);
    }

    /**
     * The value of a template: the raw, filtered value when the template is exactly one
     * {@code ${…}} (possibly {@code null}), otherwise the concatenated text ({@code null} as "").
     *
     * @throws ExpressionException at the offset of the failing {@code ${…}}
     */
    public Object evaluate(Lookup lookup) {
        if (parts.size() == 1 && parts.get(0) instanceof Expression e) {
            return e.evaluate(lookup);
        }
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Expression e) {
                text.append(Values.text(e.evaluate(lookup)));
            } else {
                text.append(((Text) part).text());
            }
        }
        return text.toString();
    }

    /** The value of a template as text; {@code null} renders as "". */
    public String render(Lookup lookup) {
        return Values.text(evaluate(lookup));
    }

    /**
     * The template in order as pieces: each run of literal text a constant template, each
     * {@code ${…}} (with its filters) a template of its own. A query binds those as parameters
     * instead of pasting their values into its text.
     */
    public List<Template> pieces() {
        List<Template> out = new java.util.ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Text t) {
                out.add(literal(t.text()));
            } else {
                Expression e = (Expression) part;
                out.add(new Template("${" + e.reference() + "}", List.of(e)));
            }
        }
        return List.copyOf(out);
    }

    /** Whether any reference of this template is a {@code secret:}. */
    boolean usesSecret() {
        return parts.stream().anyMatch(p -> p instanceof Expression e && e.isSecret());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Template t && t.source.equals(source);
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
