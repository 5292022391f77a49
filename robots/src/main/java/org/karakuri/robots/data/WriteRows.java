package org.karakuri.robots.data;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.spi.Hashes;
import org.karakuri.spi.SimpleAction;
import org.karakuri.model.Doc;
import org.karakuri.model.Required;
import org.karakuri.spi.StepContext;

/**
 * {@code write-rows}: writes a list of rows (maps, such as {@code read-table} or {@code http}
 * give) to a .csv or .xlsx, columns in the order they first appear, atomically. A CSV character
 * the chosen encoding cannot hold stops the step with its row and column, never a silent
 * {@code ?}.
 */
public final class WriteRows implements SimpleAction<WriteRows.Params> {

    public record Params(
        @Required @Doc(value = "The file to write: .csv or .xlsx (replaced in one step when complete).",
            ja = "書き出すファイル（.csv または .xlsx。書き終えてから一度に置き換えます）。")
        Template to,
        @Required @Doc(value = "The rows: a variable holding a list of maps, e.g. ${found}.",
            ja = "行: マップのリストを持つ変数。例: ${found}")
        Template rows,
        @Doc(value = "CSV encoding: UTF-8 (default, no BOM) or Windows-31J (Shift_JIS).",
            ja = "CSV の文字コード: UTF-8（既定、BOM なし）または Windows-31J（Shift_JIS）。")
        String encoding) {

        public Params {
            Encodings.of(encoding);
        }
    }

    @Override
    public String name() {
        return "write-rows";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Write a list of rows (maps) to a .csv or .xlsx file.";
    }

    @Override
    public String docJa() {
        return "行（マップ）のリストを .csv または .xlsx に書き出します。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            write-rows:
              to: ./work/out/tennyu-kekka.csv
              rows: ${found}
              encoding: Windows-31J
            """);
    }

    @Override
    public void run(Params p, StepContext ctx) {
        Path target = ctx.path(ctx.text(p.to()));
        Charset charset = Encodings.of(p.encoding());
        List<Map<String, Object>> rows = rows(ctx.value(p.rows()), p.rows());
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.addAll(r.keySet()));
        List<String> columns = new ArrayList<>(names);
        try (TableWriter w = TableWriter.open(target, columns, charset, false, "Sheet1")) {
            int n = 0;
            for (Map<String, Object> r : rows) {
                n++;
                List<Object> values = new ArrayList<>(columns.size());
                for (String c : columns) {
                    values.add(r.get(c));
                }
                try {
                    w.row(values);
                } catch (TableWriter.Unmappable e) {
                    String column = columns.get(e.column);
                    boolean hidden = ctx.scenario().mask().stream().anyMatch(m -> Columns.key(m).equals(Columns.key(column)));
                    String character = hidden ? "" : "'" + new String(Character.toChars(e.codePoint)) + "' ";
                    throw new KarakuriException("data.write.unmappable", String.valueOf(target.getFileName()), n, column, character,
                        String.format("U+%04X", e.codePoint), Encodings.display(charset));
                }
            }
            w.commit();
            ctx.emit("rows-written", Map.of("file", target.toString(), "rows", rows.size(), "columns", columns.size(),
                "sha256", Hashes.sha256(target)));
        }
    }

    /** The value as rows: a list whose elements are maps or rows of a file. */
    private static List<Map<String, Object>> rows(Object value, Template written) {
        if (!(value instanceof Collection<?> list)) {
            throw new KarakuriException("data.write.not-rows", written.source(), kind(value), "${found}");
        }
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        int n = 0;
        for (Object element : list) {
            n++;
            if (element instanceof Row row) {
                out.add(row.asMap());
            } else if (element instanceof Map<?, ?> m) {
                Map<String, Object> copy = new java.util.LinkedHashMap<>();
                m.forEach((k, v) -> copy.put(String.valueOf(k), v));
                out.add(copy);
            } else {
                throw new KarakuriException("data.write.not-a-row", written.source(), n, kind(element));
            }
        }
        return out;
    }

    private static String kind(Object value) {
        return value == null ? "null" : value instanceof String ? "text" : value.getClass().getSimpleName();
    }
}
