package org.karakuri.server;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The one home of waits in the scheduler and server tests: poll a condition until a deadline. */
public final class Eventually {
    private Eventually() {}

    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** Polls {@code value} until {@code ok} accepts it; returns it. */
    public static <T> T get(Duration timeout, String what, Supplier<T> value, java.util.function.Predicate<T> ok) {
        Object[] last = new Object[1];
        until(timeout, what + " (last seen: " + "%s)", () -> {
            T v = value.get();
            last[0] = v;
            return ok.test(v);
        });
        @SuppressWarnings("unchecked")
        T t = (T) last[0];
        return t;
    }
}
