package org.karakuri.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationTest {
    @TempDir
    Path dir;

    WireMockServer hook;
    ServerFixture f;

    @BeforeEach
    void start() {
        hook = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        hook.start();
        hook.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
        f = new ServerFixture(dir);
        f.env.put("KARAKURI_SECRET_LEGACY_PASSWORD", "s3cret-pw");
    }

    @AfterEach
    void stop() {
        f.close();
        hook.stop();
    }

    private List<LoggedRequest> posted() {
        return hook.findAll(postRequestedFor(urlEqualTo("/hook")));
    }

    /** The webhook as an administrator sets it: the notifications: section of engine.yaml. */
    private void webhookInEngineYaml() throws java.io.IOException {
        java.nio.file.Files.createDirectories(f.home);
        java.nio.file.Files.writeString(f.home.resolve("engine.yaml"), "notifications:\n  webhook: http://127.0.0.1:" + hook.port() + "/hook\n");
    }

    @Test
    void aNotifyYamlOfAnEarlierVersionStillReachesTheWebhook() throws Exception {
        java.nio.file.Files.createDirectories(f.home);
        java.nio.file.Files.writeString(f.home.resolve("notify.yaml"), "webhook: http://127.0.0.1:" + hook.port() + "/hook\n");
        f.write("broken.yaml", "scenario: broken\nsteps:\n  - fail: no\n").start();
        f.post("/api/scenarios/broken/trigger");
        Eventually.until(Duration.ofSeconds(20), "the notification", () -> !posted().isEmpty());
        hook.verify(1, postRequestedFor(urlEqualTo("/hook")).withRequestBody(matchingJsonPath("$.scenario", equalTo("broken"))));
    }

    @Test
    void postsAFailedRunToTheWebhookWithoutItsSecrets() throws Exception {
        webhookInEngineYaml();
        f.write("broken.yaml", """
            scenario: broken
            vars:
              password: ${secret:legacy.password}
            steps:
              - fail: "cannot log in as ${password}"
            """).write("fine.yaml", "scenario: fine\nsteps:\n  - log: ok\n").start();
        f.post("/api/scenarios/fine/trigger");
        Eventually.until(Duration.ofSeconds(20), "the fine run", () -> f.runs("fine", "succeeded").size() == 1);
        f.post("/api/scenarios/broken/trigger");
        Eventually.until(Duration.ofSeconds(20), "the notification", () -> !posted().isEmpty());
        hook.verify(1, postRequestedFor(urlEqualTo("/hook"))
            .withHeader("Content-Type", containing("application/json"))
            .withRequestBody(matchingJsonPath("$.event", equalTo("run-failed")))
            .withRequestBody(matchingJsonPath("$.scenario", equalTo("broken")))
            .withRequestBody(matchingJsonPath("$.status", equalTo("failed")))
            .withRequestBody(matchingJsonPath("$.trigger", equalTo("api")))
            .withRequestBody(matchingJsonPath("$.host", equalTo("node-test")))
            .withRequestBody(matchingJsonPath("$.run"))
            .withRequestBody(matchingJsonPath("$.report"))
            .withRequestBody(matchingJsonPath("$.error", containing("cannot log in as"))));
        String body = posted().get(0).getBodyAsString();
        assertThat(body).doesNotContain("s3cret-pw").doesNotContain("KARAKURI_SECRET");
    }

    @Test
    void mailsAFailedRunThroughCamelWithoutItsSecrets() throws Exception {
        com.icegreen.greenmail.util.GreenMail smtp = new com.icegreen.greenmail.util.GreenMail(
            new com.icegreen.greenmail.util.ServerSetup(0, "127.0.0.1", "smtp"));
        smtp.start();
        try {
            f.env.put("KARAKURI_NOTIFY_SMTP", "127.0.0.1:" + smtp.getSmtp().getPort());
            f.env.put("KARAKURI_NOTIFY_MAIL_TO", "operator@city.example.jp");
            f.env.put("KARAKURI_NOTIFY_MAIL_FROM", "karakuri@city.example.jp");
            f.write("broken.yaml", """
                scenario: broken
                steps:
                  - fail: "cannot log in as ${secret:legacy.password}"
                """).start();
            f.post("/api/scenarios/broken/trigger");
            Eventually.until(Duration.ofSeconds(20), "the mail", () -> smtp.getReceivedMessages().length == 1);
            jakarta.mail.internet.MimeMessage mail = smtp.getReceivedMessages()[0];
            assertThat(mail.getSubject()).contains("実行失敗: broken").contains("run failed: broken");
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("operator@city.example.jp");
            String text = com.icegreen.greenmail.util.GreenMailUtil.getBody(mail);
            String decoded = new String(jakarta.mail.internet.MimeUtility.decode(
                new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                mail.getEncoding() == null ? "7bit" : mail.getEncoding()).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(decoded).contains("cannot log in as ********").contains("report").doesNotContain("s3cret-pw");
        } finally {
            smtp.stop();
        }
    }
}
