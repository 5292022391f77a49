package org.karakuri.spi;

import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.karakuri.expr.Lookup;
import org.karakuri.model.Connection;

/**
 * A folder on a connection's server ({@code NAME:/path}) as the engine itself watches it, for
 * {@code trigger.file-arrives} in {@code serve}: the robots that speak the connection's protocol
 * provide it, as a service found with {@link ServiceLoader}. The engine sets the consumer's read
 * lock, filter and idempotency as for a local folder; the endpoint only knows the server.
 */
public interface RemoteFolders {
    /**
     * Camel's consumer endpoint (not yet started) on {@code path} of the server of the connection
     * {@code name}: the host key pinned, the user and key or password read through {@code secrets};
     * its exchanges' body is the file's content. What makes a poll fail (the server down, a host
     * key not the pinned one) is said to {@code problem} in the words a step's error would use.
     */
    GenericFileEndpoint<?> folder(CamelContext camel, String name, Connection connection, String path, Lookup secrets,
                                  Consumer<String> problem);

    /** The installed implementation (the robots' SFTP), if any. */
    static Optional<RemoteFolders> installed() {
        return ServiceLoader.load(RemoteFolders.class, RemoteFolders.class.getClassLoader()).findFirst();
    }
}
