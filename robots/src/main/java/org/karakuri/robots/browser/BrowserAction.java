package org.karakuri.robots.browser;

import java.util.Set;
import org.karakuri.spi.Need;
import org.karakuri.spi.SimpleAction;
import org.karakuri.spi.StepContext;

/**
 * What every browser action shares: the run's one {@link BrowserSession}, and failures turned
 * into author messages with the session-expiry and closed-window recoveries of
 * {@link BrowserSession#perform}.
 */
abstract class BrowserAction<P extends Record> implements SimpleAction<P> {

    @Override
    public final Set<Need> needs() {
        return Set.of(Need.BROWSER);
    }

    @Override
    public final void run(P params, StepContext ctx) throws Exception {
        BrowserSession browser = BrowserSession.of(ctx);
        browser.perform(ctx, () -> execute(params, ctx, browser), navigates());
    }

    /** True for the steps that take the browser somewhere (click, open): repeated after a re-login. */
    boolean navigates() {
        return false;
    }

    /** The action's work, in the browser's current window and frame. */
    abstract void execute(P params, StepContext ctx, BrowserSession browser) throws Exception;
}
