package org.karakuri.robots.files;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.LoggingLevel;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.file.FileComponent;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.support.ExpressionAdapter;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;

/**
 * Camel's file consumer as {@code wait-for-file} and {@code for-each-file} use it: a file is
 * taken only once it is complete — Camel's {@code readLock=changed} with
 * {@code readLockMinAge=<stable-for>}: unchanged for that long — one file per poll, in name
 * order. As a URI it would read
 * {@code file:<folder>?readLock=changed&readLockMinAge=1000&readLockMinLength=0&sortBy=file:name&eagerMaxMessagesPerPoll=false};
 * it is built in code because its filter, sorter and move targets are objects, and because
 * folder names with spaces or Japanese then need no URI escaping.
 */
final class CamelFiles {
    private static final AtomicLong IDS = new AtomicLong();

    private CamelFiles() {}

    /** How often a changing file is looked at again, and how often an empty folder is polled. */
    static long checkInterval(Duration stableFor) {
        return Math.max(50, Math.min(1000, stableFor.toMillis() / 4));
    }

    /** How long a poll waits for a changing file before giving up on it: at least stable-for and three more looks. */
    static Duration lockTimeout(Duration stableFor, Duration wanted) {
        return Duration.ofMillis(Math.max(wanted.toMillis(), stableFor.toMillis() + 3 * checkInterval(stableFor)));
    }

    /** What Camel's consumer threw while polling, said with the folder it was polling. */
    static KarakuriException pollFailed(Object folder, RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new KarakuriException((Position) null, e, "files.cannot-list", folder.toString(),
            cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }

    /**
     * A file endpoint on {@code folder} taking the files {@code filter} accepts once unchanged for
     * {@code stableFor}, giving up on a file still changing after {@code lockTimeout} (it is tried
     * again at the next poll).
     */
    static FileEndpoint endpoint(CamelContext camel, Path folder, GenericFileFilter<File> filter, Duration stableFor, Duration lockTimeout) {
        FileComponent component = camel.getComponent("file", FileComponent.class);
        FileEndpoint ep = new FileEndpoint("file://" + folder + "?karakuri=" + IDS.incrementAndGet(), component);
        ep.setFile(folder.toFile());
        ep.setAutoCreate(false);
        ep.setStartingDirectoryMustExist(true);
        configure(ep, filter, stableFor, lockTimeout);
        // a rename that fails must fail: a copy and delete across disks is not atomic
        ep.setCopyAndDeleteOnRenameFail(false);
        return ep;
    }

    /**
     * The consumer settings local and remote folders share: the files {@code filter} accepts,
     * one per poll in name order, each once unchanged for {@code stableFor} (Camel's
     * {@code readLock=changed}: on a server, by the size and time its listing shows).
     */
    static <T> void configure(GenericFileEndpoint<T> ep, GenericFileFilter<T> filter, Duration stableFor, Duration lockTimeout) {
        ep.setFilter(filter);
        ep.setSorter(Comparator.comparing(GenericFile::getFileNameOnly, Glob.ORDER));
        ep.setEagerMaxMessagesPerPoll(false);
        long interval = checkInterval(stableFor);
        ep.setReadLock("changed");
        ep.setReadLockMinAge(stableFor.toMillis());
        ep.setReadLockMinLength(0);
        ep.setReadLockCheckInterval(interval);
        ep.setReadLockTimeout(lockTimeout(stableFor, lockTimeout).toMillis());
        ep.setReadLockLoggingLevel(LoggingLevel.DEBUG);
        ep.setDelay(interval);
    }

    /** Starts the endpoint in {@code camel}, where it is stopped with the run at the latest. */
    static <E extends GenericFileEndpoint<?>> E register(CamelContext camel, E ep) {
        try {
            camel.addEndpoint(ep.getEndpointUri(), ep);
        } catch (Exception e) {
            throw RuntimeCamelException.wrapRuntimeCamelException(e);
        }
        return ep;
    }

    static void remove(CamelContext camel, GenericFileEndpoint<?> ep) {
        try {
            camel.removeEndpoint(ep);
        } catch (Exception e) {
            // stopping a file endpoint holds nothing of the user's; the run's Camel context stops it anyway
        }
    }

    /** A move target read from an exchange property at commit time ({@code move=}, {@code moveFailed=}). */
    static Expression property(String name) {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                return exchange.getProperty(name, String.class);
            }

            @Override
            public String toString() {
                return "${exchangeProperty." + name + "}";
            }
        };
    }
}
