package org.karakuri.robots.files.smb;

import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.support.task.Tasks;
import org.apache.camel.support.task.budget.Budgets;

/**
 * {@code readLock=changed} on a share, as Camel's SFTP one does it: the file is taken once its
 * size and last write time, as the server reports them, have been unchanged for
 * {@code minAge} (looked at every {@code checkInterval}, given up after {@code timeout}; the
 * file is then tried again at the next poll).
 */
final class SmbChangedReadLock implements GenericFileExclusiveReadLockStrategy<SmbFile> {
    private final long minAge;
    private final long minLength;
    private long timeout;
    private long checkInterval = 1000;

    SmbChangedReadLock(long minAge, long minLength) {
        this.minAge = minAge;
        this.minLength = minLength;
    }

    @Override
    public void prepareOnStartup(GenericFileOperations<SmbFile> operations, GenericFileEndpoint<SmbFile> endpoint) {
        // nothing is left on the share by this lock
    }

    @Override
    public boolean acquireExclusiveReadLock(GenericFileOperations<SmbFile> operations, GenericFile<SmbFile> file, Exchange exchange) {
        SmbOperations ops = (SmbOperations) operations;
        var budget = Budgets.iterationTimeBudget().withInterval(Duration.ofMillis(checkInterval));
        if (timeout > 0) {
            budget.withMaxDuration(Duration.ofMillis(timeout));
        } else {
            budget.withUnlimitedDuration();
        }
        long[] last = {Long.MIN_VALUE, Long.MIN_VALUE};
        long[] since = {System.nanoTime()};
        return Tasks.foregroundTask().withBudget(budget.build()).withName("smb-changed-read-lock").build()
            .run(exchange.getContext(), () -> {
                SmbFile now = ops.stat(file.getAbsoluteFilePath());
                if (now == null) {
                    return false;
                }
                if (now.size() != last[0] || now.lastModified() != last[1]) {
                    last[0] = now.size();
                    last[1] = now.lastModified();
                    since[0] = System.nanoTime();
                    // unchanged since the listing Camel saw, and old enough already: taken at once
                    return minAge == 0 ? false : now.size() >= minLength
                        && System.currentTimeMillis() - now.lastModified() >= minAge && now.size() == file.getFileLength()
                        && now.lastModified() == file.getLastModified();
                }
                return now.size() >= minLength && (System.nanoTime() - since[0]) / 1_000_000 >= minAge;
            });
    }

    @Override
    public void releaseExclusiveReadLockOnAbort(GenericFileOperations<SmbFile> operations, GenericFile<SmbFile> file, Exchange exchange) {
        // nothing held
    }

    @Override
    public void releaseExclusiveReadLockOnRollback(GenericFileOperations<SmbFile> operations, GenericFile<SmbFile> file, Exchange exchange) {
        // nothing held
    }

    @Override
    public void releaseExclusiveReadLockOnCommit(GenericFileOperations<SmbFile> operations, GenericFile<SmbFile> file, Exchange exchange) {
        // nothing held
    }

    @Override
    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }

    @Override
    public void setCheckInterval(long checkInterval) {
        this.checkInterval = Math.max(10, checkInterval);
    }

    @Override
    public void setReadLockLoggingLevel(LoggingLevel level) {
        // a file still changing is reported by the step that waited for it
    }

    @Override
    public void setMarkerFiler(boolean markerFile) {
        // claims on a share are made by the loop that needs them (ClaimOnServer)
    }

    @Override
    public void setDeleteOrphanLockFiles(boolean delete) {
        // see setMarkerFiler
    }
}
