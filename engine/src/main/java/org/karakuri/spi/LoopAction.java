package org.karakuri.spi;

import java.util.List;
import java.util.Map;
import org.karakuri.model.Step;

/**
 * An action that runs its nested {@code steps} once per item ({@code for-each-row},
 * {@code for-each-file}). The engine compiles it to a Camel {@code loopDoWhile}: the next item is
 * taken only when the previous one is finished (a file is claimed just before its steps run),
 * each item's steps run in their own variable scope, and a failed item is reported to
 * {@link Item#failed} and does not stop the others.
 */
public non-sealed interface LoopAction<P extends Record> extends Action<P> {

    /** The nested steps of this loop. */
    List<Step> body(P params);

    /**
     * How many browsers take the items from one queue at once ({@code for-each-row}'s
     * {@code browsers}); 1 by default. Browser 1 is the run's own; browsers 2…N are started for
     * the loop, each with run resources of its own, and closed when no item is left for it. The
     * engine takes items, and tells {@link Item#succeeded}, {@link Item#failed} and
     * {@link Item#skipped}, one at a time, in the order they happen.
     */
    default int browsers(P params) {
        return 1;
    }

    /**
     * What browser {@code n} (2 or more) of a loop over several does before its first item: the
     * scenario's {@code browser.session.login} steps, so that each browser is logged in.
     */
    default List<Step> browserStart(P params, org.karakuri.model.Scenario scenario) {
        return List.of();
    }

    /** Browser {@code n}'s own variables (from 1), beside {@code browser-number}: its account. */
    default Map<String, Object> browserVariables(P params, StepContext ctx, int n) {
        return Map.of();
    }

    /** Opens the items; closed by the engine when the loop ends, however it ends. */
    Items open(P params, StepContext ctx) throws Exception;

    /** The items of one loop, read lazily. */
    interface Items extends AutoCloseable {
        /** The next item, or null when there are no more. */
        Item next() throws Exception;

        /** How many items there are, or -1 when not known in advance (for progress n/N). */
        default int total() {
            return -1;
        }

        @Override
        default void close() throws Exception {}
    }

    /** One item: the variables its steps see, and what to do when they succeed or fail. */
    interface Item {
        /** Variables bound for the nested steps, e.g. {@code row} or {@code file}. */
        Map<String, Object> variables();

        /** How the item is named in progress lines, events and the report: "row 12 (受付番号=R-0001)". */
        String label();

        /** Why the item is not processed at all (done in an earlier run, invalid data), or null to process it. */
        default String skipReason() {
            return null;
        }

        /** The item's steps all succeeded. */
        default void succeeded(StepContext ctx) throws Exception {}

        /** A step of the item failed with {@code error}; the loop goes on with the next item. */
        default void failed(StepContext ctx, Exception error) throws Exception {}

        /**
         * The item stopped where it is not known whether it reached the system (the browser died
         * after a button that submits was clicked): held for a person, never entered again blindly.
         */
        default void held(StepContext ctx, Exception why) throws Exception {
            failed(ctx, why);
        }

        /**
         * Whether a skipped item was skipped because its data is invalid (a check failed), rather
         * than because it was done before: the run counts and reports it as {@code invalid}.
         */
        default boolean invalid() {
            return false;
        }

        /** The item was skipped for {@link #skipReason()}. */
        default void skipped(StepContext ctx) throws Exception {}
    }
}
