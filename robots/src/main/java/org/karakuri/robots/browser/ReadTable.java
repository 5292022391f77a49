package org.karakuri.robots.browser;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Doc;
import org.karakuri.model.Required;
import org.karakuri.spi.StepContext;

/**
 * {@code read-table: {table: 検索結果, to: ./work/result.csv}} — reads an HTML table the way it
 * looks: header rows name the columns (a header spanning two columns over two sub-headers gives
 * "氏名 漢字", "氏名 カナ"), spanned cells are repeated in every row and column they cover, and a
 * cell's text is what it shows, whatever markup is inside.
 */
public final class ReadTable extends BrowserAction<ReadTable.Params> {

    /** What a clerk leaves out of a table unless told to keep it. */
    public enum Keep {
        /** The rows of {@code <tfoot>} (totals, notes). */
        FOOTER,
        /** A row of page links ({@code 1 2 3 次へ}). */
        PAGER,
        /** Columns that hold nothing but a tick box. */
        CHECKBOXES
    }

    @Doc(value = "The table, and where its rows go.", ja = "表と、その行の行き先。")
    public record Params(
        @Required @Doc(value = "The table: its caption, the heading just before it, a header cell, id, or css:….",
            ja = "表: 表題（caption）、直前の見出し、見出しセルの文字、id、または css: など。")
        Template table,
        @Doc(value = "Variable that receives the rows (a list of column → text).", ja = "行（列名 → 文字 の一覧）を入れる変数。")
        String into,
        @Doc(value = "CSV file (UTF-8, header line) to write the rows to, replaced whole.",
            ja = "行を書き出す CSV ファイル（UTF-8、1行目は見出し）。まるごと置き換えます。")
        Template to,
        @Doc(value = "What to keep that is left out otherwise: footer (rows of <tfoot>), pager (a row of page links), checkboxes (columns of tick boxes only).",
            ja = "普段は除くもののうち残すもの: footer（<tfoot> の行）、pager（ページ送りの行）、checkboxes（チェックボックスだけの列）。")
        List<Keep> keep) {

        public Params {
            keep = keep == null ? List.of() : List.copyOf(keep);
            if ((into == null || into.isBlank()) == (to == null)) {
                throw new KarakuriException("browser.read-table.into-or-to");
            }
        }
    }

    @Override
    public String name() {
        return "read-table";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Reads an HTML table (header rows, spanned cells expanded) into a variable or a UTF-8 CSV file; footer rows, a row of"
            + " page links and columns of tick boxes are left out unless keep: says otherwise.";
    }

    @Override
    public String docJa() {
        return "HTML の表を読み取り（見出し行、結合セルは展開）、変数または UTF-8 の CSV ファイルに入れます。フッターの行、ページ送りの行、"
            + "チェックボックスだけの列は、keep: で残すと書かない限り除きます。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            read-table:
              table: 受付番号
              to: ./work/results.csv""", """
            read-table:
              table: css:#tblResult
              into: results""", """
            read-table:
              table: 検索結果
              keep: [footer]
              to: ./work/results.csv""");
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) throws IOException {
        String written = ctx.text(p.table());
        Map<String, Object> spec = Targets.spec(written, Targets.Kind.TABLE);
        Map<String, Object> keep = Map.of("footer", p.keep().contains(Keep.FOOTER), "pager", p.keep().contains(Keep.PAGER),
            "checkboxes", p.keep().contains(Keep.CHECKBOXES));
        Map<String, Object> r = Targets.await(ctx, written, Targets.Kind.TABLE, () -> browser.js("table", spec, keep));
        List<String> headers = Targets.list(r.get("headers")).stream().map(String::valueOf).toList();
        List<List<String>> rows = Targets.list(r.get("rows")).stream()
            .map(row -> Targets.list(row).stream().map(String::valueOf).toList()).toList();
        if (p.into() != null && !p.into().isBlank()) {
            List<Map<String, String>> list = new ArrayList<>();
            for (List<String> row : rows) {
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < headers.size(); i++) {
                    m.put(headers.get(i), i < row.size() ? row.get(i) : "");
                }
                list.add(m);
            }
            ctx.setVariable(p.into().strip(), List.copyOf(list));
        } else {
            Path file = ctx.path(ctx.text(p.to()));
            writeCsv(file, headers, rows);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("file", file.toString());
            event.put("sha256", Evidence.sha256(file));
            event.put("rows", rows.size());
            ctx.emit("file-written", event);
        }
    }

    /** Writes beside the target and renames over it, so a reader never sees half a file. */
    static void writeCsv(Path file, List<String> headers, List<List<String>> rows) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                 CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180)) {
                csv.printRecord(headers);
                for (List<String> row : rows) {
                    csv.printRecord(row);
                }
            }
            moveAtomically(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
