package org.karakuri.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The component a plain value binds to: {@code expect-text: 登録しました} is
 * {@code expect-text: {text: 登録しました}} when {@code text} is the shorthand.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Shorthand {}
