package org.karakuri.robots.browser;

import java.util.List;
import org.karakuri.expr.Template;
import org.karakuri.model.Doc;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;

/** {@code check: target} — ticks a checkbox, through the same checked path as {@link Fill}. */
public final class Check extends BrowserAction<Check.Params> {

    @Doc(value = "The checkbox.", ja = "チェックボックス。")
    public record Params(
        @Shorthand @Required @Doc(value = "The checkbox (or radio button) as a person reads its label, or css:/id:/name:….",
            ja = "チェックボックス（またはラジオボタン）のラベルの文字。または css:/id:/name: など。")
        Template target) {}

    @Override
    public String name() {
        return "check";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Ticks a checkbox (or chooses a radio button) found by its label; nothing happens when it is already ticked.";
    }

    @Override
    public String docJa() {
        return "ラベルで探したチェックボックスにチェックを入れます（ラジオボタンなら選びます）。すでに入っていれば何もしません。";
    }

    @Override
    public List<String> examples() {
        return List.of("check: 同意する", "check: label:転出届を同時に出力");
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) {
        String target = ctx.text(p.target());
        FormFill.fill(browser, ctx, List.of(new FormFill.Field(target, "true", ctx.step() == null ? null : ctx.step().position())),
            FormFill.Mode.CHECK, false);
    }
}
