package org.karakuri.robots.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.FileComponent;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.support.DefaultExchange;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;
import org.karakuri.model.Connection;

/**
 * One connection's session as a run uses it — an SFTP server ({@link Sftp}) or a Windows file
 * share ({@link Smb}) — through Camel's remote file operations: listed, read, written under a
 * temporary name, renamed, removed. What differs between the two is how a session opens, how a
 * folder's listing reads, and the endpoint a consumer polls.
 */
abstract class RemoteServer {
    private final String name;
    private final Connection connection;
    private final CamelContext camel;
    private final RemoteFileOperations<?> ops;

    RemoteServer(String name, Connection connection, CamelContext camel, RemoteFileOperations<?> ops) {
        this.name = name;
        this.connection = connection;
        this.camel = camel;
        this.ops = ops;
    }

    /**
     * Camel's {@code readLock=changed} for this server, set up from {@code ep}'s read lock options
     * (for a strategy that adds to it: {@link ClaimOnServer}).
     */
    abstract org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy<?> changedReadLock(RemoteFileEndpoint<?> ep);

    /** What {@code folder} holds: each name, and whether it is a folder (in {@link Glob#ORDER}). */
    abstract Map<String, Boolean> listing(String folder);

    /** Camel's endpoint polling {@code folder} on this server (for a consumer; not yet started). */
    abstract RemoteFileEndpoint<?> endpoint(String folder);

    /** How the session is protected, for the trail: {@code SMB_3_1_1, encrypted}, or SFTP's pinned host key. */
    abstract String protection();

    /** What went wrong on the server, in words for a message. */
    abstract String reason(Exception e);

    final String name() {
        return name;
    }

    final Connection connection() {
        return connection;
    }

    final CamelContext camel() {
        return camel;
    }

    final RemoteFileOperations<?> ops() {
        return ops;
    }

    /** {@code NAME:path} as the author reads it. */
    final String shown(String path) {
        return name + ":" + path;
    }

    /** {@code name}, or {@code name (1).ext}, {@code name (2).ext}… the first that is free in {@code folder}. */
    final String freeName(String folder, String name) {
        Map<String, Boolean> there = listing(folder);
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String candidate = name;
        for (int n = 1; there.containsKey(candidate); n++) {
            candidate = base + " (" + n + ")" + ext;
        }
        return RemoteTransfer.join(folder, candidate);
    }

    /** Creates {@code path} and the folders above it on the server when missing. */
    final void createFolder(String path) {
        try {
            ops.buildDirectory(path, true);
        } catch (GenericFileOperationFailedException e) {
            throw failed("files.cannot-create-folder", e, shown(path));
        }
    }

    /** The names of the files (not folders) in {@code folder}, in name order. */
    final List<String> files(String folder) {
        return listing(folder).entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
    }

    /** Whether {@code path} is a folder on the server (looked up in its parent's listing). */
    final boolean isFolder(String path) {
        String trimmed = path.replaceAll("/+$", "");
        if (trimmed.isEmpty() || trimmed.equals(".")) {
            return true;
        }
        try {
            return Boolean.TRUE.equals(listing(RemoteTransfer.parent(trimmed)).get(RemoteTransfer.leaf(trimmed)));
        } catch (KarakuriException e) {
            return false;
        }
    }

    final boolean exists(String path) {
        try {
            return ops.existsFile(path);
        } catch (GenericFileOperationFailedException e) {
            return false;
        }
    }

    /** Reads {@code path} on the server into {@code sink}. */
    final void read(String path, IoSink sink) {
        Exchange exchange = new DefaultExchange(camel);
        GenericFile<?> file = new GenericFile<>();
        exchange.setProperty(FileComponent.FILE_EXCHANGE_FILE, file);
        try {
            ops.retrieveFile(path, exchange, -1);
            try (InputStream in = (InputStream) file.getBody()) {
                sink.accept(in);
            }
        } catch (GenericFileOperationFailedException | IOException e) {
            throw failed("files.cannot-read", e, shown(path));
        } finally {
            ops.releaseRetrievedFileResources(exchange);
        }
    }

    /** The SHA-256 of {@code path} on the server. */
    final String sha256(String path) {
        String[] sha = new String[1];
        read(path, in -> {
            java.security.MessageDigest md = AtomicFiles.sha256();
            in.transferTo(new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), md));
            sha[0] = java.util.HexFormat.of().formatHex(md.digest());
        });
        return sha[0];
    }

    /** Writes {@code in} to {@code path} on the server (replacing a file there). */
    final void write(String path, InputStream in) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(in);
        try {
            ops.storeFile(path, exchange, -1);
        } catch (GenericFileOperationFailedException e) {
            throw failed("files.cannot-write", e, shown(path));
        }
    }

    final void rename(String from, String to) {
        ops.renameFile(from, to);
    }

    final void delete(String path) {
        ops.deleteFile(path);
    }

    final void deleteQuietly(String path) {
        try {
            if (ops.existsFile(path)) {
                ops.deleteFile(path);
            }
        } catch (RuntimeException e) {
            // a temporary name left on the server is replaced by the next transfer of that file
        }
    }

    final void close() {
        try {
            ops.disconnect();
        } catch (RuntimeException e) {
            // the session is gone either way
        }
    }

    final KarakuriException failed(String key, Exception e, String what) {
        return new KarakuriException((Position) null, e, key, what, reason(e));
    }

    /** Reads a stream. */
    interface IoSink {
        void accept(InputStream in) throws IOException;
    }
}
