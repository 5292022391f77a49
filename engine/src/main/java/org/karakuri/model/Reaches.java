package org.karakuri.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The key names something outside the run that the engine's capability policy governs: a Camel
 * endpoint ({@code camel: to:}) or an address the browser loads ({@code open:}). The policy holds
 * every key so marked, at load time with file:line:col and again with the value the step renders.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Reaches {
    Kind value();

    /** What the value reaches. */
    enum Kind {
        /** A Camel endpoint URI: only components the policy allows; {@code file:} only inside the allowed folders. */
        CAMEL_ENDPOINT,
        /** An address a browser loads: only schemes the policy allows; {@code file:} only inside the allowed folders. */
        WEB_ADDRESS,
        /** A file or folder: a local path (inside the allowed folders when the step runs) or {@code NAME:/path} on one of the scenario's connections. */
        LOCATION,
        /** A data source of the engine's configuration ({@code data-sources:}): only a name the administrator gave. */
        DATA_SOURCE
    }
}
