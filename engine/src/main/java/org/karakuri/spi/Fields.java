package org.karakuri.spi;

/**
 * A value with named parts that expressions can reach: {@code ${row.氏名}}, {@code ${file.name}}.
 * An unknown name is an error that lists the known ones.
 */
public interface Fields {
    Object field(String name);
}
