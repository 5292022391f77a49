package org.karakuri.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A key written beside the action key in the step, not inside its value:
 * {@code then}/{@code else} of {@code if}, {@code catch}/{@code finally} of {@code try}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Sibling {}
