package org.karakuri.users;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.ledger.LedgerSettings;

class UsersOnH2Test extends UsersContract {
    @TempDir
    Path home;

    @Override
    LedgerSettings settings() {
        return LedgerSettings.h2(home);
    }
}
