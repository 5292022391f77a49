package org.karakuri.secret;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.karakuri.config.EngineConfig;
import org.karakuri.config.SecretsConfig;

/**
 * {@code ${secret:legacy.password}}: the secret store first, then the environment variable
 * {@code KARAKURI_SECRET_LEGACY_PASSWORD}. When a store exists its key must be there: a missing
 * or wrong key stops the run instead of quietly falling back to the environment.
 */
public final class Secrets {
    /** Environment variables that hold secrets start with this. */
    public static final String ENV_PREFIX = "KARAKURI_SECRET_";

    private static final Map<Object, SecretStore> OPEN = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, SecretStore> eldest) {
            return size() > 8;
        }
    };

    private Secrets() {}

    /** {@code legacy.password} → {@code KARAKURI_SECRET_LEGACY_PASSWORD}. */
    public static String envName(String secretName) {
        return org.karakuri.context.RunLookup.envName(secretName);
    }

    /** The secret's value from the store of {@code home}'s configuration, else from {@code env}. */
    public static Optional<String> find(String name, Path home, Map<String, String> env) {
        SecretsConfig config = EngineConfig.load(home, env).secrets();
        if (SecretStore.exists(config.store())) {
            Optional<String> stored = store(config, home).get(name);
            if (stored.isPresent()) {
                return stored;
            }
        }
        return Optional.ofNullable(env.get(envName(name)));
    }

    /**
     * {@code ${secret:…}} and {@code ${env:…}} outside a run (what {@code serve} itself reads
     * for a connection it watches): the secret from the store of {@code home}, else the environment.
     */
    public static org.karakuri.expr.Lookup lookup(Path home, Map<String, String> env) {
        return reference -> {
            if (reference.startsWith("secret:")) {
                String name = reference.substring(7);
                return find(name, home, env).orElseThrow(
                    () -> new org.karakuri.expr.ExpressionException(0, "secret.missing", name, envName(name)));
            }
            String name = reference.startsWith("env:") ? reference.substring(4) : null;
            if (name != null && !org.karakuri.context.EngineVariables.isEngines(name) && env.containsKey(name)) {
                return env.get(name);
            }
            throw new org.karakuri.expr.ExpressionException(0, "expr.env-missing", reference);
        };
    }

    /** The store, opened with its key (kept while the file and the key stay the same). */
    static SecretStore store(SecretsConfig config, Path home) {
        MasterKey key = MasterKey.require(config, home, "secret.key-why-store");
        Path file = config.store();
        Object cacheKey;
        try {
            cacheKey = java.util.List.of(file.toAbsolutePath().normalize(), Files.getLastModifiedTime(file).toMillis(), Files.size(file), key.ids());
        } catch (java.io.IOException e) {
            return SecretStore.open(file, key);
        }
        synchronized (OPEN) {
            SecretStore s = OPEN.get(cacheKey);
            if (s == null) {
                s = SecretStore.open(file, key);
                OPEN.put(cacheKey, s);
            }
            return s;
        }
    }
}
