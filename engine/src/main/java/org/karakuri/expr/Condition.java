package org.karakuri.expr;

/** Placeholder until the expression package lands. */
public final class Condition {
    private final String source;
    private Condition(String source) { this.source = source; }
    public static Condition parse(String source) { return new Condition(source); }
    public boolean test(Lookup lookup) {
        String[] p = source.split("==", 2);
        return Template.parse(p[0].strip()).render(lookup).equals(p.length > 1 ? Template.parse(p[1].strip()).render(lookup) : "");
    }
    public String source() { return source; }
}
