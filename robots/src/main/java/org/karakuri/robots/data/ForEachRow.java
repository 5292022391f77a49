package org.karakuri.robots.data;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.spi.RowOutcome;
import org.karakuri.i18n.Position;
import org.karakuri.model.BrowserSettings;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;
import org.karakuri.model.Doc;
import org.karakuri.model.Entries;
import org.karakuri.i18n.Messages;
import org.karakuri.i18n.Suggest;
import org.karakuri.spi.Preflighted;
import org.karakuri.spi.Preflighted.Finding;
import org.karakuri.spi.Hashes;
import org.karakuri.spi.LoopAction;
import org.karakuri.spi.Need;
import org.karakuri.spi.RowLedger;
import org.karakuri.model.Reaches;
import org.karakuri.model.Required;
import org.karakuri.spi.StepContext;
import org.karakuri.yaml.YNode;

/**
 * {@code for-each-row}: runs its steps once for each row of a CSV or Excel file, with the row
 * as {@code ${row.列名}} and its number as {@code ${row-number}}. Rows are streamed, checked
 * before entry ({@code check}), and with a business {@code key} every outcome is kept in the
 * run ledger so a later run skips rows already done and holds back a row that was in progress
 * when a run died. {@code results} writes every row with its status, message and time (状態 /
 * メッセージ / 処理日時 in Japanese: the engine's language); rows a person must look at go to
 * {@code runs/<id>/review.csv}.
 */
public final class ForEachRow implements LoopAction<ForEachRow.Params>, Preflighted<ForEachRow.Params> {

