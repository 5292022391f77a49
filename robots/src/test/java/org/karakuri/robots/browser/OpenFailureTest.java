package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/** {@code open} of an address that gives no page is a failure that says why (issue 14.8). */
class OpenFailureTest extends BrowserTest {

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aRefusedConnectionFailsTheStepSayingSo() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/login";
        KarakuriException e = failure("- open: " + url + "\n");
        assertThat(e.message(Locale.ENGLISH)).isEqualTo("Could not open " + url + ": the connection was refused (nothing listens at that "
            + "address and port). Nothing was loaded; check the address and that the system is running.");
        assertThat(e.message(Locale.JAPANESE)).startsWith(url + " を開けませんでした: 接続を拒否されました");
    }

    @Test
    void anUnknownHostFailsTheRunAndTheNextStepNeverRuns() {
        RunResult r = new ScenarioHarness(dir).write("s.yaml", """
            scenario: s
            browser:
              timeout: 3s
            steps:
              - open: http://no-such-host.invalid/menu
              - log: after
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("s.yaml:5:5: Could not open http://no-such-host.invalid/menu: the host name is not known");
    }
}
