package org.karakuri.compile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.karakuri.context.DefaultStepContext;
import org.karakuri.context.Scope;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Step;
import org.karakuri.spi.LoopAction;

/**
 * The processors of a compiled loop (a Camel {@code loopDoWhile}): open the items and take the
 * first, bind each item's variables, record its outcome, take the next one only when its turn
 * comes (a file is claimed or a row read just before its steps run), close the items. The
 * loop's condition only looks: is there a current item.
 */
final class Loops {
    private static final Slot<State> STATE = new Slot<>("karakuri.loop", State.class);
    private static final Slot<Current> CURRENT = new Slot<>("karakuri.item", Current.class);
    private static final Slot<Long> ITEM_T0 = new Slot<>("karakuri.item-t0", Long.class);

    private Loops() {}

    /** One open loop: its items and what happened to them. */
    static final class State {
        final LoopAction.Items items;
        final int total;
        final AtomicInteger index = new AtomicInteger();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final AtomicInteger invalid = new AtomicInteger();
        final Scope parentScope;
        volatile KarakuriException error;

        State(LoopAction.Items items, Scope parentScope) {
            this.items = items;
            this.total = items.total();
            this.parentScope = parentScope;
        }
    }

    /** The item whose steps run now. */
    record Current(int index, int total, LoopAction.Item item) {}

    /** The loop's condition: an item is waiting to be processed. Reads; never takes an item. */
    static Predicate hasItem(String id) {
        return ex -> CURRENT.at(id).get(ex) != null;
    }

    static final class Open implements Processor {
        private final Step step;
        private final LoopAction<Record> action;
        private final String id;
        private final StepRunner steps;

        Open(Step step, LoopAction<Record> action, String id, StepRunner steps) {
            this.step = step;
            this.action = action;
            this.id = id;
            this.steps = steps;
        }

        @Override
        public void process(Exchange ex) throws Exception {
            DefaultStepContext ctx = Exchanges.context(ex, step);
            ctx.state().counts().looped.set(true);
            Guarded.run(ex, ctx, step, steps, true,
                () -> STATE.at(id).set(ex, new State(action.open(step.params(), ctx), Exchanges.scope(ex))));
            take(ex, step, id);
        }
    }

    /** After an item: takes the next one. */
    static final class Next implements Processor {
        private final Step step;
        private final String id;

        Next(Step step, String id) {
            this.step = step;
            this.id = id;
        }

        @Override
        public void process(Exchange ex) {
            take(ex, step, id);
        }
    }

    /**
     * Takes the next item to process into {@link #CURRENT}, recording the ones that are not to be
     * processed (done before, invalid) on the way; none left leaves it empty. A failure here (the
     * file cannot be read further, the run was stopped) fails the loop.
     */
    private static void take(Exchange ex, Step step, String id) {
        State state = STATE.at(id).get(ex);
        Exchanges.SCOPE.set(ex, state.parentScope);
        CURRENT.at(id).clear(ex);
        DefaultStepContext ctx = Exchanges.context(ex, step);
        try {
            ctx.state().checkNotStopped();
            while (true) {
                LoopAction.Item item = state.items.next();
                if (item == null) {
                    return;
                }
                int index = state.index.incrementAndGet();
                String reason = item.skipReason();
                if (reason == null) {
                    CURRENT.at(id).set(ex, new Current(index, state.total, item));
                    return;
                }
                item.skipped(ctx);
                boolean invalid = item.invalid();
                (invalid ? state.invalid : state.skipped).incrementAndGet();
                (invalid ? ctx.state().counts().itemsInvalid : ctx.state().counts().itemsSkipped).incrementAndGet();
                Map<String, Object> data = itemData(index, state.total, item, ctx);
                data.put("outcome", invalid ? "invalid" : "skipped");
                data.put("reason", ctx.mask(reason));
                ctx.state().events().emit("item-ended", id, step.position(), data);
            }
        } catch (Exception e) {
            state.error = Failures.place(e, step, ctx.state().masker());
            throw state.error;
        }
    }

    private static Map<String, Object> itemData(int index, int total, LoopAction.Item item, DefaultStepContext ctx) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("index", index);
        if (total >= 0) {
            data.put("total", total);
        }
        data.put("label", ctx.mask(item.label()));
        return data;
    }

    static final class ItemStart implements Processor {
        private final Step step;
        private final String id;

        ItemStart(Step step, String id) {
            this.step = step;
            this.id = id;
        }

        @Override
        public void process(Exchange ex) {
            Current c = CURRENT.at(id).get(ex);
            State state = STATE.at(id).get(ex);
            Exchanges.SCOPE.set(ex, state.parentScope.child(c.item().variables()));
            ITEM_T0.set(ex, System.nanoTime());
            DefaultStepContext ctx = Exchanges.context(ex, step);
            ctx.state().events().emit("item-started", id, step.position(), itemData(c.index(), c.total(), c.item(), ctx));
        }
    }

    static final class ItemEnd implements Processor {
        private final Step step;
        private final String id;
        private final boolean ok;

        ItemEnd(Step step, String id, boolean ok) {
            this.step = step;
            this.id = id;
            this.ok = ok;
        }

        @Override
        public void process(Exchange ex) throws Exception {
            Current c = CURRENT.at(id).get(ex);
            DefaultStepContext ctx = Exchanges.context(ex, step);
            State state = STATE.at(id).get(ex);
            Map<String, Object> data = itemData(c.index(), c.total(), c.item(), ctx);
            data.put("ms", (System.nanoTime() - ITEM_T0.get(ex, System.nanoTime())) / 1_000_000);
            if (ok) {
                c.item().succeeded(ctx);
                state.ok.incrementAndGet();
                ctx.state().counts().itemsOk.incrementAndGet();
                data.put("outcome", "ok");
            } else {
                Exception caught = ex.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                KarakuriException placed = Failures.place(caught == null ? new IllegalStateException("unknown failure") : caught, step,
                    ctx.state().masker());
                c.item().failed(ctx, placed);
                state.failed.incrementAndGet();
                ctx.state().counts().itemsFailed.incrementAndGet();
                data.put("outcome", "failed");
                data.put("error", placed.getMessage());
                ex.removeProperty(Exchange.EXCEPTION_CAUGHT);
            }
            ctx.state().events().emit("item-ended", id, step.position(), data);
            Exchanges.SCOPE.set(ex, state.parentScope);
        }
    }

    static final class Close implements Processor {
        private final Step step;
        private final String id;

        Close(Step step, String id) {
            this.step = step;
            this.id = id;
        }

        @Override
        public void process(Exchange ex) throws Exception {
            State state = STATE.at(id).get(ex);
            if (state == null) {
                return;
            }
            STATE.at(id).clear(ex);
            CURRENT.at(id).clear(ex);
            Exchanges.SCOPE.set(ex, state.parentScope);
            state.items.close();
            Map<String, Object> end = new LinkedHashMap<>();
            end.put("outcome", state.error != null ? "failed" : "ok");
            if (state.error != null) {
                end.put("error", state.error.text());
            }
            end.put("items-ok", state.ok.get());
            end.put("items-failed", state.failed.get());
            end.put("items-invalid", state.invalid.get());
            end.put("items-skipped", state.skipped.get());
            StepEvents.END.at(id).set(ex, end);
        }
    }
}
