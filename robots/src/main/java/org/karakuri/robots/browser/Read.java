package org.karakuri.robots.browser;

import java.util.List;
import java.util.Map;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;
import org.karakuri.model.Doc;
import org.karakuri.model.Entries;
import org.karakuri.spi.StepContext;

/** {@code read: {受付番号: 受付番号}} — sets variables from what fields hold or value cells show. */
public final class Read extends BrowserAction<Read.Params> {

    @Doc(value = "Variables and where to read each.", ja = "変数と、それぞれの読み取り元。")
    public record Params(
        @Entries.Whole @Doc(value = "Variable → field, value cell beside a label, or any element (css:…); lists give the chosen option's text.",
            ja = "変数 → 入力欄、ラベルの隣の値のセル、または任意の要素（css: など）。リストは選ばれている選択肢の文字。")
        Entries<Template> variables) {

        public Params {
            if (variables == null || variables.isEmpty()) {
                throw new KarakuriException("browser.fill.empty");
            }
        }
    }

    @Override
    public String name() {
        return "read";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Sets each variable to the value of a field, or the text of an element (e.g. the cell beside a label), in one round trip.";
    }

    @Override
    public String docJa() {
        return "各変数に、入力欄の値または要素の文字（例: ラベルの隣のセル）を入れます。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            read:
              受付番号: 受付番号
              件数: css:#count""");
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) {
        List<Entries.Entry<Template>> entries = p.variables().list();
        List<String> targets = entries.stream().map(e -> e.value() == null ? "" : ctx.text(e.value())).toList();
        List<Position> positions = entries.stream().map(Entries.Entry::position).toList();
        List<Map<String, Object>> specs = targets.stream().map(t -> Targets.spec(t, Targets.Kind.ANY)).toList();
        Map<String, Object> r = Targets.await(ctx, targets, positions, Targets.Kind.ANY, () -> browser.js("read", specs));
        List<Object> values = Targets.list(r.get("values"));
        for (int i = 0; i < entries.size(); i++) {
            ctx.setVariable(entries.get(i).key(), values.get(i) == null ? "" : String.valueOf(values.get(i)));
        }
    }
}
