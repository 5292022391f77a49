package org.karakuri.actions;

import java.util.List;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.spi.SimpleAction;
import org.karakuri.model.Doc;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;

/** {@code fail: message}: stops the run (or the row) as failed, with the author's message. */
public final class Fail implements SimpleAction<Fail.Params> {

    public record Params(@Shorthand @Required @Doc(value = "Why the run fails.", ja = "失敗とする理由。") Template message) {}

    @Override
    public String name() {
        return "fail";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Fail the run (or the current row) with a message.";
    }

    @Override
    public String docJa() {
        return "メッセージを付けて実行（または処理中の行）を失敗にします。";
    }

    @Override
    public List<String> examples() {
        return List.of("fail: 受付番号 ${row.受付番号} は対象外です");
    }

    @Override
    public void run(Params params, StepContext ctx) {
        throw new KarakuriException("fail.by-scenario", ctx.mask(ctx.text(params.message())));
    }
}
