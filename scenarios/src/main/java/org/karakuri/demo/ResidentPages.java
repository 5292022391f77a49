package org.karakuri.demo;

import static org.karakuri.demo.Html.cell;
import static org.karakuri.demo.Html.escape;
import static org.karakuri.demo.Html.fill;

import java.util.List;

/** The 新規登録, 登録完了, 住民検索 and 印刷プレビュー screens. */
final class ResidentPages {

    static final String CONFIRM = "登録してよろしいですか？";
    static final String NOT_FOUND = "該当するデータはありません";

    private ResidentPages() {
    }

    /** The registration form, showing {@code errors} in red above it and the values of {@code form}. */
    static String form(ResidentForm form, List<String> errors) {
        return Html.page("住民異動届 新規登録", Html.screenTitle("新規登録", "JUK0100") + Html.errors(errors) + fill("""
                <form name="frmToroku" method="post" action="/resident/new">
                <table border="1" cellspacing="0" cellpadding="4">
                <tr><td class="label">受付番号：</td><td><input type="text" name="txtUketsukeNo" id="TextBox1" size="12" maxlength="20" style="ime-mode:disabled" value="{receiptNo}"></td><td class="hint">（例：R-0001）</td></tr>
                <tr><td class="label">氏名：</td><td><input type="text" name="txtShimei" id="TextBox2" size="30" maxlength="40" style="ime-mode:active" value="{name}"></td><td class="hint">（姓と名の間は全角スペース）</td></tr>
                <tr><td class="label">フリガナ：</td><td><input type="text" name="txtKana" id="TextBox3" size="30" maxlength="60" value="{kana}"></td><td class="hint">（全角カタカナ）</td></tr>
                <tr><td class="label">生年月日：</td><td><input type="text" name="txtSeinengappi" id="TextBox4" size="20" maxlength="20" value="{birthDate}"></td><td class="hint">（例：昭和55年4月1日、1980/04/01）</td></tr>
                <tr><td class="label">性別：</td><td><select name="cmbSeibetsu" id="DropDownList1">
                <option value=""{unselected}>選択してください</option>
                <option value="1"{male}>男</option>
                <option value="2"{female}>女</option>
                </select></td><td class="hint">&nbsp;</td></tr>
                <tr><td class="label">郵便番号：</td><td><input type="text" name="txtYubin" id="TextBox5" size="10" maxlength="8" style="ime-mode:disabled" value="{postalCode}"></td><td class="hint">（例：123-4567）</td></tr>
                <tr><td class="label">住所：</td><td><input type="text" name="txtJusho" id="TextBox6" size="60" maxlength="100" value="{address}"></td><td class="hint">&nbsp;</td></tr>
                <tr><td class="label">異動日：</td><td><input type="text" name="txtIdoubi" id="TextBox7" size="20" maxlength="20" value="{moveInDate}"></td><td class="hint">（例：令和6年5月1日）</td></tr>
                <tr><td class="label">前住所：</td><td><input type="text" name="txtZenjusho" id="TextBox8" size="60" maxlength="100" value="{previousAddress}"></td><td class="hint">&nbsp;</td></tr>
                <tr><td class="label">備考：</td><td><textarea name="txaBikou" id="TextBox9" rows="3" cols="50">{note}</textarea></td><td class="hint">&nbsp;</td></tr>
                </table>
                <br>
                <input type="submit" name="btnToroku" id="Button1" value="登録" onclick="return confirm('{confirm}')">
                &nbsp;
                <input type="reset" name="btnClear" id="Button2" value="クリア">
                </form>""",
                "receiptNo", escape(form.receiptNo()),
                "name", escape(form.name()),
                "kana", escape(form.kana()),
                "birthDate", escape(form.birthDate()),
                "unselected", selected(form, ""),
                "male", selected(form, "1"),
                "female", selected(form, "2"),
                "postalCode", escape(form.postalCode()),
                "address", escape(form.address()),
                "moveInDate", escape(form.moveInDate()),
                "previousAddress", escape(form.previousAddress()),
                "note", escape(form.note()),
                "confirm", CONFIRM));
    }

    private static String selected(ResidentForm form, String code) {
        boolean chosen = ResidentForm.GENDERS.containsKey(form.genderCode())
                ? form.genderCode().equals(code)
                : code.isEmpty();
        return chosen ? " selected" : "";
    }

    static String registered(String receiptNo) {
        return Html.page("住民異動届 登録完了", Html.screenTitle("登録完了", "JUK0110") + fill("""
                <p class="message"><font color="#0000CC">登録しました（受付番号：{receiptNo}）</font></p>
                <table border="0" cellspacing="0" cellpadding="4">
                <tr><td><a href="/resident/new">続けて登録</a></td>
                <td><a href="{printUrl}" target="_blank">印刷プレビュー</a></td></tr>
                </table>""", "receiptNo", escape(receiptNo), "printUrl", escape(printUrl(receiptNo))));
    }

