package org.karakuri.robots.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;
import org.karakuri.model.Step;
import org.karakuri.model.Doc;
import org.karakuri.spi.LoopAction;
import org.karakuri.model.Reaches;
import org.karakuri.model.Required;
import org.karakuri.spi.StepContext;

/**
 * {@code for-each-file:} runs its steps once per file of a folder, one file at a time, in name
 * order. The files are those the pattern matched when the loop started ({@code total}); a file
 * that arrives later waits for the next run. Each file is claimed through Camel's file consumer
 * ({@code readLock=changed}: unchanged for {@code stable-for}, and a {@code .camelLock} marker so
 * that two engines never take the same file), its steps run with {@code ${file}} bound, and then
 * Camel moves it: to {@code done} when the steps succeeded, to {@code failed} when they failed
 * (the loop goes on with the next file). A name already taken in {@code done} or {@code failed}
 * becomes {@code a (1).csv}: nothing there is ever overwritten.
 *
 * <p>A file's steps start only after the previous file was moved, and the next file is claimed
 * only then (the engine's loop takes an item when its turn comes): a killed run leaves the file
 * in hand, and its {@code .camelLock} marker, in the folder.
 *
 * <p>Without {@code done} a processed file stays where it is, and a later run processes it again;
 * without {@code failed} a failed file stays where it is and is tried again by the next run. A
 * file still changing after the step's {@code timeout} (default 10s) is skipped and left for the
 * next run; so is a file another engine has claimed. If the engine is killed, the file being
 * processed is still in the folder and is processed again by the next run: its steps must be
 * safe to repeat (write-file replaces, move and copy with on-conflict).
 */
public final class ForEachFile implements LoopAction<ForEachFile.Params> {
    static final Duration DEFAULT_STABLE_FOR = Duration.ofSeconds(1);

    public record Params(
        @Required @Reaches(Reaches.Kind.LOCATION) @Doc(value = "The folder whose files are processed, relative to the scenario's folder; or NAME:/path on a connection (vendor:/export).",
            ja = "処理するファイルのあるフォルダ（シナリオのフォルダからの相対パス）。接続先のサーバーなら 名前:/パス（vendor:/export）。")
        Template folder,
        @Doc(value = "Which files, by name: a pattern like *.csv or 転入_*.csv (default *). Hidden files never match.",
            ja = "対象のファイル名のパターン。例: *.csv、転入_*.csv（既定 *）。隠しファイルは対象外です。")
        Template pattern,
        @Required @Doc(value = "The steps run for each file; ${file} is its path, ${file.name} its name.",
            ja = "ファイルごとに行う手順。${file} はそのパス、${file.name} はファイル名です。")
        List<Step> steps,
        @Reaches(Reaches.Kind.LOCATION) @Doc(value = "Folder a file is moved to when its steps succeeded (same disk as folder, or the same server). Without it the file stays and is processed again next run.",
            ja = "手順が成功したファイルの移動先フォルダ（folder と同じディスク、または同じサーバー）。省略するとファイルは残り、次回の実行でもう一度処理されます。")
        Template done,
        @Reaches(Reaches.Kind.LOCATION) @Doc(value = "Folder a file is moved to when its steps failed (same disk as folder, or the same server). Without it the file stays and is tried again next run.",
            ja = "手順が失敗したファイルの移動先フォルダ（folder と同じディスク、または同じサーバー）。省略するとファイルは残り、次回の実行でもう一度試されます。")
        Template failed,
        @Doc(value = "How long a file must stay unchanged to count as completely written (default 1s).",
            ja = "書き込みが終わったとみなすまで、ファイルが変化しないでいる時間（既定 1s）。")
        Duration stableFor) {
        public Params {
            stableFor = stableFor == null ? DEFAULT_STABLE_FOR : stableFor;
        }
    }

    @Override
    public String name() {
        return "for-each-file";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Run steps for each file of a folder, one at a time; move it to done or failed afterwards.";
    }

    @Override
    public String docJa() {
        return "フォルダ内のファイルごとに手順を1件ずつ行い、終わったファイルを done（成功）または failed（失敗）へ移します。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            for-each-file:
              folder: ${inbox}
              pattern: "*.csv"
              done: ./work/done/
              failed: ./work/failed/
              steps:
                - log: ${file.name} を処理します（${file.size} バイト）
                - copy:
                    from: ${file}
                    to: ./work/backup/
                    on-conflict: replace
            """);
    }

    @Override
    public List<Step> body(Params p) {
        return p.steps();
    }

    @Override
    public Items open(Params p, StepContext ctx) {
        String written = ctx.text(p.folder());
        Glob glob = Glob.of(p.pattern() == null ? "*" : ctx.text(p.pattern()), "pattern");
        Duration timeout = ctx.step().timeout() != null ? ctx.step().timeout() : ctx.timeout();
        Locations.Remote remote = Locations.remote(ctx, written);
        if (remote != null) {
            return RemoteFileLoop.open(ctx, remote, glob, p.done() == null ? null : ctx.text(p.done()),
                p.failed() == null ? null : ctx.text(p.failed()), p.stableFor(), timeout);
        }
        Path folder = Places.folder(ctx, written, "folder");
        Path done = target(ctx, p.done(), "done", folder);
        Path failed = target(ctx, p.failed(), "failed", folder);
        List<Path> files = glob.list(folder);
        for (Path f : files) {
            Places.checked(ctx, f);
        }
        return new FileLoop(ctx, folder, files, done, failed, p.stableFor(), timeout);
    }

    /** The {@code done} or {@code failed} folder: checked, created, and on the same disk as the folder read. */
    private static Path target(StepContext ctx, Template written, String key, Path folder) {
        if (written == null) {
            return null;
        }
        Path dir = Places.checked(ctx, ctx.text(written));
        if (dir.equals(folder)) {
            throw new KarakuriException("files.loop-same-folder", key, folder.toString());
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new KarakuriException((Position) null, e, "files.cannot-create-folder", dir.toString(), Places.reason(e));
        }
        try {
            if (!Files.getFileStore(dir).equals(Files.getFileStore(folder))) {
                throw new KarakuriException("files.loop-other-disk", key, dir.toString(), folder.toString());
            }
        } catch (IOException e) {
            throw new KarakuriException((Position) null, e, "files.cannot-list", dir.toString(), Places.reason(e));
        }
        return dir;
    }
}
