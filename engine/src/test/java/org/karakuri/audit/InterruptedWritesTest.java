package org.karakuri.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped by the API or by a shutdown is interrupted while it writes its end: the trail's
 * last records and the chain's link are still written (issue 14.7: a FileLockInterruptionException
 * broke the chain of runs), and the thread stays interrupted for whoever stops it.
 */
class InterruptedWritesTest {
    @TempDir
    Path dir;

    @Test
    void anInterruptedThreadStillSealsItsTrailAndLinksItIntoTheChain() {
        Path home = dir.resolve("home");
        Map<String, String> env = Map.of("KARAKURI_MASTER_KEY_FILE", dir.resolve("keys/master.key").toString());
        String seal;
        try (TrailWriter trail = new TrailWriter(home.resolve("runs/r1/audit.jsonl"))) {
            Thread.currentThread().interrupt();
            ObjectNode ended = Canonical.JSON.createObjectNode();
            ended.put("type", "run-ended");
            trail.append(ended);
            seal = trail.seal();
            RunChain.linkRun(home, env, "r1", seal, 2);
        } finally {
            assertThat(Thread.interrupted()).as("still interrupted").isTrue();
        }
        assertThat(TrailVerifier.verify(home.resolve("runs/r1/audit.jsonl")).intact()).isTrue();
        assertThat(RunChain.sealOf(home, "r1")).contains(seal);
        assertThat(RunChain.verifyAll(home, env)).isEmpty();
    }
}
