package org.karakuri.spi;

import java.util.List;
import org.karakuri.model.Step;

/**
 * A run resource that can put an item of a loop right after one of its steps failed: the browser
 * session, when the browser itself died (crashed, killed, the Grid lost it), or when the system
 * logged the robot out as the item was sent. It answers with the steps that log in (a new
 * browser, or the same one), and says whether the item may be entered again from its first step
 * — only when the item cannot have reached the system; otherwise it is held for a person, never
 * entered twice.
 */
public interface ItemRecovery {

    /** What to do with the item that failed. */
    enum Verdict {
        /** Not this resource's failure: the item failed as usual. */
        NONE,
        /** Enter the item again from its first step, once, after {@link Answer#first()}. */
        REDO,
        /** Whether the item reached the system is not known: hold it for review, then carry on. */
        HOLD
    }

    /**
     * @param verdict what to do with the item
     * @param first   the steps that make the resource ready again (log the new browser in), run
     *                before the item is entered again or the next one is taken
     * @param reason  why, for the trail and the review file (masked by the engine)
     */
    record Answer(Verdict verdict, List<Step> first, String reason) {
        public static final Answer NONE = new Answer(Verdict.NONE, List.of(), null);

        public Answer {
            first = List.copyOf(first);
        }
    }

    /** An item of a loop is about to run its first step: what earlier items did is forgotten. */
    void itemStarting(StepContext ctx);

    /** The item ended (well or not): steps that follow are outside it. */
    default void itemEnded(StepContext ctx) {}

    /** A step of the current item failed with {@code error} (not put right by {@link StepRecovery}). */
    Answer afterItemFailed(StepContext ctx, Exception error);
}
