package org.karakuri.robots.browser;

import java.util.List;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Doc;
import org.karakuri.model.Entries;
import org.karakuri.model.Sibling;
import org.karakuri.spi.StepContext;

/**
 * {@code fill: {氏名: …, 生年月日: …}} — sets fields in the order written, in one round trip, and
 * checks each one afterwards. See {@link FormFill}.
 */
public final class Fill extends BrowserAction<Fill.Params> {

    /** How values reach the fields. */
    public enum Typing {
        /** All at once through the fields' value setters, with input, change and blur events (default). */
        FAST,
        /** Real keystrokes, field by field, for pages that react to each key. */
        KEYS
    }

    @Doc(value = "Fields and the values to put in them, in order.", ja = "入力欄と入れる値（上から順に入力します）。")
    public record Params(
        @Entries.Whole @Doc(value = "Field (label, table cell, name, id, placeholder…) → value.",
            ja = "入力欄（ラベル・表の見出しセル・name・id・placeholder など）→ 値。")
        Entries<Template> fields,
        @Sibling @Doc(value = "keys: type with real keystrokes instead of setting values at once (slower).",
            ja = "keys: 値をまとめて設定せず、実際のキー入力で打ちます（遅くなります）。")
        Typing typing) {

        public Params {
            if (fields == null || fields.isEmpty()) {
                throw new KarakuriException("browser.fill.empty");
            }
            typing = typing == null ? Typing.FAST : typing;
        }
    }

    @Override
    public String name() {
        return "fill";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Fills fields in order (text, lists by option text, checkboxes with true/false, radio buttons by their label) "
            + "and checks every value afterwards.";
    }

    @Override
    public String docJa() {
        return "入力欄に上から順に値を入れ（文字、リストは選択肢の文字、チェックボックスは true/false、ラジオボタンはその文字）、"
            + "入力後にすべての値を確かめます。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            fill:
              利用者ID: ${secret:legacy.user}
              パスワード: ${secret:legacy.password}""", """
            fill:
              氏名: ${row.氏名}
              生年月日: ${row.生年月日 | wareki}
              性別: ${row.性別}""", """
            fill:
              検索キーワード: 山田
            typing: keys""");
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) {
        FormFill.fill(browser, ctx, fields(p.fields(), ctx), FormFill.Mode.FILL, p.typing() == Typing.KEYS);
    }

    static List<FormFill.Field> fields(Entries<Template> entries, StepContext ctx) {
        return entries.list().stream()
            .map(e -> new FormFill.Field(e.key(), e.value() == null ? "" : ctx.text(e.value()), e.position()))
            .toList();
    }
}
