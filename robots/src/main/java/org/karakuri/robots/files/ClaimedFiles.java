package org.karakuri.robots.files;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.FileComponent;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.model.Durations;
import org.karakuri.spi.FileFields;
import org.karakuri.spi.LoopAction;
import org.karakuri.spi.StepContext;

/**
 * The files of one {@code for-each-file}, claimed one at a time through a Camel file consumer —
 * of a local folder ({@link FileLoop}) or of a folder on a server ({@link RemoteFileLoop}):
 * {@code receive} claims the next file (read lock and marker), {@code doneUoW} after its steps
 * lets Camel move it to {@code done}, or — the exchange marked failed — to {@code failed}. What
 * differs is only where the files are: the subclass names, finds and shows them.
 */
abstract class ClaimedFiles implements LoopAction.Items {
    /** The exchange property Camel's {@code move} and {@code moveFailed} read the target from. */
    static final String TARGET = "karakuri.file-target";
    private static final long RECEIVE_MS = 1000;

    private final Duration stableFor;
    private final Duration lockTimeout;
    private final int total;
    /** Names matched at the start and not yet handed out, in the order Camel sorts them. */
    final TreeSet<String> pending = new TreeSet<>(Glob.ORDER);
    private final Deque<LoopAction.Item> unclaimable = new ArrayDeque<>();
    private final List<Claim> outstanding = new ArrayList<>();
    private final CamelContext camel;
    private GenericFileEndpoint<?> endpoint;
    private ConsumerTemplate consumer;

    ClaimedFiles(StepContext ctx, List<String> names, Duration stableFor, Duration lockTimeout) {
        this.camel = ctx.camel();
        this.stableFor = stableFor;
        this.lockTimeout = lockTimeout;
        this.total = names.size();
        pending.addAll(names);
    }

    /**
     * Sets up {@code ep} (its filter: the names of the start's list) to claim with a marker and
     * move to {@code done}/{@code failed} when they are given, and starts consuming from it.
     */
    final <T> void consume(GenericFileEndpoint<T> ep, boolean done, boolean failed) {
        // a name no longer in the folder is accepted too: it is never polled, but Camel's start then
        // removes the marker a killed run left beside a file it had already moved
        CamelFiles.configure(ep, f -> !f.isDirectory() && (pending.contains(f.getFileNameOnly()) || gone(f)), stableFor, lockTimeout);
        ep.setReadLockMarkerFile(true);
        claimWith(ep);
        ep.setSendEmptyMessageWhenIdle(true);
        ep.setIdempotent(false);
        if (done) {
            ep.setMove(CamelFiles.property(TARGET));
        } else {
            ep.setNoop(true);
        }
        if (failed) {
            ep.setMoveFailed(CamelFiles.property(TARGET));
        }
        this.endpoint = CamelFiles.register(camel, ep);
        this.consumer = camel.createConsumerTemplate();
        if (pending.isEmpty()) {
            // nothing to claim: start the consumer anyway for that clean-up; no file passes the filter
            consumer.receiveNoWait(endpoint);
        }
    }

    /** Sets how a file is claimed beyond Camel's read lock settings (on a server: {@link ClaimOnServer}); local folders use Camel's marker files. */
    <T> void claimWith(GenericFileEndpoint<T> ep) {
    }

    /** Whether Camel asks about a file that is not in the folder (the target of a marker left behind); never on a server. */
    boolean gone(org.apache.camel.component.file.GenericFile<?> f) {
        return false;
    }

    /** The folder as messages show it. */
    abstract String shownFolder();

    /** The item for the file Camel handed over in {@code ex}, or null when the exchange holds none (an idle poll). */
    abstract Claim claimed(Exchange ex);

    /** Whether {@code name} is still in the folder, and whether its claim marker is. */
    abstract boolean inFolder(String name);

    /** A file of the start's list, for an item that could not be claimed. */
    abstract FileFields unclaimed(String name);

    @Override
    public final int total() {
        return total;
    }

    @Override
    public final LoopAction.Item next() {
        while (true) {
            if (!unclaimable.isEmpty()) {
                return unclaimable.poll();
            }
            if (pending.isEmpty()) {
                return null;
            }
            Exchange ex;
            try {
                ex = consumer.receive(endpoint, RECEIVE_MS);
            } catch (RuntimeException e) {
                throw CamelFiles.pollFailed(shownFolder(), e);
            }
            Claim c = ex == null ? null : claimed(ex);
            if (c != null) {
                pending.remove(c.fields.name());
                outstanding.add(c);
                return c;
            }
            explainFirstInLine();
        }
    }

