package org.karakuri.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.testing.ScenarioHarness;

/**
 * What {@code audit verify --all} proves (issue 14.5): each tampering that passed before — the
 * newest run and the chain's last line removed, every run and the chain removed, a forged
 * {@code pruned} record, a rewrite with recomputed hashes — is found, and what only an anchor can
 * show is shown against one.
 */
class TrailHonestyTest {
    @TempDir
    Path dir;
    ScenarioHarness h;
    String first;
    String second;
    String out;

    @BeforeEach
    void twoRuns() {
        h = new ScenarioHarness(dir);
        h.write("s.yaml", "scenario: s\nsteps:\n  - log: 受付\n");
        first = h.run().runId();
        second = h.run().runId();
    }

    private int karakuri(String... args) {
        ScenarioHarness.Output o = h.command(args);
        out = o.text();
        return o.code();
    }

    private List<String> chain() throws Exception {
        return new ArrayList<>(Files.readAllLines(RunChain.file(h.home()), StandardCharsets.UTF_8));
    }

    private void chain(List<String> lines) throws Exception {
        Files.write(RunChain.file(h.home()), lines, StandardCharsets.UTF_8);
    }

    private void deleteFolder(Path folder) throws Exception {
        try (var files = Files.walk(folder)) {
            files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void anUntouchedHomeVerifiesAndSaysWhatItChecked() {
        assertThat(karakuri("audit", "verify", "--all")).as(out).isZero();
        assertThat(out).contains("chain.jsonl: 2 records, every one signed with the master key")
            .contains("no anchor checked");
        assertThat(RunChain.file(h.home())).content().contains("\"mac\":\"k");
    }

    @Test
    void theNewestRunCutWithTheChainsLastLineIsFoundThroughTheRunsTable() throws Exception {
        deleteFolder(h.home().resolve("runs").resolve(second));
        List<String> lines = chain();
        lines.remove(lines.size() - 1);
        chain(lines);
        assertThat(karakuri("audit", "verify", "--all")).isEqualTo(1);
        assertThat(out).contains("the runs table says run " + second + " ended (succeeded), but the chain has no record of it");
    }

    @Test
    void everyRunAndTheChainDeletedIsFound() throws Exception {
        deleteFolder(h.home().resolve("runs"));
        Files.delete(RunChain.file(h.home()));
        assertThat(karakuri("audit", "verify", "--all")).isEqualTo(1);
        assertThat(out).contains("run " + first + " ended").contains("run " + second + " ended");
    }

    @Test
    void aForgedPrunedRecordIsFound() throws Exception {
        List<String> lines = chain();
        ObjectNode last = (ObjectNode) Canonical.JSON.readTree(lines.get(lines.size() - 1));
        ObjectNode pruned = Canonical.JSON.createObjectNode();
        pruned.put("type", "pruned");
        pruned.putArray("runs").add(first);
        pruned.put("reason", "older than 400d");
        pruned.put("time", "2026-11-30T00:00:00Z");
        pruned.put("seq", last.path("seq").asLong() + 1);
        pruned.put("prev", last.path("hash").asText());
        pruned.put("hash", Canonical.hash(pruned));
        lines.add(new String(Canonical.bytes(pruned), StandardCharsets.UTF_8));
        chain(lines);
        deleteFolder(h.home().resolve("runs").resolve(first));
        assertThat(karakuri("audit", "verify", "--all")).isEqualTo(1);
        assertThat(out).contains("chain.jsonl:3: this record has no signature though the records before it have one");
    }

    @Test
    void aRewriteWithRecomputedHashesIsFoundByItsSignatures() throws Exception {
        List<String> lines = chain();
        String prev = TrailWriter.GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode r = (ObjectNode) Canonical.JSON.readTree(lines.get(i));
            if (i == 0) {
                r.put("records", r.path("records").asLong() + 1);
            }
            r.put("prev", prev);
            ObjectNode unsigned = r.deepCopy();
            unsigned.remove("mac");
            prev = Canonical.hash(unsigned);
            r.put("hash", prev);
            lines.set(i, new String(Canonical.bytes(r), StandardCharsets.UTF_8));
        }
        chain(lines);
        assertThat(karakuri("audit", "verify", "--all")).isEqualTo(1);
        assertThat(out).contains("chain.jsonl:1: this record's signature (key k").contains("does not match");
    }

    @Test
    void everySignatureStrippedIsFoundWhenTheRecordsAreNewerThanTheKeyFile() throws Exception {
        chain(stripped(null));
        assertThat(karakuri("audit", "verify", "--all")).as(out).isEqualTo(1);
        assertThat(out).contains("chain.jsonl:1: this record has no signature though it was written")
            .contains("after the master key file existed");
    }

    @Test
    void aStrippedChainBackdatedToBeforeTheKeyFileOnlyWarns() throws Exception {
        chain(stripped("2020-01-01T00:00:00Z"));
        assertThat(karakuri("audit", "verify", "--all")).as(out).isZero();
        assertThat(out).contains("the first 2 carry no signature (written before the master key existed)")
            .contains("no anchor checked");
    }

    /** The chain without its signatures, hashes recomputed; with every time set to {@code time} unless null. */
    private List<String> stripped(String time) throws Exception {
        List<String> lines = chain();
        String prev = TrailWriter.GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode r = (ObjectNode) Canonical.JSON.readTree(lines.get(i));
            r.remove("mac");
            if (time != null) {
                r.put("time", time);
            }
            r.put("prev", prev);
            r.remove("hash");
            prev = Canonical.hash(r);
            r.put("hash", prev);
            lines.set(i, new String(Canonical.bytes(r), StandardCharsets.UTF_8));
        }
        return lines;
    }

    @Test
    void whatTheKeyHolderCutsShowsOnlyAgainstAnAnchor() throws Exception {
        Path anchors = dir.resolve("auditor").resolve("anchors.jsonl");
        Files.createDirectories(anchors.getParent());
        assertThat(karakuri("audit", "anchor", "--to", anchors.toString())).as(out).isZero();
        assertThat(anchors).content().contains("\"type\":\"karakuri-anchor\"").contains("\"chain\":{\"seq\":2,");
        // whoever holds the disk, the database and the key removes the newest run everywhere
        deleteFolder(h.home().resolve("runs").resolve(second));
        List<String> lines = chain();
        lines.remove(lines.size() - 1);
        chain(lines);
        try (Ledger l = Ledger.open(LedgerSettings.h2(h.home()))) {
            l.runs().delete(List.of(second));
        }
        assertThat(karakuri("audit", "verify", "--all")).as("without the anchor nothing shows: " + out).isZero();
        assertThat(out).contains("no anchor checked");
        assertThat(karakuri("audit", "verify", "--anchor", anchors.toString())).isEqualTo(1);
        assertThat(out).contains(anchors + ":1: ").contains("chain.jsonl no longer holds record 2");
    }

    @Test
    void anAnchorKeptInsideTheHomeIsRefused() {
        assertThat(karakuri("audit", "anchor", "--to", h.home().resolve("anchor.jsonl").toString())).isEqualTo(2);
        assertThat(out).contains("proves nothing");
    }
}
