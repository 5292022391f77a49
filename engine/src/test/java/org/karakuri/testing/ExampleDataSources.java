package org.karakuri.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.karakuri.config.EngineConfig;

/**
 * The data sources the examples name ({@code docs/examples/engine-data-sources.yaml}) as this
 * process's engine configuration while a test loads them: every load checks a scenario's
 * {@code data-source:} against the configuration of the process ({@code karakuri.home}).
 */
public final class ExampleDataSources implements AutoCloseable {
    private final String previous;

    private ExampleDataSources(String previous) {
        this.previous = previous;
    }

    /** {@code home/engine.yaml} holds the example data sources, and {@code home} is this process's KARAKURI_HOME until closed. */
    public static ExampleDataSources in(Path home) {
        try {
            Files.createDirectories(home);
            Files.copy(file(), home.resolve(EngineConfig.FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return asHome(home);
    }

    /** {@code home} is this process's KARAKURI_HOME until closed (its engine.yaml written by the test). */
    public static ExampleDataSources asHome(Path home) {
        return new ExampleDataSources(System.setProperty(EngineConfig.HOME_PROPERTY, home.toString()));
    }

    /** docs/examples/engine-data-sources.yaml of this repository. */
    public static Path file() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("docs/examples/engine-data-sources.yaml");
            if (Files.exists(f)) {
                return f;
            }
        }
        throw new IllegalStateException("docs/examples/engine-data-sources.yaml not found");
    }

    @Override
    public void close() {
        if (previous == null) {
            System.clearProperty(EngineConfig.HOME_PROPERTY);
        } else {
            System.setProperty(EngineConfig.HOME_PROPERTY, previous);
        }
    }
}
