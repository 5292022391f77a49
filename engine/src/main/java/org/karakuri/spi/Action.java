package org.karakuri.spi;

import java.util.List;
import java.util.Set;
import org.karakuri.model.Doc;
import org.karakuri.model.Entries;
import org.karakuri.model.Key;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.model.Sibling;

/**
 * A step a scenario can call: {@code click}, {@code move}, {@code for-each-row}… One class per
 * action, registered with {@link java.util.ServiceLoader} in
 * {@code META-INF/services/org.karakuri.spi.Action}. An action is one of four kinds:
 * {@link SimpleAction} (does its work in {@code run}), {@link BlockAction} (runs nested steps
 * inside a context it opens and closes: {@code within-frame}), {@link LoopAction} (runs nested
 * steps once per item: {@code for-each-row}), {@link ControlAction} (compiles itself into
 * Camel's own constructs: {@code if}, {@code try}, {@code call}).
 *
 * <p>The parameter record {@code P} is the action's YAML shape: its components are the keys
 * (kebab-case, or {@link Key}), documented with {@link Doc}; {@link Shorthand}, {@link Sibling},
 * {@link Required} and {@link Entries.Whole} say how the value is written. The engine binds and
 * validates it at load time, with file:line:col for every problem, before anything runs.
 */
public sealed interface Action<P extends Record> permits SimpleAction, BlockAction, LoopAction, ControlAction {

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

    /**
     * What the action needs from the engine: a browser (its runs count against the node's browser
     * limit), the row ledger ({@link StepContext#rowLedger()}). Declared here, never kept in a list
     * on the engine's side.
     */
    default Set<Need> needs() {
        return Set.of();
    }

    /** True when the action only reads (used by {@code --dry-run} plans and the report). */
    default boolean readOnly() {
        return false;
    }
}
