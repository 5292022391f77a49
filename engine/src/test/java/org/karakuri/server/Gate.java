package org.karakuri.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.spi.SimpleAction;
import org.karakuri.model.Doc;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;

/**
 * A test action: {@code gate: name} waits until the test opens gate {@code name}, and counts how
 * many runs are inside each gate at once (the most ever in {@link #MOST}).
 */
public final class Gate implements SimpleAction<Gate.Params> {
    static final Map<String, CountDownLatch> OPEN = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> INSIDE = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> MOST = new ConcurrentHashMap<>();
    static final AtomicInteger ALL_INSIDE = new AtomicInteger();
    static final AtomicInteger ALL_MOST = new AtomicInteger();

    public record Params(@Shorthand @Required @Doc("gate name") String name) {}

    static void reset() {
        OPEN.clear();
        INSIDE.clear();
        MOST.clear();
        ALL_INSIDE.set(0);
        ALL_MOST.set(0);
    }

    static void open(String name) {
        latch(name).countDown();
    }

    static int inside(String name) {
        return INSIDE.computeIfAbsent(name, k -> new AtomicInteger()).get();
    }

    static int most(String name) {
        return MOST.computeIfAbsent(name, k -> new AtomicInteger()).get();
    }

    private static CountDownLatch latch(String name) {
        return OPEN.computeIfAbsent(name, k -> new CountDownLatch(1));
    }

    /** Counted as a browser action, so that runs through a gate take the node's browser slots. */
    @Override
    public java.util.Set<org.karakuri.spi.Need> needs() {
        return java.util.Set.of(org.karakuri.spi.Need.BROWSER);
    }

    @Override
    public String name() {
        return "gate";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Waits until the test opens the gate (tests only).";
    }

    @Override
    public String docJa() {
        return "テストがゲートを開くまで待ちます（テスト用）。";
    }

    @Override
    public List<String> examples() {
        return List.of("gate: a");
    }

    @Override
    public void run(Params p, StepContext ctx) throws InterruptedException {
        AtomicInteger in = INSIDE.computeIfAbsent(p.name(), k -> new AtomicInteger());
        MOST.computeIfAbsent(p.name(), k -> new AtomicInteger()).accumulateAndGet(in.incrementAndGet(), Math::max);
        ALL_MOST.accumulateAndGet(ALL_INSIDE.incrementAndGet(), Math::max);
        try {
            if (!latch(p.name()).await(60, TimeUnit.SECONDS)) {
                throw new KarakuriException("fail.by-scenario", "gate " + p.name() + " never opened");
            }
        } finally {
            in.decrementAndGet();
            ALL_INSIDE.decrementAndGet();
        }
    }
}
