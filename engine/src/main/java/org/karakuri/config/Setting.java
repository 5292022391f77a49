package org.karakuri.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One setting of {@code engine.yaml}: the environment variable that overrides it, and its
 * default as it would be written in the file. With {@link org.karakuri.model.Doc} beside it, this
 * is all {@link ConfigReader} and {@code docs/configuration.md} need.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Setting {
    /**
     * The variable that overrides the file: {@code KARAKURI_…}. In an entry of a named section
     * ({@code data-sources:}), {@code *} stands for the entry's name in capitals.
     */
    String env();

    /** The default, written as in the file (lists comma-separated); empty: none. */
    String byDefault() default "";

    /** How the docs describe the default when it is computed (e.g. "KARAKURI_HOME/secrets.store"). */
    String defaultDoc() default "";

    /** A secret: never printed, only "set" or "not set". */
    boolean secret() default false;

    /** Only the environment may set it (a key that must not live in KARAKURI_HOME). */
    boolean envOnly() default false;

    /**
     * In the file only as a reference, {@code ${secret:NAME}} or {@code ${env:NAME}}, never the value
     * itself (the environment variable may hold the value).
     */
    boolean reference() default false;

    /** What separates a list's items in the environment (and in one line of the file): a comma, unless the items hold commas. */
    String separator() default ",";
}
