package org.karakuri.robots.files;

import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.FileComponent;
import org.apache.camel.component.file.FileConstants;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.karakuri.robots.files.claim.ExclusiveFolders;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.spi.FileFields;
import org.karakuri.spi.StepContext;

/**
 * The files of a {@code for-each-file} on a connection's server ({@code folder: NAME:/path}),
 * claimed one at a time through Camel's SFTP (or share) consumer as local files are through its file
 * consumer: {@code readLock=changed} (the size and time the server lists stayed the same for
 * {@code stable-for}) and a {@code .camelLock} folder created in one step on the server
 * ({@link ClaimOnServer}), so two engines never take the same file; after its steps Camel renames it on the server to {@code done} or
 * {@code failed} (one rename on one server: nothing copied, never lost). {@code ${file}} reads
 * {@code NAME:/path/name.csv}: the steps fetch it with {@code move} or {@code copy}.
 */
final class RemoteFileLoop extends ClaimedFiles {
    private final RemoteServer server;
    private final String folder;
    private final String done;
    private final String failed;

    /** Opens the loop over {@code folder} on the server; {@code done} and {@code failed} (null or {@code NAME:/path}) on the same server. */
    static RemoteFileLoop open(StepContext ctx, Locations.Remote folder, Glob glob, String done, String failed, Duration stableFor, Duration lockTimeout) {
        RemoteServer server = folder.server();
        if (!server.isFolder(folder.path())) {
            throw new KarakuriException("files.not-a-folder", folder.shown(), "folder");
        }
        ClaimOnServer.removeLeftBehind(server, folder.path());
        List<String> files = server.files(folder.path()).stream().filter(glob::matches).toList();
        return new RemoteFileLoop(ctx, server, folder.path(), files, target(ctx, done, "done", folder), target(ctx, failed, "failed", folder),
            stableFor, lockTimeout);
    }

    /** {@code done} or {@code failed}: a folder on the loop's server, created when missing. */
    private static String target(StepContext ctx, String written, String key, Locations.Remote folder) {
        if (written == null) {
            return null;
        }
        Locations.Remote there = Locations.remote(ctx, written);
        if (there == null || there.server() != folder.server()) {
            throw new KarakuriException("files.loop-other-server", key, written, folder.shown());
        }
        String path = there.path().replaceAll("(.)/+$", "$1");
        if (path.equals(folder.path().replaceAll("(.)/+$", "$1"))) {
            throw new KarakuriException("files.loop-same-folder", key, folder.shown());
        }
        there.server().createFolder(path);
        return path;
    }

    private RemoteFileLoop(StepContext ctx, RemoteServer server, String folder, List<String> files, String done, String failed,
                           Duration stableFor, Duration lockTimeout) {
        super(ctx, files, stableFor, lockTimeout);
        this.server = server;
        this.folder = folder;
        this.done = done;
        this.failed = failed;
        var ep = server.endpoint(folder);
        ep.setDownload(false);
        consume(ep, done != null, failed != null);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    <T> void claimWith(GenericFileEndpoint<T> ep) {
        ep.setExclusiveReadLockStrategy(new ClaimOnServer(server.changedReadLock((RemoteFileEndpoint<?>) ep)));
        // another engine's claim or move can vanish while the server lists the folder (an SFTP server may then
        // answer "no such file" for the listing): that poll finds nothing and the next one looks again
        ((RemoteFileEndpoint<?>) ep).getConfiguration().setIgnoreFileNotFoundOrPermissionError(true);
    }

    @Override
    String shownFolder() {
        return server.shown(folder);
    }

    @Override
    Claim claimed(Exchange ex) {
        String name = ex.getMessage().getHeader(FileConstants.FILE_NAME_ONLY, String.class);
        if (name == null) {
            return null;
        }
        Long size = ex.getMessage().getHeader(FileConstants.FILE_LENGTH, Long.class);
        return new OnServer(ex, RemoteTransfer.join(folder, name), size == null ? -1 : size);
    }

    @Override
    boolean inFolder(String name) {
        return server.listing(folder).containsKey(name);
    }

    @Override
    FileFields unclaimed(String name) {
        return FileFields.remote(server.name(), RemoteTransfer.join(folder, name), -1);
    }

    /** A file on the server Camel claimed; Camel renames it there. */
    private final class OnServer extends Claim {
        private final String path;

        OnServer(Exchange exchange, String path, long size) {
            super(exchange, FileFields.remote(server.name(), path, size), server.sha256(path));
            this.path = path;
        }

        @Override
        String target(boolean succeeded) {
            String folderTo = succeeded ? done : failed;
            return folderTo == null ? null : server.freeName(folderTo, fields.name());
        }

        @Override
        boolean there(String location) {
            return server.exists(location == null ? path : location);
        }

        @Override
        String shown(String location, boolean succeeded) {
            return server.shown(location != null ? location : succeeded ? done : failed);
        }

        @Override
        String whyKept() {
            return Messages.get().format("files.loop-server-kept");
        }

        @Override
        void dropMarker() {
            try {
                ((ExclusiveFolders) server.ops()).release(path + FileComponent.DEFAULT_LOCK_FILE_POSTFIX);
            } catch (RuntimeException e) {
                // the session is gone: the next loop on this machine removes the claim (ClaimOnServer)
            }
        }
    }

    @Override
    public String toString() {
        return "for-each-file " + server.shown(folder) + "/";
    }
}
