package org.karakuri.robots.browser;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * An engine stand-in for {@link BrowserReaperTest}: starts a browser with its profile under the
 * given KARAKURI_HOME, opens the given page, says "ready" and waits until it is killed.
 *
 * <pre>java … org.karakuri.robots.browser.BrowserHolder HOME URL</pre>
 */
public final class BrowserHolder {
    private BrowserHolder() {}

    public static void main(String[] args) throws Exception {
        BrowserSession session = new BrowserSession(new BrowserSession.Launch(true, null, Path.of("/usr/bin/chromium"),
            Path.of("/usr/bin/chromedriver"), Path.of(args[0])));
        session.driver().get(args[1]);
        System.out.println("ready");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
