package org.karakuri.actions;

import java.util.List;
import org.karakuri.expr.Template;
import org.karakuri.spi.Compilation;
import org.karakuri.spi.ControlAction;
import org.karakuri.model.Doc;
import org.karakuri.model.Entries;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.model.Sibling;

/**
 * {@code call: login.yaml} runs another scenario file's steps in this run (same browser), with
 * its own variables: its defaults, overridden by {@code with:}.
 */
public final class Call implements ControlAction<Call.Params> {

    public record Params(
        @Shorthand @Required @Doc(value = "The scenario file to run, relative to this one.", ja = "実行するシナリオファイル（このファイルからの相対パス）。")
        Template file,
        @Sibling @Doc(value = "Variables passed to the called scenario.", ja = "呼び出すシナリオに渡す変数。")
        Entries<Template> with) {
        public Params {
            with = with == null ? Entries.empty() : with;
        }
    }

    @Override
    public String name() {
        return "call";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Run another scenario file in this run, with `with` variables.";
    }

    @Override
    public String docJa() {
        return "別のシナリオファイルをこの実行の中で呼び出します（with で変数を渡せます）。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            call: login.yaml
            with:
              user: ${secret:legacy.user}
            """);
    }

    /**
     * The called scenario's needs are not known until it is loaded: a {@code call} counts as a
     * browser step, so the node's browser limit errs on the safe side.
     */
    @Override
    public java.util.Set<org.karakuri.spi.Need> needs() {
        return java.util.Set.of(org.karakuri.spi.Need.BROWSER);
    }

    @Override
    public void compile(Params p, Compilation route) {
        route.into().process(route.call(p.file(), p.with())).id(route.id());
    }
}
