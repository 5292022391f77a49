package org.karakuri.context;

/** Where a run tells a person what it is doing (the terminal, or nothing). */
@FunctionalInterface
public interface Progress {
    Progress NONE = text -> {};

    void line(String text);
}
