package org.karakuri.actions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.context.RunResult;
import org.karakuri.testing.ScenarioHarness;

/** The http step through Camel's http component, checked with WireMock's verify. */
class HttpTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;

    @Test
    void postsJsonWithRenderedValuesAndHeadersAndKeepsTheAnswer() {
        wm.stubFor(post(urlPathEqualTo("/api/notify")).willReturn(aResponse().withStatus(201)
            .withHeader("Content-Type", "application/json").withBody("{\"id\": 42, \"状態\": \"受付済\"}")));
        ScenarioHarness h = new ScenarioHarness(dir).env("KARAKURI_SECRET_API_TOKEN", "tok-very-secret");
        RunResult r = h.write("s.yaml", """
            scenario: s
            vars:
              system: %s
            steps:
              - http:
                  method: POST
                  url: ${system}/api/notify?office=1
                  headers:
                    Authorization: Bearer ${secret:api.token}
                    X-Office: 市民課
                  body:
                    受付番号: R-0001
                    氏名: 髙橋 ①子
                    件数: 2
                  into: answer
              - log: ${answer.状態}
            """.formatted(wm.baseUrl())).run();
        assertThat(r.status()).as(r.error() + " " + r.problems()).isEqualTo(RunResult.Status.SUCCEEDED);
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/notify"))
            .withQueryParam("office", equalTo("1"))
            .withHeader("Authorization", equalTo("Bearer tok-very-secret"))
            .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
            .withRequestBody(equalToJson("{\"受付番号\": \"R-0001\", \"氏名\": \"髙橋 ①子\", \"件数\": \"2\"}")));
        assertThat(h.events("log")).singleElement().satisfies(e -> assertThat(e.get("text")).isEqualTo("受付済"));
        assertThat(h.homeText()).doesNotContain("tok-very-secret");
    }

    @Test
    void failsOnAnErrorStatusWithTheStatusAndTheStepsPlace() {
        wm.stubFor(get("/api/health").willReturn(aResponse().withStatus(503).withBody("maintenance")));
        ScenarioHarness h = new ScenarioHarness(dir);
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - http: %s/api/health
            """.formatted(wm.baseUrl())).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("s.yaml:3:5").contains("503").contains("maintenance");
        wm.verify(1, getRequestedFor(urlEqualTo("/api/health")));
    }

    @Test
    void refusesUrlsThatAreNotHttp() {
        ScenarioHarness h = new ScenarioHarness(dir);
        RunResult r = h.write("s.yaml", """
            scenario: s
            steps:
              - http: file:///etc/passwd
            """).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains("is not an http or https URL");
    }
}
