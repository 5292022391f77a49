package org.karakuri.spi;

import java.time.Instant;
import org.karakuri.ledger.ProcessOwner;

/**
 * One line of the ledger: the latest outcome of the row with business key {@code key} in
 * scenario {@code scenario}.
 *
 * @param runId     the run that wrote it
 * @param rowNumber the row's number in its file, as a spreadsheet shows it
 * @param message   why it failed, was invalid or interrupted (masked), or null
 * @param owner     the process that wrote {@code in-progress} ({@link ProcessOwner}), or null
 */
public record RowOutcome(String scenario, String key, RowStatus status, String runId, int rowNumber, String message,
                         Instant at, String owner) {}
