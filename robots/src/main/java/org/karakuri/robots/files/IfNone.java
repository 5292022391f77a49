package org.karakuri.robots.files;

/** What {@code move} and {@code copy} do when {@code from} names no file. */
public enum IfNone {
    /** An error naming the folder and the pattern (the default). */
    FAIL,
    /** Nothing to do: the step succeeds. */
    OK
}
