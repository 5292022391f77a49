package org.karakuri.robots.browser;

import java.util.List;
import java.util.Map;
import org.karakuri.expr.Template;
import org.karakuri.model.Doc;
import org.karakuri.model.Required;
import org.karakuri.spi.StepContext;

/**
 * {@code read-list: {list: 必要な書類, into: documents}} — reads a bulleted or numbered list
 * ({@code <ul>}, {@code <ol>}) the way it looks: each item's text, one line each, without the
 * items of a list nested inside it.
 */
public final class ReadList extends BrowserAction<ReadList.Params> {

    @Doc(value = "The list, and the variable that receives its items.", ja = "リストと、その項目を入れる変数。")
    public record Params(
        @Required @Doc(value = "The list: the heading just before it, its aria-label or title, id, or css:….",
            ja = "リスト: 直前の見出し、aria-label・title、id、または css: など。")
        Template list,
        @Required @Doc(value = "Variable that receives the items (a list of texts).", ja = "項目（文字の一覧）を入れる変数。")
        String into) {}

    @Override
    public String name() {
        return "read-list";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Reads the items of a bulleted or numbered list (<ul>, <ol>) into a variable, one text per item.";
    }

    @Override
    public String docJa() {
        return "箇条書き・番号付きリスト（<ul>、<ol>）の項目を、1 項目 1 つの文字として変数に入れます。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            read-list:
              list: 必要な書類
              into: documents""");
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) {
        String written = ctx.text(p.list());
        Map<String, Object> spec = Targets.spec(written, Targets.Kind.LIST);
        Map<String, Object> r = Targets.await(ctx, written, Targets.Kind.LIST, () -> browser.js("list", spec));
        ctx.setVariable(p.into().strip(), Targets.list(r.get("items")).stream().map(String::valueOf).toList());
    }
}
