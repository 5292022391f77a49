package org.karakuri.compile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Step;
import org.karakuri.context.DefaultStepContext;
import org.karakuri.context.Scope;
import org.karakuri.context.StepIds;
import org.karakuri.spi.LoopAction;

/**
 * The processors of a compiled loop (a Camel {@code loopDoWhile}): open the items, take the
 * next one only when its turn comes, bind its variables, record its outcome, close the items.
 */
final class Loops {
    private static final String STATE = "karakuri.loop:";
    private static final String ITEM_T0 = "karakuri.item-t0";
    private static final String CURRENT = "karakuri.item:";

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
        final long t0 = System.nanoTime();
        final Scope parentScope;
        volatile KarakuriException error;

        State(LoopAction.Items items, Scope parentScope) {
            this.items = items;
            this.total = items.total();
            this.parentScope = parentScope;
        }
    }

    /** What the split hands to each item's steps. */
    record Current(int index, int total, LoopAction.Item item) {}

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
            ctx.state().events().emit("step-started", id, step.position(), Map.of("action", step.action(), "label", step.label(), "path", step.path()));
            try {
                Guarded.run(ex, ctx, step, steps, true,
                    () -> ex.setProperty(STATE + id, new State(action.open(step.params(), ctx), Exchanges.scope(ex))));
            } catch (KarakuriException placed) {
                ctx.state().events().emit("step-ended", id, step.position(), Map.of("outcome", "failed", "error", placed.text()));
                throw placed;
            }
        }
    }

    /**
     * The loop's condition, evaluated before each round: takes the next item (skipping and
     * recording the ones that are not to be processed) only when its turn comes, so a file is
     * claimed or a row read just before its steps run.
     */
    static final class Fetch implements Predicate {
        private final Step step;
        private final String id;

        Fetch(Step step, String id) {
            this.step = step;
            this.id = id;
        }

        @Override
        public boolean matches(Exchange ex) {
            State state = ex.getProperty(STATE + id, State.class);
            ex.setProperty(Exchanges.SCOPE, state.parentScope);
            DefaultStepContext ctx = Exchanges.context(ex, step);
            if (ctx.state().stopped()) {
                try {
                    ctx.state().checkNotStopped();
                } catch (KarakuriException e) {
                    state.error = Failures.place(e, step, ctx.state().masker());
                    throw state.error;
                }
            }
            while (true) {
                LoopAction.Item item;
                try {
                    item = state.items.next();
                } catch (Exception e) {
                    state.error = Failures.place(e, step, ctx.state().masker());
                    throw state.error;
                }
                if (item == null) {
                    ex.removeProperty(CURRENT + id);
                    return false;
                }
                int index = state.index.incrementAndGet();
                String reason;
                try {
                    reason = item.skipReason();
                } catch (Exception e) {
                    state.error = Failures.place(e, step, ctx.state().masker());
                    throw state.error;
                }
                if (reason == null) {
                    ex.setProperty(CURRENT + id, new Current(index, state.total, item));
                    return true;
                }
                try {
                    item.skipped(ctx);
                } catch (Exception e) {
                    state.error = Failures.place(e, step, ctx.state().masker());
                    throw state.error;
                }
                boolean invalid = item.invalid();
                (invalid ? state.invalid : state.skipped).incrementAndGet();
                (invalid ? ctx.state().counts().itemsInvalid : ctx.state().counts().itemsSkipped).incrementAndGet();
                Map<String, Object> data = itemData(index, state.total, item, ctx);
                data.put("outcome", invalid ? "invalid" : "skipped");
                data.put("reason", ctx.mask(reason));
                ctx.state().events().emit("item-ended", id, step.position(), data);
            }
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
            Current c = ex.getProperty(CURRENT + id, Current.class);
            State state = ex.getProperty(STATE + id, State.class);
            ex.setProperty(Exchanges.SCOPE, state.parentScope.child(c.item().variables()));
            ex.setProperty(ITEM_T0, System.nanoTime());
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
            Current c = ex.getProperty(CURRENT + id, Current.class);
            DefaultStepContext ctx = Exchanges.context(ex, step);
            State state = ex.getProperty(STATE + id, State.class);
            Map<String, Object> data = itemData(c.index(), c.total(), c.item(), ctx);
            long t0 = ex.getProperty(ITEM_T0, System.nanoTime(), Long.class);
            data.put("ms", (System.nanoTime() - t0) / 1_000_000);
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
            ex.setProperty(Exchanges.SCOPE, ex.getProperty(STATE + id, State.class).parentScope);
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
            State state = ex.getProperty(STATE + id, State.class);
            if (state == null) {
                return;
            }
            ex.removeProperty(STATE + id);
            ex.removeProperty(CURRENT + id);
            ex.setProperty(Exchanges.SCOPE, state.parentScope);
            DefaultStepContext ctx = Exchanges.context(ex, step);
            state.items.close();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("outcome", state.error != null ? "failed" : "ok");
            if (state.error != null) {
                data.put("error", state.error.text());
            }
            data.put("ms", (System.nanoTime() - state.t0) / 1_000_000);
            data.put("items-ok", state.ok.get());
            data.put("items-failed", state.failed.get());
            data.put("items-invalid", state.invalid.get());
            data.put("items-skipped", state.skipped.get());
            ctx.state().events().emit("step-ended", id, step.position(), data);
        }
    }
}