    static String printUrl(String receiptNo) {
        return "/resident/print?no=" + ShiftJis.urlEncode(receiptNo);
    }

    /** The search form alone, before the first search. */
    static String search(String name) {
        return Html.page("住民検索", Html.screenTitle("住民検索", "JUK0200") + searchForm(name));
    }

    /** The search form and one page of its results. */
    static String search(String name, Page<Resident> page) {
        StringBuilder html = new StringBuilder(Html.screenTitle("住民検索", "JUK0200")).append(searchForm(name));
        if (page.total() == 0) {
            html.append("<p><font color=\"#FF0000\">").append(NOT_FOUND).append("</font></p>\r\n");
            return Html.page("住民検索", html.toString());
        }
        html.append("<p>全 ").append(page.total()).append(" 件 (").append(page.number()).append('/')
                .append(page.count()).append(" ページ)</p>\r\n");
        html.append("""
                <table id="tblResult" border="1" cellspacing="0" cellpadding="3">
                <tr><th rowspan="2">受付番号</th><th colspan="2">氏名</th><th rowspan="2">生年月日</th><th rowspan="2">性別</th><th rowspan="2">住所</th></tr>
                <tr><th>漢字</th><th>カナ</th></tr>
                """);
        int row = 0;
        for (Resident r : page.items()) {
            html.append(fill("""
                    <tr bgcolor="{color}"><td><a href="{printUrl}" target="_blank">{receiptNo}</a></td><td><span class="kanji">{name}</span></td><td><span class="kana"><font size="-1">{kana}</font></span></td><td>{birthDate}</td><td align="center"><span>{gender}</span></td><td>{address}</td></tr>
                    """,
                    "color", row++ % 2 == 0 ? "#FFFFFF" : "#EEF4FF",
                    "printUrl", escape(printUrl(r.receiptNo())),
                    "receiptNo", escape(r.receiptNo()),
                    "name", cell(r.name()),
                    "kana", cell(r.kana()),
                    "birthDate", cell(r.birthDate()),
                    "gender", cell(r.gender()),
                    "address", cell(r.address())));
        }
        html.append("</table>\r\n<p>");
        html.append(page.number() > 1
                ? "<a href=\"/resident/search?page=" + (page.number() - 1) + "\">前へ</a>"
                : "<span class=\"disabled\">前へ</span>");
        html.append(" | ");
        html.append(page.number() < page.count()
                ? "<a href=\"/resident/search?page=" + (page.number() + 1) + "\">次へ</a>"
                : "<span class=\"disabled\">次へ</span>");
        html.append("</p>\r\n");
        return Html.page("住民検索", html.toString());
    }

    private static String searchForm(String name) {
        return fill("""
                <form name="frmKensaku" method="post" action="/resident/search">
                <table border="1" cellspacing="0" cellpadding="4">
                <tr><td class="label">氏名：</td><td><input type="text" name="txtKensakuShimei" id="TextBox1" size="30" value="{name}"></td>
                <td><input type="submit" name="btnKensaku" value="検索"></td></tr>
                </table>
                <font size="-1">※氏名の一部を入力してください。空欄のときは全件を表示します。</font>
                </form>
                """, "name", escape(name));
    }

    static String print(Resident r) {
        String rows = printRow("受付番号", r.receiptNo()) + printRow("氏名", r.name()) + printRow("フリガナ", r.kana())
                + printRow("生年月日", r.birthDate()) + printRow("性別", r.gender()) + printRow("郵便番号", r.postalCode())
                + printRow("住所", r.address()) + printRow("異動日", r.moveInDate())
                + printRow("前住所", r.previousAddress()) + printRow("備考", r.note());
        return Html.page("印刷プレビュー", fill("""
                <table width="600" border="0"><tr><td align="center"><font size="+1"><b>住民異動届（控）</b></font></td></tr></table>
                <br>
                <table width="600" border="1" cellspacing="0" cellpadding="6">
                {rows}</table>
                <br>
                <input type="button" value="印刷" onclick="window.print()">
                <input type="button" value="閉じる" onclick="window.close()">""", "rows", rows));
    }

    private static String printRow(String label, String value) {
        return "<tr><td class=\"label\" width=\"120\">" + label + "</td><td>"
                + cell(value).replace("\r\n", "<br>").replace("\n", "<br>") + "</td></tr>\r\n";
    }

    static String printNotFound(String receiptNo) {
        return Html.page("印刷プレビュー", "<p><font color=\"#FF0000\">受付番号 " + escape(receiptNo)
                + " は見つかりません</font></p>\r\n<input type=\"button\" value=\"閉じる\" onclick=\"window.close()\">");
    }
}
