package org.karakuri.robots.files.smb;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.file.GenericFileProcessStrategy;
import org.apache.camel.component.file.GenericFileProducer;
import org.apache.camel.component.file.remote.RemoteFileConsumer;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.component.file.remote.RemoteFileProducer;
import org.apache.camel.component.file.remote.strategy.SftpProcessStrategyFactory;

/**
 * Camel's remote file endpoint on a folder of a Windows file share: Camel's own consumer
 * (read lock, filter, sorter, idempotency, moves on commit and failure) over
 * {@link SmbOperations}. Built in code from a scenario's {@code smb:} connection.
 */
public final class SmbEndpoint extends RemoteFileEndpoint<SmbFile> {
    private static final AtomicLong IDS = new AtomicLong();

    private final SmbConfiguration configuration;
    /** Told why a session could not be opened (a consumer's poll: nobody else would say it). */
    private volatile Consumer<Exception> problems;

    private SmbEndpoint(String uri, SmbComponent component, SmbConfiguration configuration) {
        super(uri, component, configuration);
        this.configuration = configuration;
    }

    /** An endpoint on {@code folder} ("" or null: the share's root) of the share {@code configuration} names. */
    public static SmbEndpoint of(CamelContext camel, SmbConfiguration configuration, String folder) {
        SmbComponent component = new SmbComponent();
        component.setCamelContext(camel);
        configuration.setDirectory(folder == null ? "" : SmbOperations.onShare(folder).replace('\\', '/'));
        SmbEndpoint ep = new SmbEndpoint("karakuri-smb://" + configuration.getHost() + "/" + IDS.incrementAndGet(), component, configuration);
        ep.setCamelContext(camel);
        ep.setMaximumReconnectAttempts(0);
        ep.setFastExistsCheck(true);
        ep.setAutoCreate(false);
        return ep;
    }

    @Override
    public SmbConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public String getScheme() {
        return "karakuri-smb";
    }

    @Override
    protected RemoteFileConsumer<SmbFile> buildConsumer(Processor processor) {
        return new SmbConsumer(this, processor, createRemoteFileOperations(),
            processStrategy != null ? processStrategy : createGenericFileStrategy());
    }

    @Override
    protected GenericFileProducer<SmbFile> buildProducer() {
        // not used by Karakuri (a run writes to a share through its session); Camel's producer, should a route send here
        return new RemoteFileProducer<>(this, createRemoteFileOperations()) {
        };
    }

    @Override
    public RemoteFileOperations<SmbFile> createRemoteFileOperations() {
        SmbOperations ops = new SmbOperations();
        ops.setEndpoint(this);
        return ops;
    }

    /**
     * Camel's strategies for remote files (move on commit, move on failure, noop) as its SFTP
     * endpoint builds them; they touch the files only through the operations. A
     * {@code readLock=changed} without a strategy of its own gets the share's: unchanged size
     * and time for {@code readLockMinAge}.
     */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected GenericFileProcessStrategy<SmbFile> createGenericFileStrategy() {
        Map<String, Object> params = getParamsAsMap();
        if ("changed".equals(params.get("readLock")) && params.get("exclusiveReadLockStrategy") == null) {
            params.put("exclusiveReadLockStrategy", changedReadLock());
        }
        return (GenericFileProcessStrategy) new SftpProcessStrategyFactory().createGenericFileProcessStrategy(getCamelContext(), params);
    }

    /** The share's {@code readLock=changed}, set up from this endpoint's read lock options. */
    public GenericFileExclusiveReadLockStrategy<SmbFile> changedReadLock() {
        SmbChangedReadLock lock = new SmbChangedReadLock(getReadLockMinAge(), getReadLockMinLength());
        lock.setTimeout(getReadLockTimeout());
        lock.setCheckInterval(getReadLockCheckInterval());
        lock.setReadLockLoggingLevel(getReadLockLoggingLevel());
        return lock;
    }

    /** Says why a session could not be opened to {@code told} (for a consumer's polls). */
    public void onProblem(Consumer<Exception> told) {
        this.problems = told;
    }

    void problem(Exception e) {
        Consumer<Exception> told = problems;
        if (told != null) {
            told.accept(e);
        }
    }
}
