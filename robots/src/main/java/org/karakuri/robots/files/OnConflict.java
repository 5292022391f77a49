package org.karakuri.robots.files;

/**
 * What {@code move} and {@code copy} do when the target file is already there. Never a silent
 * overwrite: {@code fail} is the default, and {@code replace} has to be written.
 */
public enum OnConflict {
    /** Stop with an error naming the file that is there; nothing is moved or copied. */
    FAIL,
    /** Keep both: {@code a.csv} becomes {@code a (1).csv}, {@code a (2).csv}… */
    RENAME,
    /** Replace the file that is there, in one atomic step. */
    REPLACE
}
