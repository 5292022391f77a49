package org.karakuri.ledger;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LedgerOnH2Test extends LedgerContract {
    @TempDir
    Path home;

    @Override
    LedgerSettings settings() {
        return LedgerSettings.h2(home);
    }
}
