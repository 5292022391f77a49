package org.karakuri.spi;

/** An action that does its work in one call: {@code click}, {@code move}, {@code log}. */
public non-sealed interface SimpleAction<P extends Record> extends Action<P> {

    /** Does the work. Throw {@link org.karakuri.i18n.KarakuriException} for what the user must fix. */
    void run(P params, StepContext ctx) throws Exception;
}
