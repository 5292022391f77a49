package org.karakuri.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.karakuri.audit.Anchor;
import org.karakuri.audit.ChainSigner;
import org.karakuri.audit.RunChain;
import org.karakuri.audit.TrailVerifier;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.RunRecord;
import org.karakuri.ledger.RunStatus;
import org.karakuri.run.RunOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./karakuri audit verify RUN | --all [--anchor FILE]}: exit 0 intact, 1 tampered or
 * incomplete; {@code ./karakuri audit anchor [--to FILE]}: the chains' heads for the auditor to keep.
 */
@Command(name = "audit", description = {"Check audit trails.", "監査証跡を検証します。"},
    subcommands = {AuditCommand.Verify.class, AuditCommand.TakeAnchor.class})
public final class AuditCommand {

    @Command(name = "verify", description = {"Verify a run's trail (or --all runs and their chain). Exit 0 intact, 1 tampered or incomplete.",
        "実行の証跡（--all で全実行とその連鎖）を検証します。終了コード 0 改ざんなし、1 改ざんまたは不完全。"})
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "A run id, or the path of a run folder.")
        String run;

        @Option(names = "--all", description = "Every run under KARAKURI_HOME, the chain linking them and its signatures, the runs table, and the operations trail (who did what).")
        boolean all;

        @Option(names = "--anchor", paramLabel = "FILE", description = {"Also check the anchors in FILE (from 'audit anchor'): the chains still hold the records they named. Implies --all.",
            "FILE のアンカー（audit anchor の出力）も検証します。--all を含みます。"})
        Path anchor;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Messages m = Messages.get();
            var out = spec.commandLine().getOut();
            Path home = RunOptions.defaults().home();
            if (all || anchor != null) {
                ChainSigner signer;
                Optional<Map<String, String>> ended;
                try {
                    signer = ChainSigner.forVerifying(home, System.getenv());
                    ended = endedRuns(home);
                } catch (KarakuriException e) {
                    spec.commandLine().getErr().println(e.getMessage());
                    return 2;
                }
                RunChain.Verification v = RunChain.verify(home, signer, ended.orElse(Map.of()));
                List<RunChain.Finding> findings = new ArrayList<>(v.findings());
                if (anchor != null) {
                    findings.addAll(Anchor.check(home, anchor));
                }
                for (RunChain.Finding f : findings) {
                    out.println(f.where() + ": " + m.format(f.key(), f.args().toArray()));
                }
                tally(out, m, RunChain.file(home), v.chain(), signer);
                tally(out, m, org.karakuri.audit.OperationsTrail.file(home), v.operations(), signer);
                if (!v.diedRuns().isEmpty()) {
                    out.println(m.format("audit.sealed-after-death", v.diedRuns().size(), String.join(", ", v.diedRuns())));
                }
                if (ended.isEmpty()) {
                    out.println(m.format("audit.no-runs-table"));
                }
                if (anchor == null) {
                    out.println(m.format("audit.no-anchor"));
                }
                out.println(m.format(findings.isEmpty() ? "audit.all-intact" : "audit.all-bad", findings.size()));
                out.flush();
                return findings.isEmpty() ? 0 : 1;
            }
            if (run == null) {
                spec.commandLine().getErr().println(m.format("audit.which-run"));
                return 2;
            }
            Path folder = Files.isDirectory(Path.of(run)) ? Path.of(run) : home.resolve("runs").resolve(run);
            Path trail = folder.resolve("audit.jsonl");
            TrailVerifier.Result r = TrailVerifier.verify(trail);
            String where = r.line() > 0 ? trail + ":" + r.line() : trail.toString();
            out.println(where + ": " + m.format(r.key(), r.args().toArray()));
            out.flush();
            return r.intact() ? 0 : 1;
        }

        /** What a chain's signatures prove, said as it is. */
        private static void tally(java.io.PrintWriter out, Messages m, Path file, RunChain.Tally t, ChainSigner signer) {
            if (t.records() == 0) {
                return;
            }
            if (!t.checked()) {
                out.println(m.format("audit.signatures-unchecked", file, t.records(), t.signed()));
            } else if (t.unsigned() == 0) {
                out.println(m.format("audit.signed", file, t.records(), signer.keyId()));
            } else {
                out.println(m.format("audit.partly-signed", file, t.records(), t.unsigned(), signer.keyId()));
            }
        }

        /** The runs the runs table says ended with a sealed trail (id → status), when the engine's database exists. */
        private static Optional<Map<String, String>> endedRuns(Path home) {
            Optional<Ledger> opened = RunsCommand.open(home);
            if (opened.isEmpty()) {
                return Optional.empty();
            }
            try (Ledger ledger = opened.get()) {
                Map<String, String> ended = new LinkedHashMap<>();
                for (RunRecord r : ledger.runs().startedBefore(java.time.Instant.now())) {
                    if (r.status() == RunStatus.SUCCEEDED || r.status() == RunStatus.FAILED) {
                        ended.put(r.id(), r.status().text());
                    }
                }
                return Optional.of(ended);
            }
        }
    }

    @Command(name = "anchor", description = {
        "Print the heads of the run chain and the operations trail as one line, for the auditor to keep where this engine cannot write (--to FILE appends it there). 'audit verify --anchor FILE' checks against it.",
        "実行の連鎖と操作記録の先頭を 1 行で出力します。監査担当者がエンジンの書けない場所に保管します（--to FILE でそのファイルに追記）。'audit verify --anchor FILE' で照合します。"})
    static final class TakeAnchor implements Callable<Integer> {
        @Option(names = "--to", paramLabel = "FILE", description = "Append the anchor to FILE as well.")
        Path to;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path home = RunOptions.defaults().home();
            String line = Anchor.take(home);
            if (to != null) {
                try {
                    if (to.toAbsolutePath().normalize().startsWith(home.toAbsolutePath().normalize())) {
                        spec.commandLine().getErr().println(Messages.get().format("audit.anchor-inside-home", to, home));
                        return 2;
                    }
                    Files.writeString(to, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    spec.commandLine().getErr().println(Messages.get().format("audit.unreadable", to, String.valueOf(e.getMessage())));
                    return 2;
                }
            }
            spec.commandLine().getOut().println(line);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
