/**
 * The data robot: {@code for-each-row} and {@code write-rows}.
 *
 * <h2>Reading rows</h2>
 * <ul>
 *   <li>{@code .csv} (Commons CSV, RFC 4180) in UTF-8 (a BOM is skipped) or Windows-31J;
 *       {@code Shift_JIS}, {@code SJIS}, {@code MS932} and {@code CP932} all mean Windows-31J, so
 *       ①, ㈱, 髙 and ～ survive. Bytes the encoding cannot decode stop the loop at the line they
 *       are on, with the encoding the file seems to be in; a UTF-8 file declared as Shift_JIS is
 *       caught before anything is read (it would decode into nonsense without an error).</li>
 *   <li>{@code .xlsx} streamed with StAX over POI's package reader: {@code sheet} by name or
 *       position from 1; dates as LocalDate (LocalDateTime, LocalTime), Japanese-era formats
 *       included; numbers as Long or BigDecimal as Excel shows them (no {@code .0}); formulas by
 *       their cached value; furigana left out; a merged header cell names every column it spans.</li>
 *   <li>{@code header-row} (from 1) holds the column names; rows above it are skipped, and so are
 *       blank rows. Names are trimmed and compared after NFKC; a repeated name is numbered
 *       ({@code 住所}, {@code 住所_2}).</li>
 * </ul>
 *
 * <h2>Variables of a row</h2>
 * {@code ${row.列名}} is a column; {@code ${row-number}} is the row's number as a spreadsheet
 * shows it (the header row and blank lines count), the same number the progress lines, the
 * results, the review file and every message use. Before row 1 is entered, every column the loop
 * uses ({@code key}, {@code check}, each {@code ${row.X}} of its steps, nested ones included) must
 * exist, or one error lists them with their lines and the file's real headers.
 *
 * <h2>Checks</h2>
 * {@code check:} maps a column to a rule or a list of rules: {@code required}, {@code my-number}
 * (12 digits, official check digit), {@code date} (what the date filters read), {@code postal-code},
 * {@code katakana} (full or half width), {@code {max-length: N}} (characters),
 * {@code {pattern: regex}} (whole value). A failing row is not entered: it is recorded
 * {@code invalid} with every reason, and the loop goes on.
 *
 * <h2>Ledger and resume</h2>
 * With {@code key:}, each row's outcome is kept in the run ledger under (scenario, key): the row
 * is marked {@code in-progress} just before its steps run and {@code done} or {@code failed} after.
 * A later run skips {@code done} rows; it enters {@code failed} and {@code invalid} rows again. A row
 * found {@code in-progress} from a process that is gone becomes {@code interrupted}: it is not
 * entered again (the legacy system may already hold it) but listed for review on every run, until
 * a run with {@code resume: retry} enters it. An empty or repeated key makes the row invalid. A
 * masked key column or a key that is a My Number is kept only as its SHA-256.
 *
 * <h2>Results and review</h2>
 * {@code results:} (.csv or .xlsx) receives every row with a status (done, failed, invalid,
 * interrupted, already done in an earlier run, in progress, not processed), a message and the time
 * appended; it is written beside and renamed over the target when the loop ends, also when it
 * fails. CSV results are UTF-8 with a BOM, so Excel opens them. Rows a person must look at (failed,
 * invalid, interrupted) also go to {@code runs/<id>/review.csv} (UTF-8 with BOM; {@code review-2.csv}
 * for a second loop in one run) with the row number and the file's name appended; there, masked
 * columns and My Numbers are replaced by {@code ********}. The added headers and the status words
 * are in the engine's language ({@code data.col.*}, {@code data.state.*}: 状態 / メッセージ / 処理日時
 * and 完了, 失敗… in Japanese); the file's own columns keep their names. Nothing reads these files
 * back: a later run resumes from the ledger, so the language may change between runs.
 */
package org.karakuri.robots.data;
