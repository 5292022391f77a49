package org.karakuri.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.spi.RowStatus;

class LedgerSettingsTest {
    @TempDir
    Path home;

    @Test
    void usesTheEmbeddedDatabaseUnderKarakuriHomeByDefault() {
        LedgerSettings s = LedgerSettings.from(Map.of(), home);
        assertThat(s.url()).isEqualTo("jdbc:h2:file:" + home.toAbsolutePath().normalize().resolve("ledger") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
        assertThat(s.isPostgres()).isFalse();
    }

    @Test
    void usesPostgresqlWhenTheEnvironmentSaysSo() {
        LedgerSettings s = LedgerSettings.from(Map.of("KARAKURI_DB_URL", "jdbc:postgresql://db.city.local/karakuri",
            "KARAKURI_DB_USER", "robot", "KARAKURI_DB_PASSWORD", "s3cret-pw"), home);
        assertThat(s).isEqualTo(new LedgerSettings("jdbc:postgresql://db.city.local/karakuri", "robot", "s3cret-pw"));
        assertThat(s.isPostgres()).isTrue();
    }

    @Test
    void neverShowsThePassword() {
        LedgerSettings s = new LedgerSettings("jdbc:postgresql://db/karakuri?password=s3cret-pw&ssl=true", "robot", "s3cret-pw");
        assertThat(s.toString()).doesNotContain("s3cret-pw").contains("jdbc:postgresql://db/karakuri", "robot");
        assertThat(s.displayUrl()).isEqualTo("jdbc:postgresql://db/karakuri");
    }

    @Test
    void anUnreachableDatabaseIsAnErrorThatNamesItAndHidesThePassword() {
        LedgerSettings s = new LedgerSettings("jdbc:postgresql://127.0.0.1:1/karakuri?connectTimeout=2", "robot", "s3cret-pw");
        assertThatThrownBy(() -> Ledger.open(s)).isInstanceOfSatisfying(KarakuriException.class, e -> {
            assertThat(e.key()).isIn("ledger.migration-failed", "ledger.unavailable");
            assertThat(e.getMessage()).contains("jdbc:postgresql://127.0.0.1:1/karakuri", "KARAKURI_DB_URL").doesNotContain("s3cret-pw");
        });
    }

    @Test
    void refusesADatabaseItCannotUse() {
        assertThatThrownBy(() -> LedgerSettings.from(Map.of("KARAKURI_DB_URL", "jdbc:mysql://db/karakuri?password=pw"), home))
            .isInstanceOfSatisfying(KarakuriException.class, e -> assertThat(e.getMessage())
                .contains("jdbc:mysql://db/karakuri", "jdbc:postgresql:").doesNotContain("pw"));
    }

    @Test
    void theNewestMigrationIsTheOneOpeningChecksFor() throws Exception {
        try (var files = java.nio.file.Files.list(Path.of("src/main/resources/db/migration"))) {
            int newest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
            assertThat(LedgerSettings.LATEST_MIGRATION).as("LedgerSettings.LATEST_MIGRATION").isEqualTo(String.valueOf(newest));
        }
    }

    @Test
    void theSchedulerAndTheLedgerShareOneDatabaseAndOneMigrationHistory() throws Exception {
        LedgerSettings s = LedgerSettings.from(Map.of(), home);
        try (java.sql.Connection c = s.connect()) {
            assertThat(s.isUpToDate(c)).as("an empty database").isFalse();
        }
        try (org.karakuri.schedule.DataSources db = org.karakuri.schedule.DataSources.open(Map.of(), home, 2)) {
            assertThat(db.settings()).isEqualTo(s);
        }
        try (Ledger ledger = Ledger.open(s)) {
            java.util.List<String> history = ledger.call(c -> {
                assertThat(s.isUpToDate(c)).isTrue();
                java.util.List<String> versions = new java.util.ArrayList<>();
                try (var q = c.prepareStatement("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"");
                     var r = q.executeQuery()) {
                    while (r.next()) {
                        versions.add(r.getString(1));
                    }
                }
                return versions;
            });
            assertThat(history).containsExactly("1", "10", "20", "30", "40", "50");
        }
    }

    @Test
    void aFreshDatabaseOpenedFromSeveralThreadsAtOnceTakesRowsOnEveryConnection() throws Exception {
        LedgerSettings s = LedgerSettings.h2(home);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Ledger>> opening = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opening.add(pool.submit(() -> Ledger.open(s)));
            }
            java.util.List<Ledger> ledgers = new java.util.ArrayList<>();
            for (var f : opening) {
                ledgers.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            for (int i = 0; i < ledgers.size(); i++) {
                // row_outcomes has a check constraint: H2 must not have tied it to a session that is gone
                ledgers.get(i).finished("s", "K-" + i, RowStatus.DONE, "run-" + i, 2, null);
            }
            assertThat(ledgers.get(0).rows("s")).hasSize(4);
            ledgers.forEach(Ledger::close);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ledgerMessagesAreInEnglishAndJapanese() {
        for (String key : new String[] {"ledger.unavailable", "ledger.migration-failed", "ledger.key-too-long"}) {
            String en = org.karakuri.i18n.Messages.of(java.util.Locale.ENGLISH).format(key, "jdbc:h2:x", 2000);
            String ja = org.karakuri.i18n.Messages.of(java.util.Locale.JAPANESE).format(key, "jdbc:h2:x", 2000);
            assertThat(en).doesNotStartWith(key);
            assertThat(ja).doesNotStartWith(key).isNotEqualTo(en);
        }
    }
}
