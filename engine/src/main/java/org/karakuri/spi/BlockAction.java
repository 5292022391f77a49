package org.karakuri.spi;

import java.util.List;
import org.karakuri.model.Step;

/**
 * An action that runs its nested {@code steps} inside a context it sets up and always tears
 * down ({@code within-frame}): the engine calls {@link #enter}, runs the body, then closes
 * what {@code enter} returned, also when the body failed.
 */
public non-sealed interface BlockAction<P extends Record> extends Action<P> {

    List<Step> body(P params);

    AutoCloseable enter(P params, StepContext ctx) throws Exception;
}
