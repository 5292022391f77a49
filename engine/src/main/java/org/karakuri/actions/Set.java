package org.karakuri.actions;

import java.util.List;
import org.karakuri.expr.Template;
import org.karakuri.spi.SimpleAction;
import org.karakuri.model.Doc;
import org.karakuri.model.Entries;
import org.karakuri.spi.StepContext;

/** {@code set: {name: value}}: sets run variables, in order. */
public final class Set implements SimpleAction<Set.Params> {

    public record Params(
        @Entries.Whole @Doc(value = "Variable name → value.", ja = "変数名 → 値。")
        Entries<Template> values) {}

    @Override
    public String name() {
        return "set";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Set variables (name → value), in order.";
    }

    @Override
    public String docJa() {
        return "変数に値を設定します（変数名 → 値、上から順に）。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            set:
              受付日: ${today | wareki}
              担当: 市民課
            """);
    }

    @Override
    public void run(Params params, StepContext ctx) {
        for (Entries.Entry<Template> e : params.values().list()) {
            ctx.setVariable(e.key(), e.value() == null ? null : ctx.value(e.value()));
        }
    }
}
