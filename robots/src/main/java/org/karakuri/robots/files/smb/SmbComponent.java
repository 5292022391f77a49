package org.karakuri.robots.files.smb;

import java.util.Map;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.remote.RemoteFileComponent;

/**
 * The component Karakuri's share endpoints belong to. Endpoints are built in code from a
 * connection (never from a URI a scenario writes), so it resolves no URI of its own.
 */
public final class SmbComponent extends RemoteFileComponent<SmbFile> {
    @Override
    protected GenericFileEndpoint<SmbFile> buildFileEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        throw new IllegalArgumentException("a share is reached through a scenario's connections: (smb:), not by the URI " + uri);
    }

    @Override
    protected void afterPropertiesSet(GenericFileEndpoint<SmbFile> endpoint) {
        // built in code: nothing to resolve
    }
}
