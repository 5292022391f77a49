package org.karakuri.robots.files;

/** What {@code write-file} does when the file is already there. */
public enum WriteMode {
    /** Write the new text in place of the old, in one atomic step (the default: reports are rewritten). */
    REPLACE,
    /** Stop with an error naming the file; nothing is written. */
    FAIL,
    /** Add the text at the end; readers see the old or the new whole file, never a part. */
    APPEND
}
