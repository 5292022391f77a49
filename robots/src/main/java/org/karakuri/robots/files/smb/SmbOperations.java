package org.karakuri.robots.files.smb;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.msfscc.FileAttributes;
import com.hierynomus.msfscc.fileinformation.FileAllInformation;
import com.hierynomus.msfscc.fileinformation.FileIdBothDirectoryInformation;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2CreateOptions;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.common.SMBRuntimeException;
import com.hierynomus.smbj.session.SMB2GuestSigningRequiredException;
import org.karakuri.i18n.Messages;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskEntry;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import com.hierynomus.smbj.share.Share;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.FileComponent;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.remote.RemoteFile;
import org.apache.camel.component.file.remote.RemoteFileConfiguration;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.karakuri.robots.files.claim.ExclusiveFolders;

/**
 * Camel's remote file operations on a Windows file share, through smbj (SMB 2 and 3): what
 * Camel's consumer, and a run's {@code move} and {@code copy}, do on the share. Sessions are
 * signed — a server that cannot sign is refused — and encrypted where the server speaks SMB 3.
 * Paths are written with {@code /} from the share's root; they reach the server with {@code \}.
 */
public final class SmbOperations implements RemoteFileOperations<SmbFile>, ExclusiveFolders {
    private static final String OPENED = "karakuri.smb-opened";

    private SmbEndpoint endpoint;
    private SMBClient client;
    private Session session;
    private DiskShare share;

    @Override
    public void setEndpoint(GenericFileEndpoint<SmbFile> endpoint) {
        this.endpoint = (SmbEndpoint) endpoint;
    }

    @Override
    public GenericFile<SmbFile> newGenericFile() {
        return new RemoteFile<>();
    }

    /** Characters a name on a share cannot hold (Windows refuses them; {@code :} would name a hidden stream). */
    private static final java.util.regex.Pattern FORBIDDEN = java.util.regex.Pattern.compile("[:*?\"<>|\\p{Cntrl}]");

    /**
     * The share's own form of {@code path}: no leading slash, {@code \} between names, the root
     * as "". A {@code ..} and the characters Windows refuses in a name are refused here, naming the path.
     */
    static String onShare(String path) {
        for (String part : path.replace('\\', '/').split("/")) {
            if (part.equals("..") || FORBIDDEN.matcher(part).find()) {
                throw new GenericFileOperationFailedException(Messages.get().format("files.smb-bad-name", path));
            }
        }
        String p = path.replace('\\', '/').replaceAll("/+", "/");
        while (p.startsWith("/") || p.startsWith("./")) {
            p = p.startsWith("/") ? p.substring(1) : p.substring(2);
        }
        if (p.equals(".") || p.isEmpty()) {
            return "";
        }
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.replace('/', '\\');
    }

    @Override
    public boolean connect(RemoteFileConfiguration configuration, Exchange exchange) {
        if (isConnected()) {
            return true;
        }
        SmbConfiguration c = (SmbConfiguration) configuration;
        SmbConfig config = SmbConfig.builder()
            .withSigningRequired(true)
            .withEncryptData(true)
            .withTimeout(Math.max(5_000, c.getConnectTimeout()), TimeUnit.MILLISECONDS)
            .withSoTimeout(Math.max(30_000, c.getSoTimeout()), TimeUnit.MILLISECONDS)
            .build();
        SMBClient opened = new SMBClient(config);
        try {
            var connection = opened.connect(c.getHost(), c.getPort());
            SmbConfiguration.Credentials who = c.credentials();
            char[] password = who.password() == null ? new char[0] : who.password().toCharArray();
            Session s = connection.authenticate(new AuthenticationContext(who.user(), password, who.domain()));
            if (s.isAnonymous() || s.isGuest() || !(s.getSessionContext().isSigningRequired() || s.shouldEncryptData())) {
                // a guest, anonymous or unsigned session: what a machine in the server's place would offer
                s.close();
                throw new IOException(Messages.get().format("files.smb-unsigned"));
            }
            Share sh = s.connectShare(c.getShare());
            if (!(sh instanceof DiskShare disk)) {
                sh.close();
                throw new IOException(Messages.get().format("files.smb-not-disk"));
            }
            this.client = opened;
            this.session = s;
            this.share = disk;
            return true;
        } catch (IOException | RuntimeException e) {
            opened.close();
            GenericFileOperationFailedException failed = new GenericFileOperationFailedException(reason(e), e);
            if (endpoint != null) {
                endpoint.problem(failed);
            }
            throw failed;
        }
    }

