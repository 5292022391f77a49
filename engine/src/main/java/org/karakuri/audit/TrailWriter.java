package org.karakuri.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends records to a trail file as a hash chain: each record gets {@code seq}, the
 * previous record's hash ({@code prev}) and its own {@code hash} over its canonical form.
 * {@link #seal()} writes the last record, holding the count and the final hash.
 */
public final class TrailWriter implements AutoCloseable {
    public static final String GENESIS = "0".repeat(64);

    private final Path file;
    private final BufferedWriter out;
    private long seq;
    private String prev = GENESIS;
    private boolean sealed;

    public TrailWriter(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audit trail " + file, e);
        }
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
