package org.karakuri.robots.files;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.FileConstants;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.karakuri.spi.FileFields;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.i18n.Messages.Text;
import org.karakuri.model.Durations;
import org.karakuri.spi.Hashes;
import org.karakuri.spi.SimpleAction;
import org.karakuri.model.Doc;
import org.karakuri.model.Reaches;
import org.karakuri.model.Required;
import org.karakuri.spi.StepContext;

/**
 * {@code wait-for-file:} waits until a file matching the pattern is in the folder and completely
 * written: unchanged for {@code stable-for}, Camel's {@code readLock=changed} through a
 * {@code noop} consumer, so the file is only looked at, never moved or marked. A file already
 * there and complete ends the wait at once; of several, the first complete one in name order is
 * taken. With {@code into}, the file is kept in a variable
 * ({@code ${downloaded}}, {@code ${downloaded.name}}). Emits {@code file-found}.
 */
public final class WaitForFile implements SimpleAction<WaitForFile.Params> {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public record Params(
        @Required @Reaches(Reaches.Kind.LOCATION) @Doc(value = "The folder to watch, relative to the scenario's folder; or NAME:/path on a connection (vendor:/export).",
            ja = "見張るフォルダ（シナリオのフォルダからの相対パス）。接続先のサーバーなら 名前:/パス（vendor:/export）。")
        Template folder,
        @Doc(value = "Which file, by name: a pattern like 住民票_*.csv (default *). Hidden files never match.",
            ja = "待つファイル名のパターン。例: 住民票_*.csv（既定 *）。隠しファイルは対象外です。")
        Template pattern,
        @Doc(value = "How long to wait at most (default 10m).", ja = "待つ時間の上限（既定 10m）。")
        Duration timeout,
        @Doc(value = "Variable that receives the file: ${name} is its path, ${name.name} its file name.",
            ja = "見つかったファイルを入れる変数名。${変数名} はパス、${変数名.name} はファイル名です。")
        String into,
        @Doc(value = "How long the file must stay unchanged to count as completely written (default 1s).",
            ja = "書き込みが終わったとみなすまで、ファイルが変化しないでいる時間（既定 1s）。")
        Duration stableFor) {
        public Params {
            stableFor = stableFor == null ? ForEachFile.DEFAULT_STABLE_FOR : stableFor;
        }
    }

    @Override
    public String name() {
        return "wait-for-file";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Wait until a file matching a pattern is in a folder and completely written.";
    }

    @Override
    public String docJa() {
        return "パターンに合うファイルがフォルダに現れ、書き込みが終わるまで待ちます。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            wait-for-file:
              folder: ./work/downloads
              pattern: 住民票_*.csv
              timeout: 5m
              into: downloaded
            """);
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public void run(Params p, StepContext ctx) {
        String written = ctx.text(p.folder());
        Glob glob = Glob.of(p.pattern() == null ? "*" : ctx.text(p.pattern()), "pattern");
        Duration timeout = p.timeout() != null ? p.timeout() : ctx.step().timeout() != null ? ctx.step().timeout() : DEFAULT_TIMEOUT;
        Locations.Remote remote = Locations.remote(ctx, written);
        if (remote != null && !remote.server().isFolder(remote.path())) {
            throw new KarakuriException("files.not-a-folder", remote.shown(), "folder");
        }
        Path folder = remote == null ? Places.folder(ctx, written, "folder") : null;
        String shown = remote == null ? folder.toString() : remote.shown();
        CamelContext camel = ctx.camel();
        GenericFileEndpoint<?> ep;
        if (remote == null) {
            FileEndpoint local = CamelFiles.endpoint(camel, folder, f -> !f.isDirectory() && glob.matches(f.getFileNameOnly()),
                p.stableFor(), Duration.ZERO);
            local.setReadLockMarkerFile(false);
            ep = local;
        } else {
            // on a server: Camel's SFTP consumer, the host key pinned; only listed, never fetched, moved or marked
            var onServer = remote.server().endpoint(remote.path());
            CamelFiles.configure(onServer, f -> !f.isDirectory() && glob.matches(f.getFileNameOnly()), p.stableFor(), Duration.ZERO);
            onServer.setReadLockMarkerFile(false);
            onServer.setDownload(false);
            ep = onServer;
        }
        ep.setNoop(true);
        ep.setIdempotent(false);
        CamelFiles.register(camel, ep);
        ConsumerTemplate consumer = camel.createConsumerTemplate();
        ctx.progress(Messages.get().format("files.wait-progress", glob.pattern(), shown, Durations.format(timeout)));
        long t0 = System.nanoTime();
        try {
            Exchange ex;
            try {
                ex = consumer.receive(ep, timeout.toMillis());
            } catch (RuntimeException e) {
                throw CamelFiles.pollFailed(shown, e);
            }
            String found = ex == null ? null : ex.getMessage().getHeader(FileConstants.FILE_NAME_ONLY, String.class);
            Long length = ex == null ? null : ex.getMessage().getHeader(FileConstants.FILE_LENGTH, Long.class);
            if (ex != null) {
                consumer.doneUoW(ex);
            }
            if (found == null) {
                List<String> there = remote == null ? glob.list(folder).stream().map(f -> f.getFileName().toString()).toList()
                    : remote.server().files(remote.path()).stream().filter(glob::matches).toList();
                Object changing = there.isEmpty() ? "" : new Text("files.wait-still-changing", String.join(", ", there));
                throw new KarakuriException("files.wait-timeout", shown, glob.pattern(), Durations.format(timeout), changing);
            }
            FileFields fields;
            String sha256;
            if (remote == null) {
                Path file = Places.checked(ctx, folder.resolve(found));
                fields = FileFields.of(file);
                sha256 = Hashes.sha256(file);
            } else {
                String path = RemoteTransfer.join(remote.path(), found);
                fields = FileFields.remote(remote.server().name(), path, length == null ? -1 : length);
                sha256 = remote.server().sha256(path);
            }
            if (p.into() != null) {
                ctx.setVariable(p.into(), fields);
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("path", fields.location());
            data.put("size", fields.size());
            data.put("sha256", sha256);
            data.put("waited-ms", (System.nanoTime() - t0) / 1_000_000);
            ctx.emit("file-found", data);
        } finally {
            consumer.stop();
            CamelFiles.remove(camel, ep);
        }
    }
}
