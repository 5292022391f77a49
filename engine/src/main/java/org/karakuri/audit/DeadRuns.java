package org.karakuri.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.karakuri.i18n.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs whose engine died while they ran (kill -9, a crash, the power): their trail has no seal
 * and no process holds its writer's lock ({@link TrailWriter}). The next start of the engine
 * ({@code run} or {@code serve}) ends each such trail with a {@code run-ended} record
 * ({@code status: interrupted}, {@code end: process-died}) and its seal, and links it into the
 * chain of runs with a signed record that says so, before anything else is written. Then
 * {@code audit verify --all} counts it as a run sealed after its process died, and an unsealed
 * trail left now can only be a run still going or a trail cut off. A trail the chain already
 * holds is never sealed again (its end was cut after it was sealed: that is tampering, and
 * verify reports it). A record half-written when the power went is cut off and counted in the
 * end record ({@code torn-bytes}).
 */
public final class DeadRuns {
    private static final Logger log = LoggerFactory.getLogger(DeadRuns.class);
    /** The value of {@code end} in the end record and the chain record of a run sealed after its process died. */
    public static final String PROCESS_DIED = "process-died";

    private DeadRuns() {}

    /**
     * Seals every dead run under {@code home/runs} as interrupted and links it into the chain,
     * signed with the master key {@code env} names. When the chain is signed and the key is
     * missing, nothing is written and the start stops with a message naming the key file and the
     * runs. Returns the runs sealed now, oldest first.
     */
    public static List<String> seal(Path home, Map<String, String> env, Clock clock) {
        List<Path> trails = unsealed(home.resolve("runs"));
        if (trails.isEmpty()) {
            return List.of();
        }
        List<String> sealed = new ArrayList<>();
        ChainSigner signer = null;
        for (Path trail : trails) {
            String runId = trail.getParent().getFileName().toString();
            try {
                Optional<FileChannel> claimed = TrailWriter.claim(trail);
                if (claimed.isEmpty()) {
                    continue; // its writer is alive
                }
                try (FileChannel channel = claimed.get()) {
                    if (RunChain.sealOf(home, runId).isPresent()) {
                        log.warn("run {}: its trail was sealed into the chain of runs and has lost its end since; left as it is for audit verify to report", runId);
                        continue;
                    }
                    if (signer == null) {
                        signer = ChainSigner.forWriting(home, env, RunChain.file(home),
                            new Messages.Text("audit.key-why-dead-runs", String.join(", ", ids(trails))));
                    }
                    Sealed s;
                    try {
                        s = seal(trail, channel, runId, clock);
                    } catch (com.fasterxml.jackson.core.JacksonException garbled) {
                        log.warn("run {}: its trail has a line that is not a record; left unsealed for audit verify to report", runId);
                        continue;
                    }
                    RunChain.linkDead(home, signer, runId, s.seal(), s.records());
                }
                log.warn("run {} ended without its engine (killed, crashed or powered off): its trail is sealed as interrupted", runId);
                sealed.add(runId);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot seal the trail " + trail, e);
            }
        }
        return sealed;
    }

    private static List<String> ids(List<Path> trails) {
        return trails.stream().map(t -> t.getParent().getFileName().toString()).toList();
    }

    /** The trails under {@code runs} whose last line is not a seal, by run id. */
    private static List<Path> unsealed(Path runs) {
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> folders = Files.list(runs)) {
            for (Path folder : folders.sorted().toList()) {
                Path trail = folder.resolve("audit.jsonl");
                if (!isSealed(trail) && Files.isRegularFile(trail)) {
                    out.add(trail);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs, e);
        }
        return out;
    }

    /** Whether the trail's last line is a seal, from its last bytes only (a start looks at every run folder). */
    private static boolean isSealed(Path trail) {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(trail.toFile(), "r")) {
            long length = f.length();
            byte[] tail = new byte[(int) Math.min(length, SEAL_LINE)];
            f.seek(length - tail.length);
            f.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8).stripTrailing();
            return text.substring(text.lastIndexOf('\n') + 1).startsWith(SEAL_START);
        } catch (IOException e) {
            return false;
        }
    }

    /** A seal's line starts so ({@link TrailWriter#seal()}); it is about 260 bytes long. */
    private static final String SEAL_START = "{\"type\":\"seal\",";
    private static final int SEAL_LINE = 1024;

    private record Sealed(String seal, long records) {}

    /** Cuts a torn last record, writes the end record and the seal; the channel holds the writer's lock. */
    private static Sealed seal(Path trail, FileChannel channel, String runId, Clock clock) throws IOException {
        byte[] bytes = new byte[(int) channel.size()];
        channel.read(ByteBuffer.wrap(bytes), 0);
        int whole = bytes.length;
        while (whole > 0 && bytes[whole - 1] != '\n') {
            whole--;
        }
        JsonNode last = null;
        String scenario = null;
        String lastTime = null;
        int start = 0;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] == '\n') {
                JsonNode r = Canonical.JSON.readTree(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                scenario = scenario != null ? scenario : r.path("scenario").asText(null);
                lastTime = r.path("time").asText(lastTime);
                last = r;
                start = i + 1;
            }
        }
        int torn = bytes.length - whole;
        if (torn > 0) {
            channel.truncate(whole);
        }
        ObjectNode ended = Canonical.JSON.createObjectNode();
        ended.put("time", clock.instant().toString());
        ended.put("run", runId);
        if (scenario != null) {
            ended.put("scenario", scenario);
        }
        ended.put("type", "run-ended");
        ObjectNode data = ended.putObject("data");
        data.put("status", "interrupted");
        data.put("end", PROCESS_DIED);
        data.put("error", Messages.get().format("run.process-died"));
        if (lastTime != null) {
            data.put("last-record", lastTime);
        }
        if (torn > 0) {
            data.put("torn-bytes", torn);
        }
        long seq = last == null ? 0 : last.path("seq").asLong();
        data.put("events", seq + 1);
        TrailWriter writer = TrailWriter.resume(trail, channel, seq, last == null ? TrailWriter.GENESIS : last.path("hash").asText());
        writer.append(ended);
        String seal = writer.seal();
        return new Sealed(seal, seq + 1);
    }
}
