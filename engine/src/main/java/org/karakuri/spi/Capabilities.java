package org.karakuri.spi;

/**
 * The engine's capability policy as a running step meets it: the value a step rendered is
 * checked just before it is used (a variable's value is known only then). Refusals are
 * {@link org.karakuri.i18n.KarakuriException}s that say what the policy allows.
 */
public interface Capabilities {

    /** The endpoint URI to send to ({@code file:} made absolute), or a refusal. */
    String camelUri(String rendered);

    /** Nothing, or a refusal of an address the browser may not load. */
    void openUrl(String rendered);

    /**
     * The host key fingerprint the server of the connection {@code name} must show: the one the
     * administrator pinned in the engine's configuration, else the scenario's {@code host-key};
     * a refusal when neither pins one or when they disagree.
     */
    String hostKey(String name, org.karakuri.model.Connection connection);
}
