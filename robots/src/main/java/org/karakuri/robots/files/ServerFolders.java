package org.karakuri.robots.files;

import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.karakuri.expr.Lookup;
import org.karakuri.model.Connection;
import org.karakuri.robots.files.smb.SmbEndpoint;
import org.karakuri.spi.RemoteFolders;

/**
 * The folders on servers {@code serve} watches for {@code trigger.file-arrives: folder: NAME:/path}:
 * Camel's SFTP endpoint with the host key pinned as for a run's {@code move}, or its remote file
 * consumer on a Windows file share; the user and key or password read from secrets each time a
 * session opens, so a password changed in the secret store is used at the next poll. A poll
 * that fails is said in the words a step's error would use (the
 * fingerprint the server showed, or why it could not connect).
 */
public final class ServerFolders implements RemoteFolders {
    @Override
    public GenericFileEndpoint<?> folder(CamelContext camel, String name, Connection connection, String path, Lookup secrets,
                                         Consumer<String> problem) {
        if (connection.isShare()) {
            SmbEndpoint ep = SmbEndpoint.of(camel, Smb.configuration(connection, t -> t.render(secrets), secret -> {}), path);
            ep.onProblem(e -> problem.accept(Smb.refused(name, connection, e).getMessage()));
            return ep;
        }
        // the user and key or password read when a session opens: a secret changed in the store is used at the next poll
        Sftp.PinnedEndpoint ep = Sftp.PinnedEndpoint.of(camel, name, connection,
            () -> Sftp.Credentials.of(connection, t -> t.render(secrets), secret -> {}), path);
        ep.onProblem(problem);
        return ep;
    }
}
