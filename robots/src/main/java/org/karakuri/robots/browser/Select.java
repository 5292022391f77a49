package org.karakuri.robots.browser;

import java.util.List;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Doc;
import org.karakuri.model.Entries;
import org.karakuri.spi.StepContext;

/** {@code select: {性別: 男}} — chooses options of lists (or radio buttons) by their visible text, then by value. */
public final class Select extends BrowserAction<Select.Params> {

    @Doc(value = "Lists and the option to choose in each.", ja = "リストと、それぞれで選ぶ選択肢。")
    public record Params(
        @Entries.Whole @Doc(value = "List (label, table cell, name, id…) → the option's text (or value).",
            ja = "リスト（ラベル・表の見出しセル・name・id など）→ 選択肢の文字（または value）。")
        Entries<Template> lists) {

        public Params {
            if (lists == null || lists.isEmpty()) {
                throw new KarakuriException("browser.fill.empty");
            }
        }
    }

    @Override
    public String name() {
        return "select";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Chooses an option in each list (or a radio button in each group) by its visible text, else by its value; waits for options loaded late.";
    }

    @Override
    public String docJa() {
        return "リスト（またはラジオボタンのグループ）で、表示されている文字、なければ value が一致する選択肢を選びます。後から読み込まれる選択肢は待ちます。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            select:
              性別: ${row.性別}""", """
            select:
              都道府県: 東京都
              市区町村: 千代田区""");
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) {
        FormFill.fill(browser, ctx, Fill.fields(p.lists(), ctx), FormFill.Mode.SELECT, false);
    }
}
