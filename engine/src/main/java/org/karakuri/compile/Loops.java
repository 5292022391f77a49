package org.karakuri.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.support.ExchangeHelper;
import org.karakuri.context.DefaultStepContext;
import org.karakuri.context.RunState;
import org.karakuri.event.EventStream;
import org.karakuri.context.Scope;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Step;
import org.karakuri.spi.ItemRecovery;
import org.karakuri.spi.LoopAction;
import org.slf4j.MDC;

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
    /** The current item is entered again from its first step (set by {@link ItemEnd}, read by {@link Next} and {@link ItemStart}). */
    private static final Slot<Boolean> REDO = new Slot<>("karakuri.item-redo", Boolean.class);
    /** The current item was entered again once already: a second failure is not redone. */
    private static final Slot<Boolean> REDONE = new Slot<>("karakuri.item-redone", Boolean.class);
    /** The scope items are made in: the run's, or a browser's own in a loop over several. */
    private static final Slot<Scope> ITEMS_SCOPE = new Slot<>("karakuri.items-scope", Scope.class);

    private Loops() {}

    /**
     * One open loop: its items and what happened to them. With several browsers, items are taken
     * and their ends told while holding this state's lock, one at a time.
     */
    static final class State {
        final LoopAction.Items items;
        final int total;
        final int browsers;
        final AtomicInteger index = new AtomicInteger();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final AtomicInteger invalid = new AtomicInteger();
        final Scope parentScope;
        volatile KarakuriException error;

        State(LoopAction.Items items, Scope parentScope, int browsers) {
            this.items = items;
            this.browsers = browsers;
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
            int browsers = action.browsers(step.params());
            Guarded.run(ex, ctx, step, steps, true,
                () -> STATE.at(id).set(ex, new State(action.open(step.params(), ctx), Exchanges.scope(ex), browsers)));
            ITEMS_SCOPE.at(id).set(ex, Exchanges.scope(ex));
            if (browsers == 1) {
                take(ex, step, id);
            }
        }
    }

    /**
     * A loop over several browsers: one thread a browser, each sending its own copy of the
     * exchange through the loop's route ({@link BrowserStart}, then the items); waits for all,
     * closes browsers 2…N as each runs out of items, and fails as the loop failed (a file that
     * cannot be read further, a browser that could not log in). Interrupted, it interrupts them.
     */
    static final class Browsers implements Processor {
        private final String id;
        private final String endpoint;

        Browsers(String id, String endpoint) {
            this.id = id;
            this.endpoint = endpoint;
        }

        @Override
        public void process(Exchange ex) throws Exception {
            State state = STATE.at(id).get(ex);
            RunState run = Exchanges.run(ex);
            Map<String, String> mdc = MDC.getCopyOfContextMap();
            Exception[] failures = new Exception[state.browsers];
            List<Thread> threads = new ArrayList<>();
            for (int n = 1; n <= state.browsers; n++) {
                int browser = n;
                Exchange copy = ExchangeHelper.createCopy(ex, true);
                Exchanges.LANE.set(copy, browser);
                Thread t = new Thread(() -> {
                    if (mdc != null) {
                        MDC.setContextMap(mdc);
                    }
                    try (EventStream.Browser tag = run.events().browser(browser)) {
                        run.producer().send(endpoint, copy);
                        failures[browser - 1] = copy.getException();
                    } catch (RuntimeException e) {
                        failures[browser - 1] = e;
                    } finally {
                        run.closeLane(browser);
                        MDC.clear();
                    }
                }, "karakuri-" + run.info().id() + "-browser-" + browser);
                threads.add(t);
                t.start();
            }
            try {
                for (Thread t : threads) {
                    t.join();
                }
            } catch (InterruptedException e) {
                threads.forEach(Thread::interrupt);
                for (Thread t : threads) {
                    t.join(BROWSER_STOP.toMillis());
                }
                Thread.currentThread().interrupt();
                run.checkNotStopped();
            }
            if (state.error != null) {
                throw state.error;
            }
            for (Exception f : failures) {
                if (f != null) {
                    throw f;
                }
            }
        }
    }

    private static final java.time.Duration BROWSER_STOP = java.time.Duration.ofSeconds(30);

    /**
     * Browser {@code n} of a loop over several begins: its own scope ({@code browser-number} and
     * the loop's variables for it, what its steps {@code set}), from browser 2 on the loop's
     * start steps (logging in), then its first item.
     */
    static final class BrowserStart implements Processor {
        private final Step step;
        private final LoopAction<Record> action;
        private final String id;
        private final StepRunner steps;

        BrowserStart(Step step, LoopAction<Record> action, String id, StepRunner steps) {
            this.step = step;
            this.action = action;
            this.id = id;
            this.steps = steps;
        }

        @Override
        public void process(Exchange ex) {
            State state = STATE.at(id).get(ex);
            int n = Exchanges.LANE.get(ex, 1);
            DefaultStepContext ctx = Exchanges.context(ex, step);
            try {
                Map<String, Object> vars = new LinkedHashMap<>(action.browserVariables(step.params(), ctx, n));
                vars.put("browser-number", n);
                Scope own = state.parentScope.own(vars);
                ITEMS_SCOPE.at(id).set(ex, own);
                Exchanges.SCOPE.set(ex, own);
                List<Step> start = n > 1 ? action.browserStart(step.params(), Exchanges.scenario(ex)) : List.of();
                if (!start.isEmpty()) {
                    steps.run(ex, start);
                }
            } catch (Exception e) {
                KarakuriException placed = Failures.place(e, step, ctx.state().masker());
                synchronized (state) {
                    if (state.error == null) {
                        state.error = placed;
                    }
                }
                throw placed;
            }
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
            if (!REDO.at(id).get(ex, false)) {
                take(ex, step, id);
            }
        }
    }

    /**
     * Takes the next item to process into {@link #CURRENT}, recording the ones that are not to be
     * processed (done before, invalid) on the way; none left leaves it empty. A failure here (the
     * file cannot be read further, the run was stopped) fails the loop.
     */
    private static void take(Exchange ex, Step step, String id) {
        State state = STATE.at(id).get(ex);
        Exchanges.SCOPE.set(ex, ITEMS_SCOPE.at(id).get(ex));
        CURRENT.at(id).clear(ex);
        REDONE.at(id).clear(ex);
        DefaultStepContext ctx = Exchanges.context(ex, step);
        synchronized (state) {
            takeLocked(state, ex, ctx, step, id);
        }
    }

    private static void takeLocked(State state, Exchange ex, DefaultStepContext ctx, Step step, String id) {
        if (state.error != null) {
            return; // another browser failed the loop: no more items
        }
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
            Exchanges.SCOPE.set(ex, ITEMS_SCOPE.at(id).get(ex).child(c.item().variables()));
            DefaultStepContext ctx = Exchanges.context(ex, step);
            for (Object r : ctx.resources()) {
                if (r instanceof ItemRecovery recovery) {
                    recovery.itemStarting(ctx);
                }
            }
            if (REDO.at(id).get(ex, false)) {
                REDO.at(id).clear(ex); // the same item again: its start is in the trail already
                return;
            }
            ITEM_T0.set(ex, System.nanoTime());
            ctx.state().events().emit("item-started", id, step.position(), itemData(c.index(), c.total(), c.item(), ctx));
        }
    }

    /**
     * The end of an item. A failure is first shown to the lane's {@link ItemRecovery} resources:
     * when the browser died, its new session is logged in, and the item is entered again from its
     * first step (once) when nothing of it can have reached the system, or else held for review.
     */
    static final class ItemEnd implements Processor {
        private final Step step;
        private final String id;
        private final boolean ok;
        private final StepRunner steps;

        ItemEnd(Step step, String id, boolean ok, StepRunner steps) {
            this.step = step;
            this.id = id;
            this.ok = ok;
            this.steps = steps;
        }

        @Override
        public void process(Exchange ex) throws Exception {
            Current c = CURRENT.at(id).get(ex);
            DefaultStepContext ctx = Exchanges.context(ex, step);
            State state = STATE.at(id).get(ex);
            KarakuriException held = null;
            if (!ok) {
                Exception caught = ex.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                ItemRecovery.Answer answer = recovery(ctx, caught);
                if (answer.verdict() != ItemRecovery.Verdict.NONE) {
                    if (recover(ex, ctx, c, answer)) {
                        return;
                    }
                    if (answer.verdict() == ItemRecovery.Verdict.HOLD) {
                        held = new KarakuriException(step.position(), caught, "run.item-held", ctx.mask(answer.reason()),
                            ctx.mask(String.valueOf(caught == null ? "" : caught.getMessage())));
                    }
                }
            }
            for (Object r : ctx.resources()) {
                if (r instanceof ItemRecovery recovery) {
                    recovery.itemEnded(ctx);
                }
            }
            Map<String, Object> data = itemData(c.index(), c.total(), c.item(), ctx);
            data.put("ms", (System.nanoTime() - ITEM_T0.get(ex, System.nanoTime())) / 1_000_000);
            synchronized (state) {
                ended(ex, c, ctx, state, data, held);
            }
            ctx.state().events().emit("item-ended", id, step.position(), data);
            Exchanges.SCOPE.set(ex, ITEMS_SCOPE.at(id).get(ex));
        }

        private static ItemRecovery.Answer recovery(DefaultStepContext ctx, Exception error) {
            for (Object r : ctx.resources()) {
                if (r instanceof ItemRecovery rec) {
                    ItemRecovery.Answer a = rec.afterItemFailed(ctx, error);
                    if (a != null && a.verdict() != ItemRecovery.Verdict.NONE) {
                        return a;
                    }
                }
            }
            return ItemRecovery.Answer.NONE;
        }

        /**
         * Runs the answer's first steps (the new browser logs in) and, for a redo not done before,
         * sends the item round again: true when it will run again.
         */
        private boolean recover(Exchange ex, DefaultStepContext ctx, Current c, ItemRecovery.Answer answer) {
            boolean redo = answer.verdict() == ItemRecovery.Verdict.REDO && !REDONE.at(id).get(ex, false);
            Map<String, Object> data = itemData(c.index(), c.total(), c.item(), ctx);
            data.put("reason", ctx.mask(answer.reason()));
            data.put("then", redo ? "redo" : answer.verdict() == ItemRecovery.Verdict.HOLD ? "hold" : "fail");
            ctx.state().events().emit("item-recovering", id, step.position(), data);
            try {
                if (!answer.first().isEmpty()) {
                    steps.run(ex, answer.first());
                }
            } catch (Exception notReady) {
                ctx.state().events().emit("item-recovery-failed", id, step.position(),
                    Map.of("error", ctx.mask(String.valueOf(notReady.getMessage()))));
                return false;
            }
            if (!redo) {
                return false;
            }
            REDO.at(id).set(ex, true);
            REDONE.at(id).set(ex, true);
            ex.removeProperty(Exchange.EXCEPTION_CAUGHT);
            Exchanges.SCOPE.set(ex, ITEMS_SCOPE.at(id).get(ex));
            return true;
        }

        private void ended(Exchange ex, Current c, DefaultStepContext ctx, State state, Map<String, Object> data, KarakuriException held)
            throws Exception {
            if (ok) {
                c.item().succeeded(ctx);
                state.ok.incrementAndGet();
                ctx.state().counts().itemsOk.incrementAndGet();
                data.put("outcome", "ok");
            } else {
                Exception caught = ex.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                KarakuriException placed = held != null ? held
                    : Failures.place(caught == null ? new IllegalStateException("unknown failure") : caught, step, ctx.state().masker());
                if (held != null) {
                    c.item().held(ctx, held);
                    data.put("held", true);
                } else {
                    c.item().failed(ctx, placed);
                }
                state.failed.incrementAndGet();
                ctx.state().counts().itemsFailed.incrementAndGet();
                data.put("outcome", "failed");
                data.put("error", placed.getMessage());
                ex.removeProperty(Exchange.EXCEPTION_CAUGHT);
            }
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
