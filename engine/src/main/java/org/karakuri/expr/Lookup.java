package org.karakuri.expr;

/** Supplies values for references. */
public interface Lookup {
    Object get(String reference);
}
