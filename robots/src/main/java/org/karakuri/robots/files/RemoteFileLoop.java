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
import org.apache.camel.component.file.FileConstants;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.model.Durations;
import org.karakuri.spi.FileFields;
import org.karakuri.spi.LoopAction;
import org.karakuri.spi.StepContext;

/**
 * The files of a {@code for-each-file} on a connection's server ({@code folder: NAME:/path}),
 * claimed one at a time through Camel's SFTP consumer as local files are through its file
 * consumer: {@code readLock=changed} (the size and time the server lists stayed the same for
 * {@code stable-for}) with a {@code .camelLock} marker on the server, so two engines never take
 * the same file; after its steps Camel renames it on the server to {@code done} or
 * {@code failed} (one rename on one server: nothing copied, never lost). {@code ${file}} reads
 * {@code NAME:/path/name.csv}: the steps fetch it with {@code move} or {@code copy}.
 */
final class RemoteFileLoop implements LoopAction.Items {
    private static final String TARGET = "karakuri.file-target";
    private static final long RECEIVE_MS = 1000;

    private final StepContext ctx;
    private final Sftp.Server server;
    private final String folder;
    private final String done;
    private final String failed;
    private final Duration stableFor;
    private final Duration lockTimeout;
    private final int total;
    private final TreeSet<String> pending = new TreeSet<>(Glob.ORDER);
    private final Deque<LoopAction.Item> unclaimable = new ArrayDeque<>();
    private final List<Claimed> outstanding = new ArrayList<>();
    private final CamelContext camel;
    private final Sftp.PinnedEndpoint endpoint;
    private final ConsumerTemplate consumer;

    /** Opens the loop over {@code folder} on the server; {@code done} and {@code failed} (null or {@code NAME:/path}) on the same server. */
    static RemoteFileLoop open(StepContext ctx, Locations.Remote folder, Glob glob, String done, String failed, Duration stableFor, Duration lockTimeout) {
        Sftp.Server server = folder.server();
        if (!server.isFolder(folder.path())) {
            throw new KarakuriException("files.not-a-folder", folder.shown(), "folder");
        }
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

    private RemoteFileLoop(StepContext ctx, Sftp.Server server, String folder, List<String> files, String done, String failed,
                           Duration stableFor, Duration lockTimeout) {
        this.ctx = ctx;
        this.server = server;
        this.folder = folder;
        this.done = done;
        this.failed = failed;
        this.stableFor = stableFor;
        this.lockTimeout = lockTimeout;
        this.total = files.size();
        pending.addAll(files);
        this.camel = ctx.camel();
        Sftp.PinnedEndpoint ep = server.endpoint(folder);
        CamelFiles.configure(ep, f -> !f.isDirectory() && pending.contains(f.getFileNameOnly()), stableFor, lockTimeout);
        ep.setReadLockMarkerFile(true);
        ep.setSendEmptyMessageWhenIdle(true);
        ep.setIdempotent(false);
        ep.setDownload(false);
        if (done != null) {
            ep.setMove(CamelFiles.property(TARGET));
        } else {
            ep.setNoop(true);
        }
        if (failed != null) {
            ep.setMoveFailed(CamelFiles.property(TARGET));
        }
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
                throw CamelFiles.pollFailed(server.shown(folder), e);
            }
            String name = ex == null ? null : ex.getMessage().getHeader(FileConstants.FILE_NAME_ONLY, String.class);
            if (name != null) {
                Long size = ex.getMessage().getHeader(FileConstants.FILE_LENGTH, Long.class);
                Claimed c = new Claimed(ex, RemoteTransfer.join(folder, name), size == null ? -1 : size);
                pending.remove(name);
                outstanding.add(c);
                return c;
            }
            explainFirstInLine();
        }
    }

    /** As for local files: the first file Camel could not claim, and those before it that are gone, are skipped with the reason. */
    private void explainFirstInLine() {
        Map<String, Boolean> there = server.listing(folder);
        Iterator<String> it = pending.iterator();
        while (it.hasNext()) {
            String name = it.next();
            it.remove();
            String path = RemoteTransfer.join(folder, name);
            if (!there.containsKey(name)) {
                unclaimable.add(new Unclaimed(fields(path, -1), Messages.get().format("files.loop-gone")));
                continue;
            }
            String marker = name + FileComponent.DEFAULT_LOCK_FILE_POSTFIX;
            String reason = there.containsKey(marker)
                ? Messages.get().format("files.loop-locked", marker)
                : Messages.get().format("files.loop-still-changing", Durations.format(stableFor),
                    Durations.format(CamelFiles.lockTimeout(stableFor, lockTimeout)));
            unclaimable.add(new Unclaimed(fields(path, -1), reason));
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

    private FileFields fields(String path, long size) {
        return FileFields.remote(server.name(), path, size);
    }

    /** A file Camel claimed on the server: its steps run, then Camel renames it there. */
    private final class Claimed implements LoopAction.Item {
        private final Exchange exchange;
        private final String path;
        private final FileFields fields;
        private final String sha256;
        private boolean finished;

        Claimed(Exchange exchange, String path, long size) {
            this.exchange = exchange;
            this.path = path;
            this.fields = fields(path, size);
            this.sha256 = server.sha256(path);
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
            String folderTo = error == null ? done : failed;
            String to = folderTo == null ? null : server.freeName(folderTo, fields.name());
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
            boolean left = server.exists(path);
            if (!left && server.exists(to)) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("from", server.shown(path));
                data.put("to", server.shown(to));
                data.put("sha256", sha256);
                data.put("outcome", error == null ? "done" : "failed");
                c.emit("file-moved", data);
                return;
            }
            if (!left) {
                return; // the steps moved or removed the file themselves
            }
            String reason = Messages.get().format("files.loop-server-kept");
            if (error == null) {
                throw new KarakuriException("files.loop-not-moved", server.shown(path), server.shown(folderTo), reason);
            }
            c.progress(Messages.get().format("files.loop-not-moved-failed", server.shown(path), server.shown(folderTo), reason));
            c.emit("file-not-moved", Map.of("path", server.shown(path), "to", server.shown(folderTo), "error", reason));
        }

        /** The loop ended before this file's steps did: let go of it where it is, as a killed run would. */
        void release() {
            finished = true;
            outstanding.remove(this);
            exchange.getExchangeExtension().handoverCompletions();
            server.deleteQuietly(path + FileComponent.DEFAULT_LOCK_FILE_POSTFIX);
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

    @Override
    public String toString() {
        return "for-each-file " + server.shown(folder) + "/";
    }
}
