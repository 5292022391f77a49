package org.karakuri.ledger;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.karakuri.config.SecretsConfig;
import org.karakuri.spi.RowLedger;
import org.karakuri.spi.RowOutcome;
import org.karakuri.spi.RowStatus;

/**
 * The row ledger a run hands to its loops: the {@link Ledger}'s rows, with keys turned into the
 * forms the ledger keeps by {@link RowKeys} (one per scenario, with the engine's master key).
 */
public final class RunRowLedger implements RowLedger, AutoCloseable {
    private final Ledger ledger;
    private final SecretsConfig secrets;
    private final Path home;
    private final Map<String, RowKeys> keys = new HashMap<>();

    public RunRowLedger(Ledger ledger, SecretsConfig secrets, Path home) {
        this.ledger = ledger;
        this.secrets = secrets;
        this.home = home;
    }

    private synchronized RowKeys keys(String scenario) {
        return keys.computeIfAbsent(scenario, s -> new RowKeys(ledger, s, secrets, home));
    }

    @Override
    public String stored(String scenario, String key, boolean maskedColumn) {
        return keys(scenario).stored(key, maskedColumn);
    }

    @Override
    public Optional<RowOutcome> row(String scenario, String key, boolean maskedColumn) {
        return ledger.row(scenario, keys(scenario).forms(key, maskedColumn));
    }

    @Override
    public void started(String scenario, String storedKey, String runId, int rowNumber) {
        ledger.started(scenario, storedKey, runId, rowNumber);
    }

    @Override
    public void finished(String scenario, String storedKey, RowStatus status, String runId, int rowNumber, String message) {
        ledger.finished(scenario, storedKey, status, runId, rowNumber, message);
    }

    @Override
    public List<RowOutcome> interruptDead(String scenario, String currentRunId) {
        return ledger.interruptDead(scenario, currentRunId);
    }

    @Override
    public boolean ownerAlive(RowOutcome outcome) {
        return ProcessOwner.parse(outcome.owner()).map(ProcessOwner::isAlive).orElse(false);
    }

    @Override
    public void close() {
        ledger.close();
    }
}