    /** What went wrong, in the words a clerk or an administrator acts on (in the engine's language). */
    static String reason(Throwable e) {
        Messages m = Messages.get();
        if (find(e, SMB2GuestSigningRequiredException.class) != null) {
            // the server took the user name and password only as a guest: they were not accepted
            return m.format("files.smb-logon", "STATUS_LOGON_FAILURE");
        }
        java.net.UnknownHostException unknown = find(e, java.net.UnknownHostException.class);
        if (unknown != null) {
            return m.format("files.smb-unknown-host", unknown.getMessage());
        }
        SMBApiException api = find(e, SMBApiException.class);
        if (api != null) {
            NtStatus s = api.getStatus();
            String key = switch (s) {
                case STATUS_LOGON_FAILURE, STATUS_PASSWORD_EXPIRED, STATUS_ACCOUNT_DISABLED, STATUS_LOGON_TYPE_NOT_GRANTED -> "files.smb-logon";
                case STATUS_BAD_NETWORK_NAME -> "files.smb-no-share";
                case STATUS_ACCESS_DENIED -> "files.smb-denied";
                case STATUS_OBJECT_NAME_NOT_FOUND, STATUS_OBJECT_PATH_NOT_FOUND, STATUS_NO_SUCH_FILE -> "files.smb-not-found";
                case STATUS_OBJECT_NAME_COLLISION -> "files.smb-exists";
                case STATUS_SHARING_VIOLATION -> "files.smb-in-use";
                case STATUS_DISK_FULL -> "files.smb-full";
                default -> null;
            };
            return key == null ? String.valueOf(s) : m.format(key, s);
        }
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static <X extends Throwable> X find(Throwable e, Class<X> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean is(Exception e, NtStatus... statuses) {
        SMBApiException api = find(e, SMBApiException.class);
        if (api != null) {
            for (NtStatus s : statuses) {
                if (api.getStatus() == s) {
                    return true;
                }
            }
        }
        return false;
    }

    private DiskShare share() {
        if (share == null) {
            throw new GenericFileOperationFailedException("not connected to the share");
        }
        return share;
    }

    /** The session's protocol and protection: {@code SMB_3_1_1, encrypted} or {@code SMB_2_1, signed}. */
    public String protection() {
        if (session == null) {
            return "not connected";
        }
        boolean encrypted;
        try {
            // encrypted when the server negotiated a key (SMB 3) and Karakuri asks for it, or the server requires it
            encrypted = session.shouldEncryptData();
        } catch (IOException e) {
            encrypted = false;
        }
        // an encrypted message is also authenticated (AES-CCM/GCM): signing is then not needed
        return session.getConnection().getConnectionContext().getNegotiatedProtocol().getDialect() + ", "
            + (encrypted ? "encrypted" : session.getSessionContext().isSigningRequired() ? "signed" : "not signed");
    }

    @Override
    public boolean isConnected() {
        return share != null && share.isConnected() && session != null && session.getConnection().isConnected();
    }

    @Override
    public void disconnect() {
        try {
            if (share != null) {
                share.close();
            }
            if (session != null) {
                session.close();
            }
        } catch (IOException | RuntimeException e) {
            // the session is gone either way
        } finally {
            if (client != null) {
                client.close();
            }
            share = null;
            session = null;
            client = null;
        }
    }

    @Override
    public void forceDisconnect() {
        disconnect();
    }

    @Override
    public boolean sendNoop() {
        return isConnected();
    }

    @Override
    public boolean sendSiteCommand(String command) {
        return true;
    }

    @Override
    public boolean deleteFile(String name) {
        try {
            share().rm(onShare(name));
            return true;
        } catch (SMBRuntimeException e) {
            throw new GenericFileOperationFailedException(reason(e), e);
        }
    }

    @Override
    public boolean existsFile(String name) {
        String p = onShare(name);
        if (p.isEmpty()) {
            return true;
        }
        try {
            share().getFileInformation(p);
            return true;
        } catch (SMBRuntimeException e) {
            if (is(e, NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, NtStatus.STATUS_OBJECT_PATH_NOT_FOUND, NtStatus.STATUS_NO_SUCH_FILE,
                NtStatus.STATUS_DELETE_PENDING)) {
                return false;
            }
            throw new GenericFileOperationFailedException(reason(e), e);
        }
    }

    /** The size, time and kind of {@code name}, or null when it is not there. */
    SmbFile stat(String name) {
        String p = onShare(name);
        try {
            FileAllInformation info = share().getFileInformation(p);
            String leaf = p.substring(p.lastIndexOf('\\') + 1);
            return new SmbFile(leaf, info.getStandardInformation().isDirectory(), info.getStandardInformation().getEndOfFile(),
                info.getBasicInformation().getLastWriteTime().toEpochMillis());
        } catch (SMBRuntimeException e) {
            if (is(e, NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, NtStatus.STATUS_OBJECT_PATH_NOT_FOUND, NtStatus.STATUS_NO_SUCH_FILE,
                NtStatus.STATUS_DELETE_PENDING)) {
                return null;
            }
            throw new GenericFileOperationFailedException(reason(e), e);
        }
    }

    /** Renames {@code from} to {@code to} on the share; never replaces a file there (the rename fails instead). */
    @Override
    public boolean renameFile(String from, String to) {
        try (DiskEntry entry = share().open(onShare(from), EnumSet.of(AccessMask.DELETE, AccessMask.FILE_READ_ATTRIBUTES), null,
            SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, null)) {
            entry.rename(onShare(to), false);
            return true;
        } catch (SMBRuntimeException e) {
            throw new GenericFileOperationFailedException("cannot rename " + from + " to " + to + ": " + reason(e), e);
        }
    }

    /** Creates {@code folder} on the share, and the folders above it, when missing. */
    @Override
    public boolean buildDirectory(String directory, boolean absolute) {
        String p = onShare(directory);
        if (p.isEmpty()) {
            return true;
        }
        StringBuilder at = new StringBuilder();
        for (String part : p.split("\\\\")) {
            at.append(at.length() == 0 ? "" : "\\").append(part);
            try {
                if (!share().folderExists(at.toString())) {
                    share().mkdir(at.toString());
                }
            } catch (SMBRuntimeException e) {
                if (!is(e, NtStatus.STATUS_OBJECT_NAME_COLLISION)) {
                    throw new GenericFileOperationFailedException("cannot create the folder " + directory + ": " + reason(e), e);
                }
            }
        }
        return true;
    }

    /**
     * The claim is made in a folder of its own ({@code marker.tmp-owner}, holding the owner's
     * file) and renamed to {@code marker} in one step, which the server refuses when
     * {@code marker} is there: a claim in place always names its owner.
     */
    @Override
    public boolean claim(String marker, String owner) {
        String tmp = onShare(ExclusiveFolders.unfinished(marker, owner));
        try {
            share().mkdir(tmp);
            try (File f = share().openFile(tmp + "\\" + owner, EnumSet.of(AccessMask.GENERIC_WRITE), EnumSet.of(FileAttributes.FILE_ATTRIBUTE_NORMAL),
                SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_CREATE, EnumSet.of(SMB2CreateOptions.FILE_NON_DIRECTORY_FILE))) {
                // an empty file: its name says whose claim it is
            }
            try (DiskEntry entry = share().open(tmp, EnumSet.of(AccessMask.DELETE, AccessMask.FILE_READ_ATTRIBUTES), null,
                SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, null)) {
                entry.rename(onShare(marker), false);
                return true;
            } catch (SMBRuntimeException e) {
                if (is(e, NtStatus.STATUS_OBJECT_NAME_COLLISION, NtStatus.STATUS_ACCESS_DENIED) && stat(marker) != null) {
                    release(tmp);
                    return false; // taken: another engine claimed the file
                }
                throw e;
            }
        } catch (SMBRuntimeException e) {
            release(tmp);
            throw new GenericFileOperationFailedException("cannot claim " + marker + ": " + reason(e), e);
        }
    }

    @Override
    public List<String> owners(String marker) {
        try {
            return java.util.Arrays.stream(listFiles(marker)).map(SmbFile::name).toList();
        } catch (GenericFileOperationFailedException e) {
            return List.of();
        }
    }

    @Override
    public void release(String marker) {
        try {
            share().rmdir(onShare(marker), true);
        } catch (SMBRuntimeException e) {
            if (!is(e, NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, NtStatus.STATUS_OBJECT_PATH_NOT_FOUND, NtStatus.STATUS_DELETE_PENDING)) {
                throw new GenericFileOperationFailedException("cannot remove " + marker + ": " + reason(e), e);
            }
        }
    }

    /** Opens {@code name} for reading; the stream closes the file. */
    public InputStream open(String name) {
        try {
            File f = share().openFile(onShare(name), EnumSet.of(AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN, EnumSet.of(SMB2CreateOptions.FILE_NON_DIRECTORY_FILE));
            InputStream in = f.getInputStream();
            return new java.io.FilterInputStream(in) {
                private boolean closed;

                @Override
                public void close() throws IOException {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    try {
                        super.close();
                    } finally {
                        f.close();
                    }
                }
            };
        } catch (SMBRuntimeException e) {
            throw new GenericFileOperationFailedException("cannot read " + name + ": " + reason(e), e);
        }
    }

    @Override
    public boolean retrieveFile(String name, Exchange exchange, long size) {
        @SuppressWarnings("unchecked")
        GenericFile<SmbFile> target = (GenericFile<SmbFile>) exchange.getProperty(FileComponent.FILE_EXCHANGE_FILE);
        InputStream in = open(name);
        exchange.setProperty(OPENED, in);
        target.setBody(in);
        return true;
    }

    @Override
    public void releaseRetrievedFileResources(Exchange exchange) {
        InputStream in = exchange.getProperty(OPENED, InputStream.class);
        if (in != null) {
            exchange.removeProperty(OPENED);
            try {
                in.close();
            } catch (IOException e) {
                // the handle is released when the session ends
            }
        }
    }

    /** Writes the exchange's body to {@code name}, replacing a file there. */
    @Override
    public boolean storeFile(String name, Exchange exchange, long size) {
        InputStream in = exchange.getIn().getBody(InputStream.class);
        if (in == null) {
            throw new GenericFileOperationFailedException("nothing to write to " + name);
        }
        try (File f = share().openFile(onShare(name), EnumSet.of(AccessMask.GENERIC_WRITE), EnumSet.of(FileAttributes.FILE_ATTRIBUTE_NORMAL),
                SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OVERWRITE_IF, EnumSet.of(SMB2CreateOptions.FILE_NON_DIRECTORY_FILE));
             OutputStream out = f.getOutputStream()) {
            in.transferTo(out);
            return true;
        } catch (SMBRuntimeException | IOException e) {
            throw new GenericFileOperationFailedException("cannot write " + name + ": " + reason(e), e);
        } finally {
            try {
                in.close();
            } catch (IOException e) {
                // the source stream is the caller's
            }
        }
    }

    @Override
    public boolean storeFileDirectly(String name, String localFile) {
        throw new GenericFileOperationFailedException("not used: files reach a share through storeFile");
    }

    @Override
    public String getCurrentDirectory() {
        return "";
    }

    @Override
    public void changeCurrentDirectory(String path) {
        // paths are always from the share's root (stepwise=false)
    }

    @Override
    public void changeToParentDirectory() {
        // paths are always from the share's root (stepwise=false)
    }

    @Override
    public SmbFile[] listFiles() {
        return listFiles("");
    }

    /** The files and folders in {@code path}, without {@code .} and {@code ..}. */
    @Override
    public SmbFile[] listFiles(String path) {
        try {
            List<SmbFile> found = new ArrayList<>();
            for (FileIdBothDirectoryInformation f : share().list(onShare(path))) {
                String n = f.getFileName();
                if (n.equals(".") || n.equals("..") || n.indexOf('/') >= 0 || n.indexOf('\\') >= 0) {
                    continue;
                }
                boolean dir = (f.getFileAttributes() & FileAttributes.FILE_ATTRIBUTE_DIRECTORY.getValue()) != 0;
                found.add(new SmbFile(n, dir, f.getEndOfFile(), f.getLastWriteTime().toEpochMillis()));
            }
            return found.toArray(SmbFile[]::new);
        } catch (SMBRuntimeException e) {
            throw new GenericFileOperationFailedException(reason(e), e);
        }
    }
}
