package org.karakuri.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.cli.Main;
import org.karakuri.server.Server;

/** {@code schedule list | pause | resume | trigger} against a real running server. */
class ScheduleClientCommandsTest {
    @TempDir
    Path dir;

    Server server;
    String out;
    String err;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private int karakuri(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--lang";
        all[1] = "en";
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.execute(all, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void listsPausesResumesAndTriggersThroughTheApi() throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("nightly.yaml"), """
            scenario: nightly
            trigger:
              cron: "0 0 22 ? * MON-FRI"
              calendar: jp-business-days
              time-zone: Asia/Tokyo
            steps:
              - log: hello
            """);
        Files.writeString(scenarios.resolve("broken.yaml"), "scenario: broken\nsteps:\n  - clik: x\n");
        server = Server.start(Server.Settings.from(scenarios, "127.0.0.1", 0, Map.of("KARAKURI_HOME", dir.resolve("home").toString())));
        String url = server.url();
        server.users().add("sato", org.karakuri.users.Role.OPERATOR, "unyou-2026-haru".toCharArray());
        Path token = Files.writeString(dir.resolve("token"), server.users().newToken("sato").token() + "\n");
        assertThat(karakuri("schedule", "list", "--server", url)).as("no credential").isEqualTo(1);
        assertThat(err).contains("the server answered 401");

        assertThat(karakuri("schedule", "list", "--server", url, "--token-file", token.toString())).isZero();
        assertThat(out).containsPattern("broken\\s+invalid").contains("broken.yaml:3:5");
        assertThat(out).containsPattern("nightly\\s+valid\\s+\\d{4}-\\d\\d-\\d\\dT22:00:00\\+09:00");

        assertThat(karakuri("schedule", "pause", "nightly", "--server", url, "--token-file", token.toString())).isZero();
        assertThat(out).contains("nightly: paused");
        assertThat(server.scheduler().paused("nightly")).isTrue();
        assertThat(karakuri("schedule", "list", "--server", url, "--token-file", token.toString())).isZero();
        assertThat(out).containsPattern("nightly\\s+valid\\s+paused");

        assertThat(karakuri("schedule", "resume", "nightly", "--server", url, "--token-file", token.toString())).isZero();
        assertThat(server.scheduler().paused("nightly")).isFalse();

        assertThat(karakuri("schedule", "trigger", "nightly", "--server", url, "--token-file", token.toString())).isZero();
        assertThat(out).containsPattern("nightly: queued as run \\d{8}-\\d{6}-nightly-[0-9a-f]{4}");
        assertThat(karakuri("schedule", "trigger", "nobody", "--server", url, "--token-file", token.toString())).isEqualTo(1);
        assertThat(err).contains("the server answered 404");
    }

    @Test
    void saysHowToStartTheServerWhenNoneAnswers() {
        assertThat(karakuri("schedule", "list", "--server", "http://127.0.0.1:1")).isEqualTo(1);
        assertThat(err).contains("cannot reach the server at http://127.0.0.1:1").contains("./karakuri serve");
    }
}
