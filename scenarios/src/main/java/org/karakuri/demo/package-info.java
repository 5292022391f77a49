/**
 * The demo 住民記録システム (resident registry): a small web application that behaves like the old
 * systems Japanese city halls still drive by hand, for {@code ./karakuri demo} and the end-to-end
 * tests. Start it with {@link org.karakuri.demo.LegacySystem#start()}; log in as
 * {@code clerk01} / {@code karakuri}.
 *
 * <h2>What a scenario author meets</h2>
 * <table>
 * <caption>Screens</caption>
 * <tr><th>URL</th><th>screen</th><th>targets</th></tr>
 * <tr><td>{@code /login}</td><td>ログイン</td><td>{@code 利用者ID} ({@code uid}), {@code パスワード}
 *     ({@code pwd}), button {@code ログイン}; a wrong password shows
 *     {@code 利用者IDまたはパスワードが正しくありません}</td></tr>
 * <tr><td>{@code /main}</td><td>frameset</td><td>frames {@code menu} and {@code main}</td></tr>
 * <tr><td>{@code /menu}</td><td>メニュー (frame {@code menu})</td><td>links {@code 新規登録}, {@code 住民検索},
 *     {@code 異動一覧ダウンロード}, {@code ファイル取込} (into frame {@code main}), {@code ログアウト}</td></tr>
 * <tr><td>{@code /home}</td><td>frame {@code main} after login</td><td>text {@code メニュー},
 *     {@code ようこそ clerk01 さん}</td></tr>
 * <tr><td>{@code /resident/new}</td><td>新規登録</td><td>{@code 受付番号} (txtUketsukeNo), {@code 氏名}
 *     (txtShimei), {@code フリガナ} (txtKana), {@code 生年月日} (txtSeinengappi), {@code 性別} (select
 *     cmbSeibetsu: 選択してください / 男 / 女), {@code 郵便番号} (txtYubin), {@code 住所} (txtJusho),
 *     {@code 異動日} (txtIdoubi), {@code 前住所} (txtZenjusho), {@code 備考} (textarea txaBikou); button
 *     {@code 登録} asks {@code 登録してよろしいですか？} in a JavaScript confirm; then
 *     {@code 登録しました（受付番号：R-0001）}, links {@code 続けて登録} and {@code 印刷プレビュー} (new
 *     window titled {@code 印刷プレビュー})</td></tr>
 * <tr><td>{@code /resident/search}</td><td>住民検索</td><td>{@code 氏名} (partial match), button
 *     {@code 検索}; table {@code id=tblResult} with a two-row header, {@code 全 N 件 (1/2 ページ)},
 *     links {@code 前へ} / {@code 次へ}</td></tr>
 * <tr><td>{@code /download}</td><td>異動一覧ダウンロード</td><td>link {@code CSVダウンロード}:
 *     {@code idou_yyyyMMdd.csv}, Shift_JIS, CRLF</td></tr>
 * <tr><td>{@code /upload}</td><td>ファイル取込</td><td>{@code 取込ファイル} (file input {@code file}),
 *     button {@code 取込}; then {@code 取込が完了しました：name.csv（N 件）}</td></tr>
 * </table>
 *
 * <p>Labels are table cells ending in a full-width colon ({@code 氏名：}), never {@code <label>};
 * input names and ids are unrelated to them. Every page is Shift_JIS (Windows-31J). A session
 * expires after 15 minutes without a request; every page but the login then shows
 * {@code セッションの有効期限が切れました。再度ログインしてください。} with status 200.
 */
package org.karakuri.demo;
