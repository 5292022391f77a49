package org.karakuri.actions;

import java.util.List;
import org.karakuri.expr.Condition;
import org.karakuri.model.Step;
import org.apache.camel.model.ChoiceDefinition;
import org.karakuri.spi.Compilation;
import org.karakuri.spi.ControlAction;
import org.karakuri.model.Doc;
import org.karakuri.model.Key;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.model.Sibling;

/** {@code if: <condition>} with {@code then:} and {@code else:} steps; compiled to a Camel choice. */
public final class If implements ControlAction<If.Params> {

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

    /** A Camel choice: {@code when} the condition, {@code otherwise} the else steps. */
    @Override
    public void compile(Params p, Compilation route) {
        ChoiceDefinition choice = route.into().choice().id(route.id());
        choice.when(route.condition(p.test()));
        route.steps(choice, p.then());
        if (!p.otherwise().isEmpty()) {
            choice.otherwise();
            route.steps(choice, p.otherwise());
        }
        choice.end();
    }
}
