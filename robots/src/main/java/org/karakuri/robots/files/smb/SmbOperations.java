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
import org.karakuri.robots.files.ExclusiveFolders;

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

    /** The share's own form of {@code path}: no leading slash, {@code \} between names, the root as "". */
    static String onShare(String path) {
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
            char[] password = c.getPassword() == null ? new char[0] : c.getPassword().toCharArray();
            Session s = connection.authenticate(new AuthenticationContext(c.getUsername(), password, c.getDomain()));
            Share sh = s.connectShare(c.getShare());
            if (!(sh instanceof DiskShare disk)) {
                sh.close();
                throw new IOException("\\\\" + c.getHost() + "\\" + c.getShare() + " is not a folder share");
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

    /** What went wrong, in the words a clerk or an administrator acts on. */
    static String reason(Throwable e) {
        SMBApiException api = find(e, SMBApiException.class);
        if (api != null) {
            NtStatus s = api.getStatus();
            return switch (s) {
                case STATUS_LOGON_FAILURE, STATUS_PASSWORD_EXPIRED, STATUS_ACCOUNT_DISABLED, STATUS_LOGON_TYPE_NOT_GRANTED ->
                    "the server refused the user name and password (" + s + ")";
                case STATUS_BAD_NETWORK_NAME -> "the server has no share of that name (" + s + ")";
                case STATUS_ACCESS_DENIED -> "access denied (" + s + ")";
                case STATUS_OBJECT_NAME_NOT_FOUND, STATUS_OBJECT_PATH_NOT_FOUND, STATUS_NO_SUCH_FILE -> "not found (" + s + ")";
                case STATUS_OBJECT_NAME_COLLISION -> "a file of that name is already there (" + s + ")";
                case STATUS_SHARING_VIOLATION -> "another program has the file open (" + s + ")";
                case STATUS_DISK_FULL -> "the share is full (" + s + ")";
                default -> String.valueOf(s);
            };
        }
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m != null && m.contains("signing")) {
            return "the server does not sign its messages, and Karakuri requires signing (" + m + ")";
        }
        return m == null ? t.getClass().getSimpleName() : m;
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

    @Override
    public boolean isConnected() {
        return share != null && share.isConnected();
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
        } catch (SMBApiException e) {
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
        } catch (SMBApiException e) {
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
        } catch (SMBApiException e) {
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
        } catch (SMBApiException e) {
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
            } catch (SMBApiException e) {
                if (!is(e, NtStatus.STATUS_OBJECT_NAME_COLLISION)) {
                    throw new GenericFileOperationFailedException("cannot create the folder " + directory + ": " + reason(e), e);
                }
            }
        }
        return true;
    }

    @Override
    public boolean claim(String marker, String owner) {
        String p = onShare(marker);
        try {
            share().mkdir(p);
        } catch (SMBApiException e) {
            if (is(e, NtStatus.STATUS_OBJECT_NAME_COLLISION)) {
                return false;
            }
            throw new GenericFileOperationFailedException("cannot create " + marker + ": " + reason(e), e);
        }
        try (File f = share().openFile(p + "\\" + owner, EnumSet.of(AccessMask.GENERIC_WRITE), EnumSet.of(FileAttributes.FILE_ATTRIBUTE_NORMAL),
            SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_CREATE, EnumSet.of(SMB2CreateOptions.FILE_NON_DIRECTORY_FILE))) {
            return true;
        } catch (SMBApiException e) {
            throw new GenericFileOperationFailedException("cannot create " + marker + "/" + owner + ": " + reason(e), e);
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
        } catch (SMBApiException e) {
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
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        f.close();
                    }
                }
            };
        } catch (SMBApiException e) {
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
        } catch (SMBApiException | IOException e) {
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
                if (n.equals(".") || n.equals("..")) {
                    continue;
                }
                boolean dir = (f.getFileAttributes() & FileAttributes.FILE_ATTRIBUTE_DIRECTORY.getValue()) != 0;
                found.add(new SmbFile(n, dir, f.getEndOfFile(), f.getLastWriteTime().toEpochMillis()));
            }
            return found.toArray(SmbFile[]::new);
        } catch (SMBApiException e) {
            throw new GenericFileOperationFailedException(reason(e), e);
        }
    }
}
