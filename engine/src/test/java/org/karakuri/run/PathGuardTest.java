package org.karakuri.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.context.PathGuard;
import org.karakuri.i18n.KarakuriException;

class PathGuardTest {
    @TempDir
    Path dir;

    @Test
    void resolvesRelativePathsAgainstTheScenarioFolder() throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        PathGuard g = new PathGuard(scenarios, List.of(scenarios));
        assertThat(g.resolve("inbox/a.csv")).isEqualTo(scenarios.resolve("inbox/a.csv"));
        assertThat(g.resolve("./inbox/../done/")).isEqualTo(scenarios.resolve("done"));
    }

    @Test
    void refusesDotDotAbsoluteAndSymlinksOut() throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(scenarios.resolve("link"), outside);
        Files.createSymbolicLink(scenarios.resolve("dangling.csv"), outside.resolve("not-yet.csv"));
        PathGuard g = new PathGuard(scenarios, List.of(scenarios));
        for (String bad : List.of("../outside/a.csv", outside.resolve("a.csv").toString(), "link/a.csv", "/etc/passwd", "dangling.csv")) {
            assertThatThrownBy(() -> g.resolve(bad)).as(bad).isInstanceOfSatisfying(KarakuriException.class,
                e -> assertThat(e.key()).isEqualTo("path.outside-roots"));
        }
    }

    @Test
    void acceptsAnyConfiguredRoot() throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Path share = Files.createDirectories(dir.resolve("share"));
        PathGuard g = new PathGuard(scenarios, List.of(scenarios, share));
        assertThat(g.resolve(share.resolve("x.csv").toString())).isEqualTo(share.resolve("x.csv"));
    }
}
