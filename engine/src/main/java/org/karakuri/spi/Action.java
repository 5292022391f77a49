package org.karakuri.spi;

import java.util.List;

/**
 * A step a scenario can call: {@code click}, {@code move}, {@code for-each-row}… One class per
 * action, registered with {@link java.util.ServiceLoader} in
 * {@code META-INF/services/org.karakuri.spi.Action}.
 *
 * <p>The parameter record {@code P} is the action's YAML shape: its components are the keys
 * (kebab-case, or {@link Key}), documented with {@link Doc}; {@link Shorthand}, {@link Sibling},
 * {@link Required} and {@link Entries.Whole} say how the value is written. The engine binds and
 * validates it at load time, with file:line:col for every problem, before anything runs.
 */
public interface Action<P extends Record> {

    /** The YAML key, kebab-case, stable forever: {@code click}, {@code for-each-row}. */
    String name();

    Class<P> paramsType();

    /** One line for {@code karakuri actions} and the JSON Schema, in English. */
    String doc();

    /** The same line in Japanese. */
    String docJa();

    /**
     * Steps as an author writes them (YAML, one list item without the leading dash), each
     * loaded and validated by a test, and printed in the language reference.
     */
    List<String> examples();

    /** Does the work. Throw {@link org.karakuri.i18n.KarakuriException} for what the user must fix. */
    void run(P params, StepContext ctx) throws Exception;

    /** True when the action only reads (used by {@code --dry-run} plans and the report). */
    default boolean readOnly() {
        return false;
    }
}
