package org.karakuri.robots.browser;

import java.util.List;
import org.karakuri.expr.Template;
import org.karakuri.model.Doc;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;

/** {@code uncheck: target} — clears a checkbox, through the same checked path as {@link Fill}. */
public final class Uncheck extends BrowserAction<Uncheck.Params> {

    @Doc(value = "The checkbox.", ja = "チェックボックス。")
    public record Params(
        @Shorthand @Required @Doc(value = "The checkbox (or radio button) as a person reads its label, or css:/id:/name:….",
            ja = "チェックボックス（またはラジオボタン）のラベルの文字。または css:/id:/name: など。")
        Template target) {}

    @Override
    public String name() {
        return "uncheck";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Clears a checkbox found by its label; nothing happens when it is already clear.";
    }

    @Override
    public String docJa() {
        return "ラベルで探したチェックボックスのチェックを外します。すでに外れていれば何もしません。";
    }

    @Override
    public List<String> examples() {
        return List.of("uncheck: メールで通知する", "uncheck: name:chkPrint");
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) {
        String target = ctx.text(p.target());
        FormFill.fill(browser, ctx, List.of(new FormFill.Field(target, "false", ctx.step() == null ? null : ctx.step().position())),
            FormFill.Mode.CHECK, false);
    }
}
