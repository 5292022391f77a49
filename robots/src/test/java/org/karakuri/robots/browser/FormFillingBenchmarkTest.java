package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's two ways both get every field of every record right (the timing is the main class's job). */
class FormFillingBenchmarkTest extends BrowserTest {

    @Test
    void bothTheSeleniumBaselineAndKarakurisFillGetEveryFieldRight() throws Exception {
        FormFillingBenchmark bench = new FormFillingBenchmark(browser(), server.page("/challenge", ChallengePage.html()), dir);
        FormFillingBenchmark.Outcome selenium = bench.baseline(3);
        FormFillingBenchmark.Outcome karakuri = bench.karakuri(3);
        assertThat(selenium.problem()).isNull();
        assertThat(karakuri.problem()).isNull();
        assertThat(karakuri.fillMillis()).as("karakuri %d ms, selenium %d ms", karakuri.fillMillis(), selenium.fillMillis())
            .isLessThan(selenium.fillMillis());
    }
}
