package org.karakuri.compile;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Step;
import org.karakuri.run.DefaultStepContext;
import org.karakuri.run.StepIds;
import org.karakuri.spi.LoopAction;

/**
 * The processors of a compiled loop: open the items, feed them one at a time to Camel's
 * streaming split, bind each item's variables, record each item's outcome, close the items.
 */
final class Loops {
    private static final String STATE = "karakuri.loop:";
    private static final String ITEM_T0 = "karakuri.item-t0";

    private Loops() {}

    /** One open loop: its items and what happened to them. */
    static final class State {
        final LoopAction.Items items;
        final int total;
        final AtomicInteger index = new AtomicInteger();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final long t0 = System.nanoTime();

        State(LoopAction.Items items) {
            this.items = items;
            this.total = items.total();
        }
    }

    /** What the split hands to each item's steps. */
    record Current(int index, int total, LoopAction.Item item) {}

    static final class Open implements Processor {
        private final Step step;
        private final LoopAction<Record> action;
        private final String id;

        Open(Step step, LoopAction<Record> action, String id) {
            this.step = step;
            this.action = action;
            this.id = id;
        }

        @Override
        public void process(Exchange ex) throws Exception {
            DefaultStepContext ctx = Exchanges.context(ex, step);
            ctx.state().events().emit("step-started", id, step.position(), Map.of("action", step.action(), "label", step.label(), "path", step.path()));
            try {
                ex.setProperty(STATE + id, new State(action.open(step.params(), ctx)));
            } catch (Exception e) {
                KarakuriException placed = Failures.place(e, step, ctx.state().masker());
                ctx.state().events().emit("step-ended", id, step.position(), Map.of("outcome", "failed", "error", placed.getMessage()));
                throw placed;
            }
        }
    }

    static Iterator<Current> iterator(Exchange ex, Step step, String id) {
        State state = ex.getProperty(STATE + id, State.class);
        DefaultStepContext ctx = Exchanges.context(ex, step);
        return new Iterator<>() {
            private Current next;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (next == null && !done) {
                    LoopAction.Item item;
                    try {
                        item = state.items.next();
                    } catch (Exception e) {
                        throw Failures.place(e, step, ctx.state().masker());
                    }
                    if (item == null) {
                        done = true;
                        break;
                    }
                    int index = state.index.incrementAndGet();
                    String reason = item.skipReason();
                    if (reason == null) {
                        next = new Current(index, state.total, item);
                        continue;
                    }
                    try {
                        item.skipped(ctx);
                    } catch (Exception e) {
                        throw Failures.place(e, step, ctx.state().masker());
                    }
                    state.skipped.incrementAndGet();
                    ctx.state().counts().itemsSkipped.incrementAndGet();
                    Map<String, Object> data = itemData(index, state.total, item, ctx);
                    data.put("outcome", "skipped");
                    data.put("reason", ctx.mask(reason));
                    ctx.state().events().emit("item-ended", id, step.position(), data);
                }
                return next != null;
            }

            @Override
            public Current next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Current c = next;
                next = null;
                return c;
            }
        };
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
            Current c = ex.getMessage().getBody(Current.class);
            ex.setProperty(Exchanges.SCOPE, Exchanges.scope(ex).child(c.item().variables()));
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
            Current c = ex.getMessage().getBody(Current.class);
            if (c == null) {
                c = ex.getProperty("karakuri.current", Current.class);
            }
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
            }
            ctx.state().events().emit("item-ended", id, step.position(), data);
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
            DefaultStepContext ctx = Exchanges.context(ex, step);
            state.items.close();
            Map<String, Object> data = new LinkedHashMap<>();
            boolean failed = ex.getException() != null || ex.getProperty(Exchange.EXCEPTION_CAUGHT) != null;
            data.put("outcome", failed ? "failed" : "ok");
            data.put("ms", (System.nanoTime() - state.t0) / 1_000_000);
            data.put("items-ok", state.ok.get());
            data.put("items-failed", state.failed.get());
            data.put("items-skipped", state.skipped.get());
            ctx.state().events().emit("step-ended", id, step.position(), data);
        }
    }
}
