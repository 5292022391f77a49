package org.karakuri.expr;

import java.util.ArrayList;
import java.util.List;

/** Placeholder until the expression package lands: ${ref} only, no filters. */
public final class Template {
    private final String source;
    private final List<Object> parts = new ArrayList<>();

    private Template(String source) {
        this.source = source;
        int i = 0;
        while (i < source.length()) {
            int s = source.indexOf("${", i);
            if (s < 0) { parts.add(source.substring(i)); break; }
            if (s > i) parts.add(source.substring(i, s));
            int e = source.indexOf('}', s);
            if (e < 0) throw new ExpressionException(s, "expr.unclosed");
            parts.add(new String[] {source.substring(s + 2, e).strip()});
            i = e + 1;
        }
    }

    public static Template parse(String source) { return new Template(source); }
    public static Template literal(String text) { Template t = new Template(""); t.parts.clear(); t.parts.add(text); return t; }
    public String source() { return source; }
    public boolean isConstant() { return parts.stream().allMatch(p -> p instanceof String); }
    public List<String> references() { return parts.stream().filter(p -> p instanceof String[]).map(p -> ((String[]) p)[0]).toList(); }
    public Object evaluate(Lookup lookup) {
        if (parts.size() == 1 && parts.get(0) instanceof String[] r) return lookup.get(r[0]);
        return render(lookup);
    }
    public String render(Lookup lookup) {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String s) b.append(s);
            else { Object v = lookup.get(((String[]) p)[0]); b.append(v == null ? "" : v); }
        }
        return b.toString();
    }
    @Override public String toString() { return source; }
}