    /**
     * Camel offers one file per poll, the first in name order; when it could not claim it, the
     * files before it that are gone, and it, become skipped items with the reason.
     */
    private void explainFirstInLine() {
        Iterator<String> it = pending.iterator();
        while (it.hasNext()) {
            String name = it.next();
            it.remove();
            if (!inFolder(name)) {
                unclaimable.add(new Unclaimed(unclaimed(name), Messages.get().format("files.loop-gone")));
                continue;
            }
            String marker = name + FileComponent.DEFAULT_LOCK_FILE_POSTFIX;
            String reason = inFolder(marker)
                ? Messages.get().format("files.loop-locked", marker)
                : Messages.get().format("files.loop-still-changing", Durations.format(stableFor),
                    Durations.format(CamelFiles.lockTimeout(stableFor, lockTimeout)));
            unclaimable.add(new Unclaimed(unclaimed(name), reason));
            return;
        }
    }

    @Override
    public final void close() {
        try {
            for (Claim c : List.copyOf(outstanding)) {
                c.release();
            }
        } finally {
            try {
                consumer.stop();
            } finally {
                CamelFiles.remove(camel, endpoint);
            }
        }
    }

    /** A file Camel claimed: its steps run, then Camel moves it. */
    abstract class Claim implements LoopAction.Item {
        final Exchange exchange;
        final FileFields fields;
        private final String sha256;
        private boolean finished;

        Claim(Exchange exchange, FileFields fields, String sha256) {
            this.exchange = exchange;
            this.fields = fields;
            this.sha256 = sha256;
        }

        /** Where the file goes: a free name in {@code done} (or {@code failed}) as Camel's move takes it; null without that folder. */
        abstract String target(boolean succeeded);

        /** Whether {@code location} (the file itself when null) is there. */
        abstract boolean there(String location);

        /** {@code location} (a target, or the folder when null) as messages and events show it. */
        abstract String shown(String location, boolean succeeded);

        /** Why Camel did not move the file, as far as it is known. */
        abstract String whyKept();

        /** Removes the claim's marker. */
        abstract void dropMarker();

        @Override
        public final Map<String, Object> variables() {
            return Map.of("file", fields);
        }

        @Override
        public final String label() {
            return fields.name();
        }

        @Override
        public final void succeeded(StepContext c) {
            finish(c, null);
        }

        @Override
        public final void failed(StepContext c, Exception error) {
            finish(c, error);
        }

        private void finish(StepContext c, Exception error) {
            if (finished) {
                return;
            }
            finished = true;
            outstanding.remove(this);
            String to = target(error == null);
            if (to != null) {
                exchange.setProperty(TARGET, to);
            }
            if (error != null) {
                exchange.setException(error);
            }
            consumer.doneUoW(exchange);
            if (to == null) {
                return;
            }
            boolean left = there(null);
            if (!left && there(to)) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("from", fields.location());
                data.put("to", shown(to, error == null));
                data.put("sha256", sha256);
                data.put("outcome", error == null ? "done" : "failed");
                c.emit("file-moved", data);
                return;
            }
            if (!left) {
                return; // the steps moved or removed the file themselves
            }
            String reason = whyKept();
            String folderTo = shown(null, error == null);
            if (error == null) {
                throw new KarakuriException("files.loop-not-moved", fields.location(), folderTo, reason);
            }
            c.progress(Messages.get().format("files.loop-not-moved-failed", fields.location(), folderTo, reason));
            c.emit("file-not-moved", Map.of("path", fields.location(), "to", folderTo, "error", reason));
        }

        /** The loop ended before this file's steps did: let go of it where it is, as a killed run would. */
        final void release() {
            finished = true;
            outstanding.remove(this);
            exchange.getExchangeExtension().handoverCompletions();
            dropMarker();
        }
    }

    /** A file of the start's list that could not be claimed: skipped, with the reason. */
    private record Unclaimed(FileFields file, String reason) implements LoopAction.Item {
        @Override
        public Map<String, Object> variables() {
            return Map.of("file", file);
        }

        @Override
        public String label() {
            return file.name();
        }

        @Override
        public String skipReason() {
            return reason;
        }
    }
}