    public record Params(
        @Doc(value = "The file of rows: .csv or .xlsx (or, instead, query: with data-source:).",
            ja = "行を読むファイル（.csv または .xlsx）。代わりに query: と data-source: でデータベースから読むこともできます。")
        Template file,
        @Doc(value = "CSV encoding: UTF-8 (default; a BOM is skipped) or Windows-31J (Shift_JIS, SJIS and MS932 mean the same).",
            ja = "CSV の文字コード: UTF-8（既定、BOM 付きも可）または Windows-31J（Shift_JIS・SJIS・MS932 も同じ扱い）。")
        String encoding,
        @Doc(value = "Excel sheet: its name or its position from 1 (default: the first sheet).",
            ja = "Excel のシート: シート名、または 1 から数えた位置（既定: 最初のシート）。")
        String sheet,
        @Doc(value = "The row holding the column names, from 1 (default 1); rows above it are skipped.",
            ja = "列名が書かれた行（1 から数える。既定 1）。それより上の行は読み飛ばします。")
        Integer headerRow,
        @Doc(value = "Business key column: rows done in an earlier run are skipped, and every outcome is kept in the run ledger.",
            ja = "業務キーの列: 以前の実行で完了した行は飛ばし、各行の結果を実行台帳に残します。")
        String key,
        @Required @Doc(value = "The steps run for each row.", ja = "各行で行う手順。")
        List<Step> steps,
        @Doc(value = "A .csv or .xlsx written with every row plus status / message / processed at (in the engine's language: 状態 / メッセージ / 処理日時 in Japanese).",
            ja = "全行に 状態 / メッセージ / 処理日時 の列を加えて書き出す .csv または .xlsx（列名と状態の語はエンジンの言語: 英語なら status / message / processed at）。")
        Template results,
        @Doc(value = "Checks before entry, column → rule or [rules]: required, my-number, date, postal-code, katakana, {max-length: N}, {pattern: regex}.",
            ja = "入力前の確認。列名 → 規則 または [規則…]: required, my-number, date, postal-code, katakana, {max-length: N}, {pattern: 正規表現}。")
        Entries<YNode> check,
        @Doc(value = "A row that was in progress when a run died: review (default: list it for a person, do not enter it) or retry (enter it again).",
            ja = "実行が止まったときに処理中だった行の扱い: review（既定: 入力せず確認対象にする）または retry（もう一度入力する）。")
        Resume resume,
        @Doc(value = "How many browsers enter rows at once (default 1), taking them from one queue: browser 1 is the run's, "
            + "browsers 2… are started for the loop and logged in by browser.session.login (each with its own account from "
            + "browser.session.accounts). Every row is entered once; results and review keep the file's order.",
            ja = "同時に行を入力するブラウザの数（既定 1）。1つの待ち行列から行を取ります。ブラウザ1は実行のもの、2以降はこのループの"
                + "ために起動し、browser.session.login でログインします（browser.session.accounts があればブラウザごとの利用者で）。"
                + "どの行も1回だけ入力し、結果ファイルと要確認ファイルはファイルの順に並びます。")
        Integer browsers,
        @Doc(value = "Instead of file: an SQL query whose rows are read, each ${…} a bound parameter; columns are named by their labels "
            + "(SELECT uketsuke_no AS 受付番号).",
            ja = "file: の代わりに、行を読む SQL。${…} はパラメーターとして渡します。列名は列のラベルです（SELECT uketsuke_no AS 受付番号）。")
        Template query,
        @Reaches(Reaches.Kind.DATA_SOURCE)
        @Doc(value = "The data source query: reads, by its name under data-sources: in engine.yaml.",
            ja = "query: を読むデータソース。engine.yaml の data-sources: に書いた名前です。")
        String dataSource) {

        /** More browsers than this is a mistake on one PC (and a lot for a Grid). */
        public static final int MAX_BROWSERS = 16;

        public Params {
            if ((file == null) == (query == null)) {
                throw new KarakuriException(file == null ? "data.no-file-or-query" : "data.file-and-query");
            }
            if (query != null && (dataSource == null || dataSource.isBlank())) {
                throw new KarakuriException("data.query-needs-data-source");
            }
            if (query == null && dataSource != null) {
                throw new KarakuriException("data.data-source-needs-query");
            }
            if (query != null && (encoding != null || sheet != null || headerRow != null)) {
                throw new KarakuriException("data.file-key-with-query",
                    encoding != null ? "encoding" : sheet != null ? "sheet" : "header-row");
            }
            browsers = browsers == null ? 1 : browsers;
            if (browsers < 1 || browsers > MAX_BROWSERS) {
                throw new KarakuriException("data.bad-browsers", browsers, MAX_BROWSERS);
            }
            if (headerRow != null && headerRow < 1) {
                throw new KarakuriException("data.bad-header-row", headerRow);
            }
            headerRow = headerRow == null ? 1 : headerRow;
            Encodings.of(encoding);
            Checks.parse(check);
            if (resume != null && (key == null || key.isBlank())) {
                throw new KarakuriException("data.resume-needs-key", resume.name().toLowerCase(java.util.Locale.ROOT));
            }
            resume = resume == null ? Resume.REVIEW : resume;
            check = check == null ? Entries.empty() : check;
        }
    }

    /** What to do with a row found in progress from a run that died. */
    public enum Resume { REVIEW, RETRY }

    @Override
    public java.util.Set<Need> needs() {
        return java.util.Set.of(Need.ROW_LEDGER);
    }

    @Override
    public String name() {
        return "for-each-row";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Run steps for each row of a CSV or Excel file, or of a query on a data source of engine.yaml (${row.列名}), "
            + "with checks, results and resume by business key.";
    }

