package org.karakuri.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * An append-only JSONL file kept as one hash chain across processes: each record gets {@code seq},
 * the previous record's {@code hash} as {@code prev} and its own {@code hash}, appended under a file
 * lock beside it ({@code NAME.lock}), so several engines on one home (or one shared volume) append
 * in turn. The run chain and the operations trail are such files. With a key, each record also
 * carries {@code mac}, an HMAC of its hash ({@link ChainSigner}).
 */
final class ChainFile {
    private ChainFile() {}

    static synchronized void append(Path file, ObjectNode record, ChainSigner signer) {
        // a run being stopped is interrupted: its end must still be linked (an interrupted thread cannot take a file lock)
        boolean interrupted = Thread.interrupted();
        try {
            Files.createDirectories(file.getParent());
            String name = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
            try (FileChannel lockChannel = FileChannel.open(file.resolveSibling(name + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = lockChannel.lock()) {
                long seq = 0;
                String prev = TrailWriter.GENESIS;
                String last = lastLine(file);
                if (last != null) {
                    JsonNode n = Canonical.JSON.readTree(last);
                    seq = n.path("seq").asLong();
                    prev = n.path("hash").asText();
                }
                record.put("seq", seq + 1);
                record.put("prev", prev);
                String hash = hash(record);
                record.put("hash", hash);
                if (signer.hasKey()) {
                    record.put("mac", signer.sign(hash));
                }
                Files.writeString(file, new String(Canonical.bytes(record), StandardCharsets.UTF_8) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A chain record's hash: over everything but the hash and its signature. */
    private static String hash(ObjectNode record) {
        ObjectNode copy = record.deepCopy();
        copy.remove("mac");
        return Canonical.hash(copy);
    }

    /** Whether the chain's last record is signed (then a missing key must stop whoever writes next). */
    static boolean lastIsSigned(Path file) {
        return head(file).map(r -> r.has("mac")).orElse(false);
    }

    /** The chain's last record, if there is one that parses. */
    static java.util.Optional<JsonNode> head(Path file) {
        try {
            String last = lastLine(file);
            return last == null ? java.util.Optional.empty() : java.util.Optional.of(Canonical.JSON.readTree(last));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** The last non-empty line, read from the end: appending costs the same at the 10th record and the millionth. */
    private static String lastLine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long end = f.length();
            while (end > 0) {
                f.seek(end - 1);
                if (f.read() != '\n') {
                    break;
                }
                end--;
            }
            if (end == 0) {
                return null;
            }
            long start = end;
            int chunk = 4096;
            byte[] tail = new byte[0];
            while (start > 0) {
                long from = Math.max(0, start - chunk);
                byte[] b = new byte[(int) (start - from)];
                f.seek(from);
                f.readFully(b);
                byte[] joined = new byte[b.length + tail.length];
                System.arraycopy(b, 0, joined, 0, b.length);
                System.arraycopy(tail, 0, joined, b.length, tail.length);
                tail = joined;
                start = from;
                int nl = lastIndexOf(tail, (int) (end - start));
                if (nl >= 0) {
                    return new String(tail, nl + 1, (int) (end - start) - nl - 1, StandardCharsets.UTF_8);
                }
            }
            return new String(tail, 0, (int) end, StandardCharsets.UTF_8);
        }
    }

    private static int lastIndexOf(byte[] b, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Checks the chain line by line: JSON, numbered from 1, each naming the hash of the one before
     * and carrying its own; with a key, every signature matches, once one record is signed every
     * later one is too, and a record written after the key file existed is signed. Stops at the first bad line, added to {@code findings}; each good record goes
     * to {@code each}.
     */
    static RunChain.Tally verify(Path file, List<RunChain.Finding> findings, Consumer<ObjectNode> each, ChainSigner signer) {
        long records = 0;
        long signed = 0;
        long unsigned = 0;
        if (!Files.exists(file)) {
            return new RunChain.Tally(0, 0, 0, signer.hasKey());
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String prev = TrailWriter.GENESIS;
            for (int i = 0; i < lines.size(); i++) {
                String where = file + ":" + (i + 1);
                ObjectNode r;
                try {
                    r = (ObjectNode) Canonical.JSON.readTree(lines.get(i));
                } catch (IOException | ClassCastException e) {
                    findings.add(new RunChain.Finding(where, "audit.not-json", List.of()));
                    break;
                }
                if (r.path("seq").asLong() != i + 1 || !r.path("prev").asText().equals(prev)) {
                    findings.add(new RunChain.Finding(where, "audit.broken-chain", List.of()));
                    break;
                }
                String hash = hash(r);
                if (!hash.equals(r.path("hash").asText())) {
                    findings.add(new RunChain.Finding(where, "audit.edited", List.of()));
                    break;
                }
                if (r.has("mac")) {
                    if (signer.hasKey() && !signer.verifies(r.path("mac").asText(), hash)) {
                        findings.add(new RunChain.Finding(where, "audit.bad-signature", List.of(r.path("mac").asText().replaceFirst(":.*", ""))));
                        break;
                    }
                    signed++;
                } else if (signed > 0) {
                    findings.add(new RunChain.Finding(where, "audit.unsigned-after-signed", List.of()));
                    break;
                } else if (signer.mustHaveSigned(r.path("time").asText())) {
                    findings.add(new RunChain.Finding(where, "audit.unsigned-after-key", List.of(r.path("time").asText(), signer.signedFrom().toString())));
                    break;
                } else {
                    unsigned++;
                }
                prev = hash;
                records++;
                each.accept(r);
            }
        } catch (IOException e) {
            findings.add(new RunChain.Finding(file.toString(), "audit.unreadable", List.of(file.toString(), String.valueOf(e.getMessage()))));
        }
        return new RunChain.Tally(records, signed, unsigned, signer.hasKey());
    }
}
