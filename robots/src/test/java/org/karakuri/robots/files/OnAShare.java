package org.karakuri.robots.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests against one real Samba server for the class ({@link SambaServer}); the share holds only {@code 受付/} when each test starts. */
abstract class OnAShare {
    @TempDir
    static Path shared;

    static Path share;
    static SambaServer samba;

    @BeforeAll
    static void startSamba() throws IOException {
        Fixtures.english();
        share = Files.createDirectories(shared.resolve("share"));
        samba = SambaServer.serving(share);
    }

    @AfterAll
    static void stopSamba() {
        samba.close();
    }

    @BeforeEach
    void emptyShare() throws IOException {
        try (Stream<Path> all = Files.walk(share)) {
            all.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(share)).forEach(p -> p.toFile().delete());
        }
        Files.createDirectories(share.resolve("受付"));
    }
}
