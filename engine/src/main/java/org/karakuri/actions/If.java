package org.karakuri.actions;

import java.util.List;
import org.karakuri.expr.Condition;
import org.karakuri.model.Step;
import org.karakuri.spi.Action;
import org.karakuri.spi.Doc;
import org.karakuri.spi.Key;
import org.karakuri.spi.Required;
import org.karakuri.spi.Shorthand;
import org.karakuri.spi.Sibling;
import org.karakuri.spi.StepContext;

/** {@code if: <condition>} with {@code then:} and {@code else:} steps; compiled to a Camel choice. */
public final class If implements Action<If.Params> {

    public record Params(
        @Shorthand @Required @Doc(value = "The condition: ==, !=, <, >, contains, empty, and, or, not, e.g. ${row.区分} == 転入",
            ja = "条件: ==, !=, <, >, contains, empty, and, or, not。例: ${row.区分} == 転入")
        Condition test,
        @Sibling @Required @Doc(value = "Steps run when the condition holds.", ja = "条件が成り立つときの手順。")
        List<Step> then,
        @Sibling @Key("else") @Doc(value = "Steps run otherwise.", ja = "成り立たないときの手順。")
        List<Step> otherwise) {
        public Params {
            otherwise = otherwise == null ? List.of() : otherwise;
        }
    }

    @Override
    public String name() {
        return "if";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Run `then` steps when a condition holds, `else` steps otherwise.";
    }

    @Override
    public String docJa() {
        return "条件が成り立てば then の手順を、そうでなければ else の手順を実行します。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            if: ${row.区分} == 転入
            then:
              - log: 転入として登録します
            else:
              - log: 転居として登録します
            """);
    }

    @Override
    public void run(Params params, StepContext ctx) {
        throw new IllegalStateException("if is compiled to a Camel choice");
    }
}
