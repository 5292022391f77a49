package org.karakuri.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends records to a trail file as a hash chain: each record gets {@code seq}, the
 * previous record's hash ({@code prev}) and its own {@code hash} over its canonical form.
 * {@link #seal()} writes the last record, holding the count and the final hash. While a writer is
 * open it holds a lock on the file (on a byte past its end, so that readers are never in the way,
 * on Windows too); the system drops the lock when the process dies, however it dies, which is
 * how the next start tells a trail whose run is gone from one still being written
 * ({@link DeadRuns}).
 */
public final class TrailWriter implements AutoCloseable {
    public static final String GENESIS = "0".repeat(64);

    /** Where the writer's lock is: one byte far past any trail's end. */
    private static final long LOCK_AT = Long.MAX_VALUE - 1;

    private final Path file;
    private final BufferedWriter out;
    private long seq;
    private String prev;
    private boolean sealed;

    public TrailWriter(Path file) {
        this(file, create(file), 0, GENESIS);
    }

    private TrailWriter(Path file, FileChannel channel, long seq, String prev) {
        this.file = file;
        this.out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
        this.seq = seq;
        this.prev = prev;
    }

    private static FileChannel create(Path file) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                channel.lock(LOCK_AT, 1, false);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audit trail " + file, e);
        }
    }

    /**
     * Takes the writer's lock of an existing trail, when no writer holds it (its process is gone):
     * empty while the trail is being written, by this process or another. The channel is opened
     * for appending; the lock lasts until it is closed.
     */
    static java.util.Optional<FileChannel> claim(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock(LOCK_AT, 1, false);
            if (lock != null) {
                return java.util.Optional.of(channel);
            }
        } catch (OverlappingFileLockException mine) {
            // this process writes it
        }
        channel.close();
        return java.util.Optional.empty();
    }

    /** A writer that goes on with a claimed trail whose last record is {@code seq} with hash {@code prev}. */
    static TrailWriter resume(Path file, FileChannel claimed, long seq, String prev) throws IOException {
        claimed.position(claimed.size());
        return new TrailWriter(file, claimed, seq, prev);
    }

    public Path file() {
        return file;
    }

    /** Appends {@code record} (its seq/prev/hash are set here) and flushes it to the disk. */
    public synchronized String append(ObjectNode record) {
        if (sealed) {
            throw new IllegalStateException("trail " + file + " is sealed");
        }
        record.put("seq", ++seq);
        record.put("prev", prev);
        record.remove("hash");
        String hash = Canonical.hash(record);
        record.put("hash", hash);
        // the file's channel closes itself on a write from an interrupted thread: a run being stopped still writes its end
        boolean interrupted = Thread.interrupted();
        try {
            out.write(new String(Canonical.bytes(record), StandardCharsets.UTF_8));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        prev = hash;
        return hash;
    }

    /** Writes the seal: the number of records before it and the last hash. Returns the seal's hash. */
    public synchronized String seal() {
        ObjectNode seal = Canonical.JSON.createObjectNode();
        seal.put("type", "seal");
        seal.put("count", seq);
        seal.put("final", prev);
        String hash = append(seal);
        sealed = true;
        return hash;
    }

    public synchronized long count() {
        return seq;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
