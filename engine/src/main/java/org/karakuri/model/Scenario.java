package org.karakuri.model;

import java.nio.file.Path;
import java.util.List;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;

/**
 * A scenario file, loaded and valid. Built only by the loader, after every problem of the file
 * was checked; nothing of a scenario runs unless the whole file is valid.
 */
@Doc(value = "A Karakuri scenario: what the robot does, step by step.", ja = "Karakuri のシナリオ: ロボットが行う作業を手順ごとに書きます。")
public record Scenario(
    @Key("scenario") @Required @Matches(value = "[a-z0-9][a-z0-9-]*", hint = "tennyu-entry") @Doc(value = "Id: lower-case letters, digits and '-', unique in its folder.",
        ja = "ID: 英小文字・数字・'-'。フォルダ内で一意にします。")
    String id,
    @Doc(value = "A title people read.", ja = "人が読むための題名。")
    String title,
    @Doc(value = "A person's minutes per item, for the time-saved report.", ja = "1件あたりの手作業の分数（削減時間の集計に使います）。")
    Integer manualMinutes,
    @Doc(value = "Default values of variables; ./karakuri run --set name=value overrides them.",
        ja = "変数の既定値。./karakuri run --set 名前=値 で上書きできます。")
    Entries<Template> vars,
    @Doc(value = "Servers file actions reach as NAME:/path, e.g. vendor:/export/*.csv (a name of two or more characters).",
        ja = "ファイルの手順が 名前:/パス で使うサーバー。例: vendor:/export/*.csv（名前は2文字以上）。")
    Entries<Connection> connections,
    Trigger trigger,
    BrowserSettings browser,
    @Required @Doc(value = "The steps, in order.", ja = "手順（上から順に実行します）。")
    List<Step> steps,
    @Doc(value = "Steps run when the run fails, before the browser closes (e.g. a screenshot).",
        ja = "実行が失敗したときに行う手順（ブラウザを閉じる前。例: スクリーンショット）。")
    List<Step> onError,
    @Doc(value = "Columns or variables whose values never appear in clear in logs, reports or screenshots.",
        ja = "ログ・レポート・スクリーンショットに平文で出さない列名や変数名。")
    List<String> mask,
    Path file,
    Position position) {

    public Scenario {
        vars = vars == null ? Entries.empty() : vars;
        connections = connections == null ? Entries.empty() : connections;
        for (Entries.Entry<Connection> c : connections.list()) {
            if (!CONNECTION_NAME.matcher(c.key()).matches()) {
                throw new KarakuriException(c.position(), null, "connection.bad-name", c.key());
            }
        }
        browser = browser == null ? BrowserSettings.DEFAULTS : browser;
        steps = steps == null ? List.of() : List.copyOf(steps);
        onError = onError == null ? List.of() : List.copyOf(onError);
        mask = mask == null ? List.of() : List.copyOf(mask);
    }

    /** A connection's name: two or more characters, so that {@code C:} stays a Windows drive. */
    public static final java.util.regex.Pattern CONNECTION_NAME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]+");

    /** The folder relative paths in this scenario are resolved against. */
    public Path folder() {
        Path parent = file == null ? null : file.toAbsolutePath().getParent();
        return parent != null ? parent : Path.of("").toAbsolutePath();
    }
}
