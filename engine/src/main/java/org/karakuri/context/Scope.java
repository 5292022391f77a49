package org.karakuri.context;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Variables a step can see: the run's variables, and inside a loop the item's ({@code row},
 * {@code file}) on top. {@code set} writes to the run's variables, visible after the loop.
 */
public final class Scope {
    private final Scope parent;
    /** Where {@code set} writes: the run's scope, or a browser's own inside a loop over several browsers. */
    private final boolean own;
    private final Map<String, Object> vars = Collections.synchronizedMap(new HashMap<>());

    private Scope(Scope parent, boolean own) {
        this.parent = parent;
        this.own = own;
    }

    public static Scope root() {
        return new Scope(null, true);
    }

    public Scope child(Map<String, Object> bound) {
        Scope s = new Scope(this, false);
        s.vars.putAll(bound);
        return s;
    }

    /**
     * A scope of its own for one browser of a loop over several: it sees the run's variables,
     * and what its steps {@code set} stays in it (seen by the rows that browser takes after, not
     * by the other browsers, nor after the loop), so two browsers never overwrite each other's.
     */
    public Scope own(Map<String, Object> bound) {
        Scope s = new Scope(this, true);
        s.vars.putAll(bound);
        return s;
    }

    public boolean has(String name) {
        return vars.containsKey(name) || (parent != null && parent.has(name));
    }

    public Object get(String name) {
        if (vars.containsKey(name)) {
            return vars.get(name);
        }
        return parent == null ? null : parent.get(name);
    }

    /** Sets the variable in the run's scope (a browser's own scope, see {@link #own}). */
    public void set(String name, Object value) {
        Scope s = this;
        while (!s.own) {
            s = s.parent;
        }
        s.vars.put(name, value);
    }

    public Set<String> names() {
        Set<String> all = new TreeSet<>(vars.keySet());
        if (parent != null) {
            all.addAll(parent.names());
        }
        return all;
    }
}
