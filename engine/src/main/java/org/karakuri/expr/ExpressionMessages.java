package org.karakuri.expr;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The text of every message an {@link ExpressionException} can carry, in English and Japanese.
 *
 * <p>Patterns follow {@link MessageFormat}: {@code {0}} is the first argument, braces that are
 * meant literally are quoted as <code>'{'</code>. The engine merges {@link #MESSAGES} into its own
 * message bundle; {@link #format} is the stand-alone way to render one.
 */
public final class ExpressionMessages {

    /** Message key → {English pattern, Japanese pattern}. */
    public static final Map<String, String[]> MESSAGES;

    static {
        Map<String, String[]> m = new LinkedHashMap<>();
        // parsing a template
        m.put("expr.unclosed", new String[] {
            "\"$'{'\" is not closed: add \"'}'\" after the reference (write \"$$'{'\" for a literal \"$'{'\")",
            "「$'{'」が閉じていません。参照の後に「'}'」を書いてください（文字として「$'{'」を書くときは「$$'{'」）"});
        m.put("expr.empty-reference", new String[] {
            "\"$'{}'\" is empty: write a reference such as $'{'row.氏名'}'",
            "「$'{}'」の中が空です。$'{'row.氏名'}' のように参照を書いてください"});
        m.put("expr.bad-reference", new String[] {
            "\"{0}\" is not a reference: write a name such as row.氏名, file.name or today, or env:NAME, or secret:name",
            "「{0}」は参照として読めません。row.氏名、file.name、today のような名前、env:名前、secret:名前 のいずれかを書いてください"});
        m.put("expr.missing-filter", new String[] {
            "a filter name is missing after \"|\": write one of {0}",
            "「|」の後にフィルター名がありません。次のいずれかを書いてください: {0}"});
        m.put("expr.unknown-filter", new String[] {
            "unknown filter \"{0}\": did you mean \"{1}\"? Known filters: {2}",
            "「{0}」というフィルターはありません。「{1}」の誤りではありませんか。使えるフィルター: {2}"});
        m.put("expr.filter-needs-argument", new String[] {
            "filter \"{0}\" needs an argument: write {1}",
            "フィルター「{0}」には引数が必要です。{1} のように書いてください"});
        m.put("expr.filter-takes-no-argument", new String[] {
            "filter \"{0}\" takes no argument: write just {0}",
            "フィルター「{0}」は引数をとりません。{0} とだけ書いてください"});
        m.put("expr.unquoted-argument", new String[] {
            "the argument of filter \"{0}\" must be in quotes: write {0}:''{1}''",
            "フィルター「{0}」の引数は引用符で囲んでください: {0}:''{1}''"});
        m.put("expr.unclosed-quote", new String[] {
            "the quote {0} is not closed: add a matching {0}",
            "引用符 {0} が閉じていません。対になる {0} を書いてください"});
        m.put("expr.unexpected-text", new String[] {
            "unexpected \"{0}\": separate filters with \"|\" and end the reference with \"'}'\"",
            "「{0}」は読めません。フィルターは「|」で区切り、参照は「'}'」で閉じてください"});
        m.put("expr.bad-date-pattern", new String[] {
            "\"{0}\" is not a date pattern ({1}): write e.g. date:''yyyy/MM/dd''",
            "「{0}」は日付の書式として読めません（{1}）。date:''yyyy/MM/dd'' のように書いてください"});
        // evaluating a template
        m.put("expr.reference-failed", new String[] {
            "cannot read $'{'{0}'}': {1}",
            "$'{'{0}'}' を読めません: {1}"});
        m.put("expr.secret-value-invalid", new String[] {
            "the value of $'{'{0}'}' cannot be used with filter \"{1}\" (the value is not shown)",
            "$'{'{0}'}' の値はフィルター「{1}」で扱えません（値は表示しません）"});
        m.put("expr.not-a-date", new String[] {
            "\"{0}\" is not a date: write e.g. 2024-05-01, 2024/5/1 or 令和6年5月1日",
            "「{0}」は日付ではありません。2024-05-01、2024/5/1、令和6年5月1日 のように書いてください"});
        m.put("expr.invalid-date", new String[] {
            "\"{0}\" is not a date in the calendar",
            "「{0}」という日付は暦にありません"});
        m.put("expr.not-wareki", new String[] {
            "\"{0}\" is not a Japanese-era date: write e.g. 令和6年5月1日, 令和元年5月1日 or R6.5.1",
            "「{0}」は和暦の日付ではありません。令和6年5月1日、令和元年5月1日、R6.5.1 のように書いてください"});
        m.put("expr.wareki.before-meiji", new String[] {
            "{0} is before the Meiji era, which starts on {1}: it has no Japanese-era form",
            "{0} は明治（{1} から）より前の日付のため、和暦で表せません"});
        m.put("expr.wareki.era-ended", new String[] {
            "\"{0}\" does not exist: {1} ended on {2}",
            "「{0}」は存在しません。{1}は {2} で終わっています"});
        m.put("expr.wareki.era-not-begun", new String[] {
            "\"{0}\" does not exist: {1} began on {2}",
            "「{0}」は存在しません。{1}は {2} に始まっています"});
        m.put("expr.date-format-failed", new String[] {
            "cannot format \"{1}\" with the pattern \"{0}\": use only fields that the value has",
            "「{1}」を書式「{0}」で表せません。値にある項目だけを書式に使ってください"});
        // conditions
        m.put("expr.condition-empty", new String[] {
            "the condition is empty: write e.g. $'{'row.区分'}' == 転入",
            "条件が空です。$'{'row.区分'}' == 転入 のように書いてください"});
        m.put("expr.missing-operand", new String[] {
            "a value is missing next to \"{0}\": write e.g. $'{'row.区分'}' == 転入",
            "「{0}」の隣に値がありません。$'{'row.区分'}' == 転入 のように書いてください"});
        m.put("expr.unexpected-token", new String[] {
            "unexpected \"{0}\": join conditions with and / or, compare with ==, !=, <, >, contains or empty",
            "「{0}」は読めません。条件は and / or でつなぎ、==、!=、<、>、contains、empty で比べてください"});
        m.put("expr.unclosed-parenthesis", new String[] {
            "the parenthesis \"(\" is not closed: add \")\"",
            "括弧「(」が閉じていません。「)」を書いてください"});
        m.put("expr.not-a-boolean", new String[] {
            "\"{0}\" is neither true nor false: compare it, e.g. $'{'flag'}' == true, or test it with empty",
            "「{0}」は true でも false でもありません。$'{'flag'}' == true のように比べるか、empty で確かめてください"});
        m.put("expr.secret-not-a-boolean", new String[] {
            "the value of $'{'{0}'}' is neither true nor false (the value is not shown)",
            "$'{'{0}'}' の値は true でも false でもありません（値は表示しません）"});
        MESSAGES = Map.copyOf(m);
    }

    private ExpressionMessages() {}

    /**
     * Renders a message: Japanese when the locale's language is {@code ja}, English otherwise.
     * An unknown key renders as the key followed by its arguments, so nothing is lost.
     */
    public static String format(String key, Locale locale, Object... args) {
        String[] texts = MESSAGES.get(key);
        if (texts == null) {
            return key + " " + Arrays.toString(args);
        }
        boolean japanese = locale != null && "ja".equals(locale.getLanguage());
        return new MessageFormat(japanese ? texts[1] : texts[0], locale == null ? Locale.ROOT : locale).format(args);
    }
}
