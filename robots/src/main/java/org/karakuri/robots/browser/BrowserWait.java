package org.karakuri.robots.browser;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * The one place the browser robot waits. Every action polls through {@link #until}: the probe
 * runs at once, then every {@link #POLL} until it answers or the timeout runs out; an element
 * that went stale meanwhile is simply looked up again on the next poll. Nothing else in the
 * robot sleeps.
 */
final class BrowserWait {
    static final Duration POLL = Duration.ofMillis(50);
    /** Stands for "no limit of its own" where the probe keeps its own deadline. */
    private static final Duration FOREVER = Duration.ofDays(365);

    private BrowserWait() {}

    /**
     * Polls {@code probe} until it returns something other than null or {@code false}, and
     * returns that. When {@code timeout} runs out, throws what {@code onTimeout} supplies (built
     * then, so it can describe the last state seen). Exceptions of the probe other than stale
     * elements end the wait at once.
     */
    static <T> T until(Duration timeout, Supplier<T> probe, Supplier<? extends RuntimeException> onTimeout) {
        FluentWait<Supplier<T>> wait = new FluentWait<>(probe)
            .withTimeout(timeout.isNegative() ? Duration.ZERO : timeout)
            .pollingEvery(POLL)
            .ignoring(StaleElementReferenceException.class);
        try {
            return wait.until(Supplier::get);
        } catch (TimeoutException e) {
            throw onTimeout.get();
        }
    }

    /**
     * Like {@link #until}, but the deadline moves on while {@code progress} keeps changing
     * (a download that is still growing is not stuck).
     */
    static <T> T untilStalled(Duration timeout, Supplier<T> probe, Supplier<Object> progress,
                              Supplier<? extends RuntimeException> onTimeout) {
        Clock clock = Clock.systemUTC();
        Instant[] deadline = {clock.instant().plus(timeout)};
        Object[] last = {progress.get()};
        Supplier<T> watched = () -> {
            T answer = probe.get();
            if (answer != null && !Boolean.FALSE.equals(answer)) {
                return answer;
            }
            Object now = progress.get();
            if (!Objects.equals(now, last[0])) {
                last[0] = now;
                deadline[0] = clock.instant().plus(timeout);
            }
            if (clock.instant().isAfter(deadline[0])) {
                throw onTimeout.get();
            }
            return null;
        };
        FluentWait<Supplier<T>> wait = new FluentWait<>(watched)
            .withTimeout(FOREVER)
            .pollingEvery(POLL);
        return wait.until(Supplier::get);
    }

    /** Waits for {@code duration} to pass: {@code wait: 2s}. */
    static void pause(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        Clock clock = Clock.systemUTC();
        Instant end = clock.instant().plus(duration);
        Duration step = duration.compareTo(POLL) < 0 ? duration : POLL;
        new FluentWait<>(end)
            .withTimeout(duration.plus(POLL))
            .pollingEvery(step)
            .until(e -> !clock.instant().isBefore(e));
    }
}
