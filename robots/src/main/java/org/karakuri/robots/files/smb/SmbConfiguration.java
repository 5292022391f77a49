package org.karakuri.robots.files.smb;

import org.apache.camel.component.file.remote.RemoteFileConfiguration;
import org.karakuri.model.Connection;

/** Where a share is and who signs in: the {@code smb:} connection as Camel's remote file endpoint reads it. */
public final class SmbConfiguration extends RemoteFileConfiguration {
    private String share;
    private String domain;

    public SmbConfiguration() {
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

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    @Override
    public String remoteServerInformation() {
        return "\\\\" + getHost() + (getPort() == Connection.SMB_PORT ? "" : ":" + getPort()) + "\\" + share;
    }
}
