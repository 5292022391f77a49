package org.karakuri.robots.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages.Text;
import org.karakuri.model.Durations;
import org.karakuri.i18n.Position;
import org.karakuri.model.Doc;
import org.karakuri.model.Entries;
import org.karakuri.spi.StepContext;

/** {@code expect-value: {受付番号: R-0001}} — waits until fields (or value cells) hold the expected values. */
public final class ExpectValue extends BrowserAction<ExpectValue.Params> {

    @Doc(value = "Fields and the values they must hold.", ja = "入力欄と、入っているはずの値。")
    public record Params(
        @Entries.Whole @Doc(value = "Field or value cell → expected value (lists: the option's text; checkboxes: true/false).",
            ja = "入力欄または値のセル → 期待する値（リストは選択肢の文字、チェックボックスは true/false）。")
        Entries<Template> values) {

        public Params {
            if (values == null || values.isEmpty()) {
                throw new KarakuriException("browser.fill.empty");
            }
        }
    }

    @Override
    public String name() {
        return "expect-value";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Waits until each field, or the table cell beside each label, holds the expected value; fails naming what it holds.";
    }

    @Override
    public String docJa() {
        return "各入力欄（またはラベルの隣のセル）が期待した値になるまで待ちます。ならなければ、実際の値を示して失敗します。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            expect-value:
              氏名: ${row.氏名}
              性別: 男""");
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) {
        List<FormFill.Field> fields = Fill.fields(p.values(), ctx);
        List<Map<String, Object>> specs = fields.stream().map(f -> Targets.spec(f.target(), Targets.Kind.ANY)).toList();
        List<String> wanted = fields.stream().map(FormFill.Field::value).toList();
        Duration timeout = ctx.timeout();
        AtomicReference<List<Object>> last = new AtomicReference<>();
        BrowserWait.until(timeout, () -> {
            Map<String, Object> r = browser.js("check", specs, wanted, true);
            List<Object> results = Targets.list(r.get("results"));
            last.set(results);
            for (int i = 0; i < results.size(); i++) {
                Map<?, ?> one = (Map<?, ?>) results.get(i);
                Object status = one.get("status");
                if ("ambiguous".equals(status) || "bad-selector".equals(status)) {
                    throw Targets.problem(ctx, browser.js("find", specs.get(i)), fields.get(i).target(), Targets.Kind.ANY,
                        timeout, fields.get(i).position());
                }
            }
            return results.stream().allMatch(o -> Boolean.TRUE.equals(((Map<?, ?>) o).get("ok"))) ? Boolean.TRUE : null;
        }, () -> mismatch(ctx, browser, fields, specs, last.get(), timeout));
    }

    private static KarakuriException mismatch(StepContext ctx, BrowserSession browser, List<FormFill.Field> fields,
                                              List<Map<String, Object>> specs, List<Object> results, Duration timeout) {
        List<Object> wrong = new ArrayList<>();
        Position first = null;
        for (int i = 0; i < fields.size() && results != null && i < results.size(); i++) {
            Map<?, ?> r = (Map<?, ?>) results.get(i);
            FormFill.Field f = fields.get(i);
            if (r.get("status") != null) {
                return Targets.problem(ctx, browser.js("find", specs.get(i)), f.target(), Targets.Kind.ANY, timeout, f.position());
            }
            if (!Boolean.TRUE.equals(r.get("ok"))) {
                first = first == null ? f.position() : first;
                wrong.add(new Text("browser.expect-value.wrong-one", ctx.mask(f.target()), ctx.mask(f.value()),
                    ctx.mask(String.valueOf(r.get("got")))));
            }
        }
        return new KarakuriException(first, null, "browser.expect-value.mismatch", Durations.format(timeout), Targets.join(wrong));
    }
}
