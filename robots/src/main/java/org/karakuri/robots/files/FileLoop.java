package org.karakuri.robots.files;

import java.io.File;
import java.nio.file.Path;
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
import org.apache.camel.component.file.FileConstants;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.spi.ExceptionHandler;
import org.karakuri.spi.FileFields;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.model.Durations;
import org.karakuri.spi.Hashes;
import org.karakuri.spi.LoopAction;
import org.karakuri.spi.StepContext;

/**
 * The files of one {@code for-each-file}, claimed one at a time through Camel's file consumer:
 * {@code receive} claims the next file (read lock and marker), {@code doneUoW} after its steps
 * lets Camel move it to {@code done}, or — the exchange marked failed — to {@code failed}.
 */
final class FileLoop implements LoopAction.Items {
    private static final String TARGET = "karakuri.file-target";
    private static final long RECEIVE_MS = 1000;

    private final StepContext ctx;
    private final Path folder;
    private final Path done;
    private final Path failed;
    private final Duration stableFor;
    private final Duration lockTimeout;
    private final int total;
    /** Names matched at the start and not yet handed out, in the order Camel sorts them. */
    private final TreeSet<String> pending = new TreeSet<>(Glob.ORDER);
    private final Deque<LoopAction.Item> unclaimable = new ArrayDeque<>();
    private final List<Claimed> outstanding = new ArrayList<>();
    private final List<Throwable> completionErrors = new ArrayList<>();
    private final CamelContext camel;
    private final FileEndpoint endpoint;
    private final ConsumerTemplate consumer;

    FileLoop(StepContext ctx, Path folder, List<Path> files, Path done, Path failed, Duration stableFor, Duration lockTimeout) {
        this.ctx = ctx;
        this.folder = folder;
        this.done = done;
        this.failed = failed;
        this.stableFor = stableFor;
        this.lockTimeout = lockTimeout;
        this.total = files.size();
        files.forEach(f -> pending.add(f.getFileName().toString()));
        this.camel = ctx.camel();
        FileEndpoint ep = CamelFiles.endpoint(camel, folder, f -> !f.isDirectory() && pending.contains(f.getFileNameOnly()),
            stableFor, lockTimeout);
        ep.setReadLockMarkerFile(true);
        ep.setSendEmptyMessageWhenIdle(true);
        ep.setIdempotent(false);
        if (done != null) {
            ep.setMove(CamelFiles.property(TARGET));
        } else {
            ep.setNoop(true);
        }
        if (failed != null) {
            ep.setMoveFailed(CamelFiles.property(TARGET));
        }
        ep.setOnCompletionExceptionHandler(new Collect());
        this.endpoint = CamelFiles.register(camel, ep);
        this.consumer = camel.createConsumerTemplate();
    }

    @Override
    public int total() {
        return total;
    }

    @Override
    public LoopAction.Item next() {
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
                throw CamelFiles.pollFailed(folder, e);
            }
            String path = ex == null ? null : ex.getMessage().getHeader(FileConstants.FILE_ABSOLUTE_PATH, String.class);
            if (path != null) {
                Claimed c = new Claimed(ex, Path.of(path).toAbsolutePath().normalize());
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
            Path file = folder.resolve(name);
            if (!Places.exists(file)) {
                unclaimable.add(new Unclaimed(file, Messages.get().format("files.loop-gone")));
                continue;
            }
            Path marker = folder.resolve(name + FileComponent.DEFAULT_LOCK_FILE_POSTFIX);
            String reason = Places.exists(marker)
                ? Messages.get().format("files.loop-locked", marker.getFileName().toString())
                : Messages.get().format("files.loop-still-changing", Durations.format(stableFor),
                    Durations.format(CamelFiles.lockTimeout(stableFor, lockTimeout)));
            unclaimable.add(new Unclaimed(file, reason));
            return;
        }
    }

    @Override
    public void close() {
        try {
            for (Claimed c : List.copyOf(outstanding)) {
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
    private final class Claimed implements LoopAction.Item {
        private final Exchange exchange;
        private final Path path;
        private final FileFields fields;
        private final String sha256;
        private boolean finished;

        Claimed(Exchange exchange, Path path) {
            this.exchange = exchange;
            this.path = path;
            this.fields = FileFields.of(path);
            this.sha256 = Hashes.sha256(path);
        }

        @Override
        public Map<String, Object> variables() {
            return Map.of("file", fields);
        }

        @Override
        public String label() {
            return fields.name();
        }

        @Override
        public void succeeded(StepContext c) {
            finish(c, null);
        }

        @Override
        public void failed(StepContext c, Exception error) {
            finish(c, error);
        }

        private void finish(StepContext c, Exception error) {
            if (finished) {
                return;
            }
            finished = true;
            outstanding.remove(this);
            Path folderTo = error == null ? done : failed;
            Path to = folderTo == null ? null : AtomicFiles.freeName(folderTo, fields.name());
            if (to != null) {
                exchange.setProperty(TARGET, to.toString());
            }
            if (error != null) {
                exchange.setException(error);
            }
            completionErrors.clear();
            consumer.doneUoW(exchange);
            if (to == null) {
                return;
            }
            if (Places.exists(to) && !Places.exists(path)) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("from", path.toString());
                data.put("to", to.toString());
                data.put("sha256", sha256);
                data.put("outcome", error == null ? "done" : "failed");
                c.emit("file-moved", data);
                return;
            }
            if (!Places.exists(path)) {
                return; // the steps moved or removed the file themselves
            }
            String reason = completionErrors.isEmpty() ? "?" : String.valueOf(completionErrors.get(0).getMessage());
            if (error == null) {
                throw new KarakuriException("files.loop-not-moved", path.toString(), folderTo.toString(), reason);
            }
            c.progress(Messages.get().format("files.loop-not-moved-failed", path.toString(), folderTo.toString(), reason));
            c.emit("file-not-moved", Map.of("path", path.toString(), "to", folderTo.toString(), "error", reason));
        }

        /** The loop ended before this file's steps did: let go of it where it is, as a killed run would. */
        void release() {
            finished = true;
            outstanding.remove(this);
            exchange.getExchangeExtension().handoverCompletions();
            AtomicFiles.deleteQuietly(Path.of(path + FileComponent.DEFAULT_LOCK_FILE_POSTFIX));
        }
    }

    /** A file of the start's list that could not be claimed: skipped, with the reason. */
    private record Unclaimed(Path path, String reason) implements LoopAction.Item {
        @Override
        public Map<String, Object> variables() {
            return Map.of("file", FileFields.of(path));
        }

        @Override
        public String label() {
            return path.getFileName().toString();
        }

        @Override
        public String skipReason() {
            return reason;
        }
    }

    /** Keeps what went wrong while Camel moved a file, so the item can say it. */
    private final class Collect implements ExceptionHandler {
        @Override
        public void handleException(Throwable exception) {
            completionErrors.add(exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            completionErrors.add(exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            completionErrors.add(exception);
        }
    }

    @Override
    public String toString() {
        return "for-each-file " + folder + File.separator;
    }
}
