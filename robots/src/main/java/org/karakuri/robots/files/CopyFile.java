package org.karakuri.robots.files;

import java.util.List;
import org.karakuri.expr.Template;
import org.karakuri.spi.SimpleAction;
import org.karakuri.model.Doc;
import org.karakuri.model.Reaches;
import org.karakuri.model.Required;
import org.karakuri.spi.StepContext;

/**
 * {@code copy:} copies a file, or every file a pattern matches, into a folder or to a file name.
 * Each copy is written under a temporary name in the target folder, forced to disk and renamed,
 * so a reader never sees half a file. Paths and conflicts are all checked before the first
 * file is copied; a file that is already there is never overwritten unless
 * {@code on-conflict: replace} says so. Emits {@code file-copied} (from, to, sha256) per file.
 */
public final class CopyFile implements SimpleAction<CopyFile.Params> {

    public record Params(
        @Required @Reaches(Reaches.Kind.LOCATION) @Doc(value = "The file to copy, or a pattern for its name like ${inbox}/*.csv; relative to the scenario's folder, or NAME:/path on a connection (vendor:/export/*.csv).",
            ja = "コピーするファイル、または ${inbox}/*.csv のようなファイル名のパターン（シナリオのフォルダからの相対パス）。接続先のサーバーなら 名前:/パス（vendor:/export/*.csv）。")
        Template from,
        @Required @Reaches(Reaches.Kind.LOCATION) @Doc(value = "Where to: a folder (written with a final / or already there) or a file name; or NAME:/path on a connection.",
            ja = "コピー先: フォルダ（最後に / を付けるか、既にあるフォルダ）またはファイル名。接続先のサーバーなら 名前:/パス。")
        Template to,
        @Doc(value = "When a file of that name is already there: fail (default: error, nothing copied), rename (a (1).csv) or replace.",
            ja = "コピー先に同じ名前のファイルがあるとき: fail（既定。エラーにして何もコピーしない）、rename（a (1).csv のように別名にする）、replace（置き換える）。")
        OnConflict onConflict,
        @Doc(value = "When no file matches: fail (default: error) or ok (nothing to do).",
            ja = "該当するファイルがないとき: fail（既定。エラー）または ok（何もしない）。")
        IfNone ifNone) {
        public Params {
            onConflict = onConflict == null ? OnConflict.FAIL : onConflict;
            ifNone = ifNone == null ? IfNone.FAIL : ifNone;
        }
    }

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Copy a file, or the files a pattern matches, to a folder or a file name; never overwrites unless told to.";
    }

    @Override
    public String docJa() {
        return "ファイル（またはパターンに合うファイル）をフォルダや別の名前へコピーします。指定しない限り上書きしません。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            copy:
              from: ${inbox}/*.csv
              to: ./backup/${today}/
            """, """
            copy:
              from: ./templates/報告書.xlsx
              to: ./work/報告書_${today}.xlsx
              on-conflict: replace
            """);
    }

    @Override
    public void run(Params p, StepContext ctx) {
        Transfer.run(Transfer.Kind.COPY, new Transfer.Request(p.from(), p.to(), p.onConflict(), p.ifNone()), ctx);
    }
}
