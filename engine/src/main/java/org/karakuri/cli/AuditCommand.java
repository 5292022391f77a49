package org.karakuri.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.karakuri.audit.OperationsTrail;
import org.karakuri.audit.RunChain;
import org.karakuri.audit.TrailVerifier;
import org.karakuri.i18n.Messages;
import org.karakuri.run.RunOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./karakuri audit verify RUN | --all}: exit 0 intact, 1 tampered or incomplete. */
@Command(name = "audit", description = {"Check audit trails.", "監査証跡を検証します。"},
    subcommands = {AuditCommand.Verify.class})
public final class AuditCommand {

    @Command(name = "verify", description = {"Verify a run's trail (or --all runs and their chain). Exit 0 intact, 1 tampered or incomplete.",
        "実行の証跡（--all で全実行とその連鎖）を検証します。終了コード 0 改ざんなし、1 改ざんまたは不完全。"})
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "A run id, or the path of a run folder.")
        String run;

        @Option(names = "--all", description = "Every run under KARAKURI_HOME, the chain linking them, and the operations trail (who did what).")
        boolean all;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Messages m = Messages.get();
            var out = spec.commandLine().getOut();
            Path home = RunOptions.defaults().home();
            if (all) {
                List<RunChain.Finding> findings = new java.util.ArrayList<>(RunChain.verifyAll(home));
                findings.addAll(OperationsTrail.verify(home));
                for (RunChain.Finding f : findings) {
                    out.println(f.where() + ": " + m.format(f.key(), f.args().toArray()));
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
    }
}
