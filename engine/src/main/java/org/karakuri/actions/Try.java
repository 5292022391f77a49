package org.karakuri.actions;

import java.util.List;
import org.karakuri.model.Step;
import org.apache.camel.model.TryDefinition;
import org.karakuri.spi.Compilation;
import org.karakuri.spi.ControlAction;
import org.karakuri.model.Doc;
import org.karakuri.model.Key;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.model.Sibling;

/** {@code try:} steps with {@code catch:} and {@code finally:}; compiled to Camel's doTry. */
public final class Try implements ControlAction<Try.Params> {

    public record Params(
        @Shorthand @Required @Doc(value = "Steps to try.", ja = "試す手順。")
        List<Step> steps,
        @Sibling @Key("catch") @Doc(value = "Steps run when a step of `try` failed; ${error} holds the message.",
            ja = "try の手順が失敗したときの手順。${error} に失敗の内容が入ります。")
        List<Step> onFailure,
        @Sibling @Key("finally") @Doc(value = "Steps run in every case, after `try` and `catch`.", ja = "成否にかかわらず最後に行う手順。")
        List<Step> always) {
        public Params {
            onFailure = onFailure == null ? List.of() : onFailure;
            always = always == null ? List.of() : always;
            if (onFailure.isEmpty() && always.isEmpty()) {
                throw new org.karakuri.i18n.KarakuriException("try.needs-catch-or-finally");
            }
        }
    }

    @Override
    public String name() {
        return "try";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Try steps; on failure run `catch` instead of stopping; run `finally` in every case.";
    }

    @Override
    public String docJa() {
        return "手順を試し、失敗したら止まらずに catch を実行します。finally は必ず実行します。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            try:
              - call: register.yaml
            catch:
              - log: "登録できませんでした: ${error}"
            finally:
              - log: 登録処理を終えました
            """);
    }

    /** Camel's doTry: the steps, then doCatch with the catch steps, then doFinally with the finally steps. */
    @Override
    public void compile(Params p, Compilation route) {
        TryDefinition t = route.into().doTry().id(route.id());
        route.steps(t, p.steps());
        if (!p.onFailure().isEmpty()) {
            t.doCatch(Exception.class).process(route.caught());
            route.steps(t, p.onFailure());
        }
        if (!p.always().isEmpty()) {
            t.doFinally();
            route.steps(t, p.always());
        }
        t.end();
    }
}
