package org.karakuri.spi;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The run a step belongs to.
 *
 * @param id        the run id, also the name of its folder under {@code runs/}
 * @param folder    {@code KARAKURI_HOME/runs/<id>}
 * @param home      {@code KARAKURI_HOME}
 * @param headed    the author asked to watch the browser ({@code --headed})
 */
public record RunInfo(String id, String scenarioId, Path scenarioFile, Path folder, Path home, Instant started, boolean headed) {}
