package org.karakuri.context;

import java.util.Locale;

/**
 * The engine's own environment variables: {@code KARAKURI_…} holds secrets
 * ({@code KARAKURI_SECRET_…}), the API token, the master key, the database password. A scenario
 * may not read them with {@code ${env:…}}: validation refuses it at its place, and a reference
 * the loader could not see is refused when it is evaluated. Secrets are read with
 * {@code ${secret:…}}, which keeps them masked.
 */
public final class EngineVariables {
    private EngineVariables() {}

    public static boolean isEngines(String name) {
        return name != null && name.strip().toUpperCase(Locale.ROOT).startsWith("KARAKURI_");
    }
}
