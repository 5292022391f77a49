package org.karakuri.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLocksTest {
    @TempDir
    Path home;

    @Test
    void letsOneHolderHaveAScenarioAtATimeOnH2() throws Exception {
        try (DataSources db = DataSources.open(Map.of(), home, 5)) {
            ScenarioLocks locks = new ScenarioLocks(db);
            Optional<ScenarioLocks.Held> first = locks.tryLock("nightly");
            assertThat(first).isPresent();
            assertThat(locks.tryLock("nightly")).as("while held").isEmpty();
            try (ScenarioLocks.Held other = locks.tryLock("morning").orElseThrow()) {
                assertThat(other).as("another scenario is free").isNotNull();
            }
            first.get().close();
            try (ScenarioLocks.Held again = locks.tryLock("nightly").orElseThrow()) {
                assertThat(again).as("free again after release").isNotNull();
            }
        }
    }

    @Test
    void hashesIdsToStableAdvisoryLockKeys() {
        assertThat(ScenarioLocks.key("nightly")).isEqualTo(ScenarioLocks.key("nightly")).isNotEqualTo(ScenarioLocks.key("nightly2"));
    }

    @Test
    void createsQuartzTablesWithTheMigration() throws Exception {
        try (DataSources db = DataSources.open(Map.of(), home, 2); var c = db.connection();
             var r = c.getMetaData().getTables(null, null, "QRTZ_%", null)) {
            int n = 0;
            while (r.next()) {
                n++;
            }
            assertThat(n).isEqualTo(11);
        }
    }
}
