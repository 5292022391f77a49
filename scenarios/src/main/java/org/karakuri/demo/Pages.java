package org.karakuri.demo;

import static org.karakuri.demo.Html.escape;
import static org.karakuri.demo.Html.fill;

import java.util.List;

/** The screens around the resident forms: login, frameset, menu, session error, download, import. */
final class Pages {

    static final String LOGIN_FAILED = "利用者IDまたはパスワードが正しくありません";
    static final String SESSION_EXPIRED = "セッションの有効期限が切れました。再度ログインしてください。";

    private Pages() {
    }

    /** The login form; {@code error} is shown in red above it when not {@code null}. */
    static String login(String uid, String error) {
        String message = error == null ? ""
                : "<tr><td colspan=\"2\" align=\"center\"><font color=\"#FF0000\">" + escape(error) + "</font></td></tr>";
        return Html.page(Html.SYSTEM_NAME + " ログイン", fill("""
                <br><br>
                <center>
                <table border="0" cellspacing="0" cellpadding="0" bgcolor="#003399" width="420">
                <tr><td align="center" height="40"><font color="#FFFFFF" size="+1"><b>住民記録システム</b></font></td></tr>
                </table>
                <br>
                <form name="frmLogin" method="post" action="/login">
                <table border="0" cellspacing="2" cellpadding="4">
                {message}
                <tr><td align="right">利用者ID：</td><td><input type="text" name="uid" id="txtUid" size="20" maxlength="20" style="ime-mode:disabled" value="{uid}"></td></tr>
                <tr><td align="right">パスワード：</td><td><input type="password" name="pwd" id="txtPwd" size="20" maxlength="20" value=""></td></tr>
                <tr><td colspan="2" align="center"><input type="submit" name="btnLogin" value="ログイン"></td></tr>
                </table>
                </form>
                <hr width="420">
                <font size="-1" color="#666666">Ver 3.2.1 &nbsp; Copyright (C) 2009 ㈱からくり情報システム</font>
                </center>""", "message", message, "uid", escape(uid)));
    }

    static String frameset() {
        return "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Frameset//EN\" \"http://www.w3.org/TR/html4/frameset.dtd\">\r\n"
                + "<html lang=\"ja\">\r\n" + Html.head(Html.SYSTEM_NAME) + """
                <frameset cols="180,*">
                <frame name="menu" src="/menu" scrolling="auto">
                <frame name="main" src="/home" scrolling="auto">
                <noframes>
                <body>このページはフレームを使用しています。フレーム対応のブラウザでご覧ください。</body>
                </noframes>
                </frameset>
                </html>
                """;
    }

    static String menu(String user) {
        return Html.page("メニュー", fill("""
                <table width="100%" border="0" cellspacing="0" cellpadding="4" bgcolor="#003399">
                <tr><td><font color="#FFFFFF"><b>メニュー</b></font></td></tr>
                </table>
                <p><font size="-1">利用者：{user}</font></p>
                <table border="0" cellspacing="0" cellpadding="3">
                <tr><td>■</td><td><a href="/resident/new" target="main">新規登録</a></td></tr>
                <tr><td>■</td><td><a href="/resident/search" target="main">住民検索</a></td></tr>
                <tr><td>■</td><td><a href="/download" target="main">異動一覧ダウンロード</a></td></tr>
                <tr><td>■</td><td><a href="/upload" target="main">ファイル取込</a></td></tr>
                </table>
                <hr>
                <a href="/logout" target="_top">ログアウト</a>""", "user", escape(user)));
    }

    static String home(String user) {
        return Html.page("メニュー", Html.screenTitle("メニュー", "JUK0000") + fill("""
                <p>ようこそ {user} さん</p>
                <p>左のメニューから業務を選択してください。</p>""", "user", escape(user)));
    }

    static String sessionExpired() {
        return Html.page("セッションエラー", fill("""
                <br>
                <table border="1" cellspacing="0" cellpadding="8" bordercolor="#FF0000">
                <tr><td><font color="#FF0000">{message}</font></td></tr>
                </table>
                <p><a href="/login" target="_top">ログイン画面へ</a></p>""", "message", escape(SESSION_EXPIRED)));
    }

    static String notFound(String path) {
        return Html.page("エラー", fill("""
                <p><font color="#FF0000">指定されたページは存在しません。</font></p>
                <p>{path}</p>""", "path", escape(path)));
    }

    static String systemError() {
        return Html.page("システムエラー", """
                <p><font color="#FF0000">システムエラーが発生しました。システム管理者に連絡してください。</font></p>
                <p><a href="/login" target="_top">ログイン画面へ</a></p>""");
    }

    static String download(String day, int count) {
        return Html.page("異動一覧ダウンロード", Html.screenTitle("異動一覧ダウンロード", "JUK0400") + fill("""
                <table border="1" cellspacing="0" cellpadding="4">
                <tr><td class="label">対象日：</td><td>{day}</td></tr>
                <tr><td class="label">件数：</td><td>{count} 件</td></tr>
                </table>
                <p><a href="/download/csv">CSVダウンロード</a></p>
                <p><font size="-1">※文字コードはShift_JISです。</font></p>""", "day", escape(day), "count", String.valueOf(count)));
    }

    /** The import form, with red errors or a blue completion message above it. */
    static String upload(List<String> errors, String message) {
        String done = message == null ? ""
                : "<p class=\"message\"><font color=\"#0000CC\">" + escape(message) + "</font></p>\r\n";
        return Html.page("ファイル取込", Html.screenTitle("ファイル取込", "JUK0500") + Html.errors(errors) + done + """
                <form name="frmTorikomi" method="post" action="/upload" enctype="multipart/form-data">
                <table border="1" cellspacing="0" cellpadding="4">
                <tr><td class="label">取込ファイル：</td><td><input type="file" name="file" id="File1" size="50"></td></tr>
                </table>
                <br>
                <input type="submit" name="btnTorikomi" value="取込">
                </form>
                <p><font size="-1">※CSVファイル（Shift_JIS、1行目は見出し）を指定してください。</font></p>""");
    }
}