    @Override
    public String docJa() {
        return "CSV / Excel の各行、または engine.yaml のデータソースへの query の各行について手順を行います（${row.列名}）。"
            + "入力前の確認、結果ファイル、業務キーによる再開ができます。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            for-each-row:
              file: ${inbox}/tennyu.csv
              encoding: Windows-31J
              key: 受付番号
              results: ${inbox}/tennyu-results.xlsx
              check:
                個人番号: my-number
                氏名: [required, {max-length: 20}]
                フリガナ: [required, katakana]
                生年月日: [required, date]
                郵便番号: postal-code
              steps:
                - log: ${row-number}行目 ${row.氏名} ${row.生年月日 | wareki}
            """, """
            for-each-row:
              file: ./work/転入一覧.xlsx
              sheet: 4月分
              header-row: 3
              key: 受付番号
              resume: retry
              steps:
                - log: ${row.受付番号}
            """, """
            for-each-row:
              file: ./inbox/tennyu.csv
              key: 受付番号
              browsers: 3
              results: ./out/tennyu-results.csv
              steps:
                - log: ${row.受付番号} (browser ${browser-number})
            """, """
            for-each-row:
              data-source: kikan
              query: |
                SELECT uketsuke_no AS "受付番号", shimei AS "氏名" FROM tennyu_uketsuke
                WHERE uketsuke_bi <= ${today} ORDER BY uketsuke_no
              key: 受付番号
              steps:
                - log: ${row.受付番号} ${row.氏名}
            """);
    }

    @Override
    public List<Step> body(Params p) {
        return p.steps();
    }

    @Override
    public int browsers(Params p) {
        return p.browsers();
    }

    /** Browsers 2… log in as the scenario says the system is logged in to ({@code browser.session.login}). */
    @Override
    public List<Step> browserStart(Params p, Scenario scenario) {
        BrowserSettings.Session session = scenario.browser().session();
        return session == null ? List.of() : session.login();
    }

    /** Browser {@code n}'s account ({@code ${account.user}}…): the n-th of {@code browser.session.accounts}, if any. */
    @Override
    public Map<String, Object> browserVariables(Params p, StepContext ctx, int n) {
        List<Entries<Template>> accounts = accounts(ctx);
        if (accounts.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> account = new java.util.LinkedHashMap<>();
        for (Entries.Entry<Template> e : accounts.get(n - 1).list()) {
            account.put(e.key(), ctx.text(e.value()));
        }
        return Map.of("account", account);
    }

    private static List<Entries<Template>> accounts(StepContext ctx) {
        BrowserSettings.Session session = ctx.scenario() == null ? null : ctx.scenario().browser().session();
        return session == null ? List.of() : session.accounts();
    }

    @Override
    public Items open(Params p, StepContext ctx) {
        int accounts = accounts(ctx).size();
        if (p.browsers() > 1 && accounts > 0 && accounts < p.browsers()) {
            throw new KarakuriException("data.too-few-accounts", p.browsers(), accounts);
        }
        Path file = p.file() == null ? null : ctx.path(ctx.text(p.file()));
        Path resultsFile = p.results() == null ? null : ctx.path(ctx.text(p.results()));
        if (resultsFile != null) {
            RowFiles.kind(resultsFile);
            if (file != null && resultsFile.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
                throw new KarakuriException("data.results-is-input", String.valueOf(file.getFileName()));
            }
        }
        RowSource source = file != null ? RowFiles.open(file, Encodings.of(p.encoding()), p.sheet(), p.headerRow())
            : QueryRows.open(ctx, p.dataSource(), p.query());
        String sourceName = file != null ? String.valueOf(file.getFileName()) : "data-source " + p.dataSource();
        TableWriter results = null;
        try {
            Columns columns = source.columns();
            checkColumns(p, columns, sourceName);
            RowLedger ledger = null;
            if (p.key() != null) {
                ledger = ctx.rowLedger();
                for (RowOutcome o : ledger.interruptDead(ctx.scenario().id(), ctx.run().id())) {
                    ctx.emit("row-interrupted", Map.of("key", o.key(), "run", o.runId(), "row", o.rowNumber()));
                }
            }
            Messages words = Messages.get();
            if (resultsFile != null) {
                results = TableWriter.open(resultsFile, RowItems.withStatus(columns.names(), words), java.nio.charset.StandardCharsets.UTF_8, true,
                    words.format("data.sheet.results"));
            }
            if (file != null) {
                ctx.emit("file-read", Map.of("file", file.toString(), "sha256", Hashes.sha256(file)));
            } else {
                ctx.emit("rows-queried", Map.of("data-source", p.dataSource(), "query", p.query().source(),
                    "columns", columns.listed()));
            }
            // a query's rows are not counted beforehand (that would run it twice): progress says "row n"
            int total = file != null ? count(file, Encodings.of(p.encoding()), p) : -1;
            return new RowItems(p, ctx, sourceName, source, ledger, results, masked(ctx), words, total);
        } catch (RuntimeException e) {
            source.close();
            if (results != null) {
                results.close();
            }
            throw e;
        }
    }

    /**
     * How many rows the file holds (blank ones left out), for progress as "row n/N": read once
     * more before the loop starts; -1 when that reading fails (the loop reports the problem at its row).
     */
    private static int count(Path file, Charset charset, Params p) {
        try (RowSource again = RowFiles.open(file, charset, p.sheet(), p.headerRow())) {
            int n = 0;
            while (again.next() != null) {
                n++;
            }
            return n;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The NFKC keys of the scenario's {@code mask:} entries: columns whose values never appear in clear. */
    private static Set<String> masked(StepContext ctx) {
        Set<String> keys = new HashSet<>();
        for (String m : ctx.scenario().mask()) {
            keys.add(Columns.key(m));
        }
        return keys;
    }

    /**
     * Every column the loop uses (its key, its checks, each {@code ${row.X}} of its steps) must be
     * in the file, before row 1 is entered: otherwise one error lists them all with the real headers.
     */
    private static void checkColumns(Params p, Columns columns, String sourceName) {
        List<String> missing = new ArrayList<>();
        for (Missing m : missing(p, columns, null)) {
            missing.add(m.written() + (m.at() == null ? "" : " (" + where(m.at()) + ")"));
        }
        if (!missing.isEmpty()) {
            throw new KarakuriException("data.unknown-columns", sourceName, String.join(", ", missing),
                columns.listed());
        }
    }

    /** A column the loop uses that its file does not have: how it is written ({@code key: 受付番号}, {@code ${row.氏名}}) and where. */
    private record Missing(String column, String written, Position at) {}

    private static List<Missing> missing(Params p, Columns columns, Position keyAt) {
        List<Missing> missing = new ArrayList<>();
        if (p.key() != null && !columns.has(p.key())) {
            missing.add(new Missing(p.key(), "key: " + p.key(), keyAt));
        }
        for (Checks.ColumnRules c : Checks.parse(p.check()).columns()) {
            if (!columns.has(c.column())) {
                missing.add(new Missing(c.column(), "check: " + c.column(), c.position()));
            }
        }
        for (Map.Entry<String, Position> used : RowReferences.unknown(RowReferences.of(p.steps()), columns)) {
            missing.add(new Missing(used.getKey(), "${row." + used.getKey() + "}", used.getValue()));
        }
        return missing;
    }

    /**
     * Before anything runs: when the file is already there (CSV in its encoding, or the sheet and
     * header row of an xlsx), each column the loop uses that its header lacks, at its place.
     */
    @Override
    public List<Finding> preflight(Params p, Step step, Preflighted.Context context) {
        Optional<Path> file = p.file() == null ? Optional.empty() : context.existingFile(p.file());
        if (file.isEmpty()) {
            return List.of();
        }
        Columns columns;
        try (RowSource source = RowFiles.open(file.get(), Encodings.of(p.encoding()), p.sheet(), p.headerRow())) {
            columns = source.columns();
        }
        String name = String.valueOf(file.get().getFileName());
        List<Finding> problems = new ArrayList<>();
        for (Missing m : missing(p, columns, context.place(step.position(), "key:"))) {
            Object suggestion = Suggest.closest(m.column(), columns.names())
                .<Object>map(c -> new Messages.Text("suggest.did-you-mean", c)).orElse("");
            Position at = m.written().startsWith("${") ? context.place(m.at(), "${row." + m.column()) : m.at();
            problems.add(Finding.of(at, step.path() + "." + step.action(), "data.no-such-column", m.column(), m.written(),
                name, columns.listed(), suggestion));
        }
        return problems;
    }

    /** {@code tennyu.yaml:14}: the scenario file's name and the line. */
    private static String where(Position p) {
        Path name = Path.of(p.file()).getFileName();
        return (name == null ? p.file() : name.toString()) + ":" + p.line();
    }
}
