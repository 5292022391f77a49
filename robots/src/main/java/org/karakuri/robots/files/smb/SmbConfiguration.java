package org.karakuri.robots.files.smb;

import java.util.function.Supplier;
import org.apache.camel.component.file.remote.RemoteFileConfiguration;
import org.karakuri.model.Connection;

/**
 * Where a share is and who signs in: the {@code smb:} connection as Camel's remote file endpoint
 * reads it. The user, password and domain come from a supplier asked each time a session opens.
 */
public final class SmbConfiguration extends RemoteFileConfiguration {
    /** Who signs in. */
    public record Credentials(String user, String password, String domain) {
        @Override
        public String toString() {
            return "Credentials[" + (domain == null ? "" : domain + "\\") + user + "]";
        }
    }

    private final Supplier<Credentials> credentials;
    private String share;

    /** Signing in with what {@code credentials} gives when a session opens. */
    public SmbConfiguration(Supplier<Credentials> credentials) {
        this.credentials = credentials;
        setProtocol("smb");
        setBinary(true);
        setStreamDownload(true);
        setSeparator(PathSeparator.UNIX);
    }

    @Override
    protected void setDefaultPort() {
        setPort(Connection.SMB_PORT);
    }

    public String getShare() {
        return share;
    }

    public void setShare(String share) {
        this.share = share;
    }

    /** Who signs in now. */
    public Credentials credentials() {
        return credentials.get();
    }

    /** The same share and settings, for an endpoint of its own. */
    public SmbConfiguration copy() {
        SmbConfiguration c = new SmbConfiguration(credentials);
        c.setHost(getHost());
        c.setPort(getPort());
        c.setShare(share);
        c.setConnectTimeout(getConnectTimeout());
        return c;
    }

    @Override
    public String remoteServerInformation() {
        return "\\\\" + getHost() + (getPort() == Connection.SMB_PORT ? "" : ":" + getPort()) + "\\" + share;
    }
}
