package org.karakuri.spi;

/**
 * An action the engine does not call but compiles: it adds Camel's own constructs to the
 * scenario's route ({@code if} a choice, {@code try} a doTry), its nested steps compiled by the
 * {@link Compilation} it is given. A new control action is a new class of this kind; the
 * compiler needs no edit.
 */
public non-sealed interface ControlAction<P extends Record> extends Action<P> {

    /** Adds this step to the route at {@code route.into()}. */
    void compile(P params, Compilation route);
}
