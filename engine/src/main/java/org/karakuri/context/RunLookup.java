package org.karakuri.context;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.karakuri.expr.Lookup;
import org.karakuri.expr.ExpressionException;
import org.karakuri.spi.Fields;

/**
 * Resolves {@code ${…}} references for one step: variables of its scope, {@code row.…} and
 * {@code file.…} through {@link Fields}, {@code env:}, {@code secret:}, {@code run.id},
 * {@code today}. Every secret it reads is registered with the masker before it is returned.
 */
public final class RunLookup implements Lookup {
    private final RunState run;
    private final Scope scope;

    RunLookup(RunState run, Scope scope) {
        this.run = run;
        this.scope = scope;
    }

    @Override
    public Object get(String reference) {
        if (reference.startsWith("env:")) {
            String name = reference.substring(4);
            if (EngineVariables.isEngines(name)) {
                throw new ExpressionException(0, "expr.env-engine", name);
            }
            String v = run.env().get(name);
            if (v == null) {
                throw new ExpressionException(0, "expr.env-missing", name);
            }
            return v;
        }
        if (reference.startsWith("secret:")) {
            return secret(reference.substring(7));
        }
        if (reference.equals("run.id")) {
            return run.info().id();
        }
        if (reference.equals("today")) {
            return LocalDate.now(run.clock());
        }
        String[] parts = reference.split("\\.", 2);
        if (!scope.has(parts[0])) {
            throw new ExpressionException(0, "expr.unknown-variable", parts[0], String.join(", ", scope.names()));
        }
        Object value = scope.get(parts[0]);
        return parts.length == 1 ? value : navigate(value, parts[0], parts[1]);
    }

    private Object navigate(Object value, String head, String rest) {
        if (value instanceof Fields f) {
            return f.field(rest);
        }
        if (value instanceof Map<?, ?> m) {
            if (m.containsKey(rest)) {
                return m.get(rest);
            }
            String[] parts = rest.split("\\.", 2);
            if (m.containsKey(parts[0]) && parts.length == 2) {
                return navigate(m.get(parts[0]), parts[0], parts[1]);
            }
            throw new ExpressionException(0, "expr.unknown-field", head, rest, m.keySet().toString());
        }
        throw new ExpressionException(0, "expr.no-fields", head, rest);
    }

    /** {@code secret:legacy.password}: the secret store, else {@code KARAKURI_SECRET_LEGACY_PASSWORD}. */
    private String secret(String name) {
        String v = run.secrets().find(name)
            .orElseThrow(() -> new ExpressionException(0, "secret.missing", name, envName(name)));
        run.masker().register(v);
        return v;
    }

    @Override
    public void derivedFromSecret(Object value) {
        run.masker().register(value instanceof String s ? s : String.valueOf(value));
    }

    /** {@code legacy.password} → {@code KARAKURI_SECRET_LEGACY_PASSWORD}. */
    public static String envName(String secretName) {
        return "KARAKURI_SECRET_" + secretName.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
