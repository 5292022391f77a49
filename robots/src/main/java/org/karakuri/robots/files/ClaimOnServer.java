package org.karakuri.robots.files;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.file.FileComponent;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.GenericFileOperations;
import org.karakuri.robots.files.claim.ExclusiveFolders;

/**
 * A {@code for-each-file} claim on a server (SFTP or a share), so two engines never take the same
 * file: once Camel's {@code readLock=changed} finds the file complete, a folder
 * {@code name.camelLock} is created beside it in one step on the server — the engine that
 * creates it has the file; another sees it taken and leaves it — and removed when the file has
 * been moved to {@code done}/{@code failed} or let go. (Camel's own marker files exist only for
 * local folders.) The folder holds one empty file naming its owner, {@code machine@pid@start}
 * (made as {@code name.camelLock.tmp-owner#n} and renamed into place);
 * when a loop starts, the claims this machine's processes left behind when they were killed are
 * removed ({@link #removeLeftBehind}), so a killed run's files are taken again by the next one.
 */
final class ClaimOnServer<T> implements GenericFileExclusiveReadLockStrategy<T> {
    private static final String OWNER = owner(ProcessHandle.current());

    private final GenericFileExclusiveReadLockStrategy<T> changed;
    /** The claims this loop holds: only these are ever removed (Camel also "releases" a file it could not claim). */
    private final java.util.Set<String> held = java.util.concurrent.ConcurrentHashMap.newKeySet();

    ClaimOnServer(GenericFileExclusiveReadLockStrategy<T> changed) {
        this.changed = changed;
    }

    /** This machine's name, as claims name it. */
    static String machine() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    static String owner(ProcessHandle p) {
        return machine() + "@" + p.pid() + "@" + p.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    }

    /** Whether {@code owner} names a process of this machine that no longer runs. */
    static boolean gone(String owner) {
        String[] parts = owner.split("@");
        if (parts.length != 3 || !parts[0].equals(machine())) {
            return false;
        }
        try {
            Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(parts[1]));
            return p.isEmpty() || !owner(p.get()).equals(owner);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static ExclusiveFolders folders(GenericFileOperations<?> operations) {
        return (ExclusiveFolders) operations;
    }

    private static String marker(GenericFile<?> file) {
        return file.getAbsoluteFilePath() + FileComponent.DEFAULT_LOCK_FILE_POSTFIX;
    }

    /**
     * Removes the claims in {@code folder} that processes of this machine left when they were
     * killed (a loop does this before it lists the folder).
     */
    static void removeLeftBehind(RemoteServer server, String folder) {
        ExclusiveFolders folders = (ExclusiveFolders) server.ops();
        String unfinished = FileComponent.DEFAULT_LOCK_FILE_POSTFIX + ".tmp-";
        server.listing(folder).forEach((name, isFolder) -> {
            String marker = RemoteTransfer.join(folder, name);
            if (!isFolder) {
                return;
            }
            if (name.endsWith(FileComponent.DEFAULT_LOCK_FILE_POSTFIX) && folders.owners(marker).stream().anyMatch(ClaimOnServer::gone)) {
                folders.release(marker);
            } else if (name.contains(unfinished) && name.lastIndexOf('#') > name.indexOf(unfinished)
                && gone(name.substring(name.indexOf(unfinished) + unfinished.length(), name.lastIndexOf('#')))) {
                // a claim a killed run was making: its owner is in its name
                folders.release(marker);
            }
        });
    }

    @Override
    public void prepareOnStartup(GenericFileOperations<T> operations, GenericFileEndpoint<T> endpoint) throws Exception {
        changed.prepareOnStartup(operations, endpoint);
    }

    @Override
    public boolean acquireExclusiveReadLock(GenericFileOperations<T> operations, GenericFile<T> file, Exchange exchange) throws Exception {
        boolean complete;
        try {
            complete = changed.acquireExclusiveReadLock(operations, file, exchange);
        } catch (GenericFileOperationFailedException e) {
            if (operations.existsFile(file.getAbsoluteFilePath())) {
                throw e;
            }
            return false; // taken by another engine while its size was being watched
        }
        if (complete && folders(operations).claim(marker(file), OWNER)) {
            held.add(marker(file));
            if (operations.existsFile(file.getAbsoluteFilePath())) {
                return true;
            }
            // another engine finished the file between the look and the claim
            release(operations, file);
        }
        return false;
    }

    private void release(GenericFileOperations<T> operations, GenericFile<T> file) {
        if (held.remove(marker(file))) {
            folders(operations).release(marker(file));
        }
    }

    @Override
    public void releaseExclusiveReadLockOnAbort(GenericFileOperations<T> operations, GenericFile<T> file, Exchange exchange) {
        release(operations, file);
    }

    @Override
    public void releaseExclusiveReadLockOnRollback(GenericFileOperations<T> operations, GenericFile<T> file, Exchange exchange) {
        release(operations, file);
    }

    @Override
    public void releaseExclusiveReadLockOnCommit(GenericFileOperations<T> operations, GenericFile<T> file, Exchange exchange) {
        release(operations, file);
    }

    @Override
    public void setTimeout(long timeout) {
        changed.setTimeout(timeout);
    }

    @Override
    public void setCheckInterval(long checkInterval) {
        changed.setCheckInterval(checkInterval);
    }

    @Override
    public void setReadLockLoggingLevel(LoggingLevel level) {
        changed.setReadLockLoggingLevel(level);
    }

    @Override
    public void setMarkerFiler(boolean markerFile) {
        // the claim is this strategy's own
    }

    @Override
    public void setDeleteOrphanLockFiles(boolean delete) {
        // orphans are recognised by their owner (prepareOnStartup)
    }
}
