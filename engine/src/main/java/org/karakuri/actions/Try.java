package org.karakuri.actions;

import java.util.List;
import org.karakuri.model.Step;
import org.karakuri.spi.Action;
import org.karakuri.spi.Doc;
import org.karakuri.spi.Key;
import org.karakuri.spi.Required;
import org.karakuri.spi.Shorthand;
import org.karakuri.spi.Sibling;
import org.karakuri.spi.StepContext;

/** {@code try:} steps with {@code catch:} and {@code finally:}; compiled to Camel's doTry. */
public final class Try implements Action<Try.Params> {

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

    @Override
    public void run(Params params, StepContext ctx) {
        throw new IllegalStateException("try is compiled to Camel's doTry");
    }
}
