package org.karakuri.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionExpiryTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final TestClock clock = TestClock.tokyoMorning();
    private LegacySystem legacy;
    private LegacyClient clerk;

    @BeforeEach
    void start() {
        legacy = LegacySystem.start(LegacySystem.Options.defaults().withSessionTimeout(TIMEOUT), clock);
        clerk = new LegacyClient(legacy.baseUri());
        clerk.login();
    }

    @AfterEach
    void stop() {
        legacy.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "menu", "home", "resident/new", "resident/search", "resident/print?no=S-0001",
            "download", "download/csv", "upload"})
    void everyPageButLoginAnswersTheExpiryPageWithStatus200AfterExpireSessions(String path) {
        legacy.expireSessions();

        LegacyClient.Response page = clerk.get(path);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=Shift_JIS");
        assertThat(page.text())
                .contains("セッションの有効期限が切れました。再度ログインしてください。")
                .contains("<a href=\"/login\" target=\"_top\">ログイン画面へ</a>");
    }

    @Test
    void postingAFormIntoAnExpiredSessionRegistersNothing() {
        legacy.expireSessions();

        String html = clerk.post("resident/new", RegistrationTest.validForm("R-0001")).text();

        assertThat(html).contains(Pages.SESSION_EXPIRED);
        assertThat(legacy.residents()).isEmpty();
    }

    @Test
    void loginPageStillWorksAfterExpiryAndStartsANewSession() {
        legacy.expireSessions();

        assertThat(clerk.get("login").text()).contains("name=\"uid\"");
        clerk.login();
        assertThat(clerk.get("home").text()).contains("ようこそ clerk01 さん");
    }

    @Test
    void aPageWithoutAnySessionIsTheExpiryPage() {
        LegacyClient stranger = new LegacyClient(legacy.baseUri());

        assertThat(stranger.get("main").text()).contains(Pages.SESSION_EXPIRED);
    }

    @Test
    void sessionExpiresAfterTheTimeoutWithoutRequests() {
        clock.advance(TIMEOUT);

        assertThat(clerk.get("home").text()).contains(Pages.SESSION_EXPIRED);
    }

    @Test
    void sessionLivesJustShortOfTheTimeout() {
        clock.advance(TIMEOUT.minusSeconds(1));

        assertThat(clerk.get("home").text()).contains("ようこそ clerk01 さん");
    }

    @Test
    void eachRequestRestartsTheTimeout() {
        for (int i = 0; i < 5; i++) {
            clock.advance(TIMEOUT.minusSeconds(10));
            assertThat(clerk.get("menu").text()).doesNotContain(Pages.SESSION_EXPIRED);
        }
    }

    @Test
    void anExpiredSessionStaysExpiredEvenIfTimeWouldAllowIt() {
        clock.advance(TIMEOUT.plusSeconds(1));
        clerk.get("home");

        assertThat(clerk.get("home").text()).contains(Pages.SESSION_EXPIRED);
    }

    @Test
    void expiringSessionsEndsEveryClerksSession() {
        LegacyClient other = new LegacyClient(legacy.baseUri());
        other.login();

        legacy.expireSessions();

        assertThat(clerk.get("home").text()).contains(Pages.SESSION_EXPIRED);
        assertThat(other.get("home").text()).contains(Pages.SESSION_EXPIRED);
    }
}
