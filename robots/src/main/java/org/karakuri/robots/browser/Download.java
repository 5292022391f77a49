package org.karakuri.robots.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.model.Durations;
import org.karakuri.model.Doc;
import org.karakuri.model.Key;
import org.karakuri.model.Required;
import org.karakuri.spi.StepContext;
import org.openqa.selenium.HasDownloads;
import org.openqa.selenium.WebDriver;

/**
 * {@code download: {click: CSVダウンロード, to: ./work/inbox/}} — clicks, waits until the browser
 * has finished writing the file (no partial file left and its size stable), then moves it to
 * {@code to} and emits {@code file-written} with its SHA-256.
 */
public final class Download extends BrowserAction<Download.Params> {

    /** What to do when {@code to} already holds a file of that name. */
    public enum OnConflict {
        /** Stop with an error (default). */
        FAIL,
        /** Keep both: name(2).csv. */
        RENAME,
        /** Overwrite the old file. */
        REPLACE
    }

    @Doc(value = "What to click, and where the file goes.", ja = "クリックするものと、ファイルの置き場所。")
    public record Params(
        @Key("click") @Required @Doc(value = "The link or button that starts the download.", ja = "ダウンロードを始めるリンクやボタン。")
        Template click,
        @Required @Doc(value = "A folder (ending in /) keeps the browser's file name; otherwise the file to write.",
            ja = "フォルダ（/ で終わる）ならブラウザのファイル名のまま置きます。それ以外はそのファイル名で置きます。")
        Template to,
        @Doc(value = "When the file exists: fail (default), rename, replace.", ja = "同名のファイルがあるとき: fail（既定）、rename、replace。")
        OnConflict onConflict) {

        public Params {
            onConflict = onConflict == null ? OnConflict.FAIL : onConflict;
        }
    }

    @Override
    public String name() {
        return "download";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Clicks a link or button and waits until the downloaded file is complete, then moves it to a folder or file.";
    }

    @Override
    public String docJa() {
        return "リンクやボタンをクリックし、ダウンロードしたファイルが完成するまで待ってから、指定のフォルダまたはファイルに移します。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            download:
              click: CSVダウンロード
              to: ./work/inbox/""", """
            download:
              click: 異動一覧
              to: ./work/idou-${today}.csv
              on-conflict: replace""");
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) throws IOException {
        String written = ctx.text(p.to());
        Path to = ctx.path(written);
        boolean folder = written.endsWith("/") || written.endsWith("\\") || Files.isDirectory(to);
        WebDriver driver = browser.driver();
        Path file;
        if (driver instanceof HasDownloads remote && browser.launch().grid() != null) {
            file = fromGrid(remote, browser, ctx, p);
        } else {
            file = local(browser, ctx, p);
        }
        Path target = folder ? to.resolve(file.getFileName().toString()) : to;
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            target = place(file, target, p.onConflict());
        } finally {
            Files.deleteIfExists(file);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("file", target.toString());
        event.put("sha256", Evidence.sha256(target));
        event.put("size", Files.size(target));
        ctx.emit("file-written", event);
    }

    private static Path local(BrowserSession browser, StepContext ctx, Params p) {
        Path dir = browser.downloads();
        Set<String> before = names(dir);
        Click.click(browser, ctx, ctx.text(p.click()));
        Map<String, Long> sizes = new HashMap<>();
        Duration timeout = ctx.timeout();
        ctx.progress(Messages.get().format("browser.download.waiting"));
        return BrowserWait.untilStalled(timeout, () -> complete(dir, before, sizes), () -> progressOf(dir),
            () -> new KarakuriException("browser.download.none", Durations.format(timeout)));
    }

    /** The new file once nothing is being written any more and its size did not change since the last look. */
    private static Path complete(Path dir, Set<String> before, Map<String, Long> sizes) {
        List<Path> all = list(dir);
        if (all.stream().anyMatch(Download::partial)) {
            return null;
        }
        Path newest = null;
        for (Path f : all) {
            if (!before.contains(f.getFileName().toString()) && (newest == null || modified(f) > modified(newest))) {
                newest = f;
            }
        }
        if (newest == null) {
            return null;
        }
        long size = size(newest);
        Long was = sizes.put(newest.getFileName().toString(), size);
        return was != null && was == size ? newest : null;
    }

    /**
     * A file the browser is still writing: Chromium's {@code .crdownload}, and the hidden
     * temporary files it creates beside it ({@code .org.chromium.Chromium.XXXXXX}).
     */
    private static boolean partial(Path f) {
        String n = f.getFileName().toString();
        return n.startsWith(".") || n.endsWith(".crdownload") || n.endsWith(".tmp") || n.endsWith(".part");
    }

    private static Path fromGrid(HasDownloads remote, BrowserSession browser, StepContext ctx, Params p) throws IOException {
        Set<String> before = remote.getDownloadedFiles().stream().map(HasDownloads.DownloadedFile::getName).collect(Collectors.toSet());
        Click.click(browser, ctx, ctx.text(p.click()));
        Duration timeout = ctx.timeout();
        Map<String, Long> sizes = new HashMap<>();
        String name = BrowserWait.until(timeout, () -> {
            for (HasDownloads.DownloadedFile f : remote.getDownloadedFiles()) {
                if (!before.contains(f.getName()) && !partial(Path.of(f.getName()))) {
                    Long was = sizes.put(f.getName(), f.getSize());
                    if (was != null && was == f.getSize()) {
                        return f.getName();
                    }
                }
            }
            return null;
        }, () -> new KarakuriException("browser.download.none", Durations.format(timeout)));
        Path dir = browser.downloads();
        remote.downloadFile(name, dir);
        return dir.resolve(name);
    }

    private static Path place(Path file, Path target, OnConflict onConflict) throws IOException {
        if (Files.exists(target)) {
            switch (onConflict) {
                case FAIL -> throw new KarakuriException("browser.download.exists", target.toString());
                case RENAME -> target = renamed(target);
                case REPLACE -> { }
            }
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException otherDisk) {
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
                ReadTable.moveAtomically(tmp, target);
                Files.delete(file);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return target;
    }

    private static Path renamed(Path target) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        Path p = target;
        for (int i = 2; Files.exists(p); i++) {
            p = target.resolveSibling(base + "(" + i + ")" + ext);
        }
        return p;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> names(Path dir) {
        return list(dir).stream().map(f -> f.getFileName().toString()).collect(Collectors.toSet());
    }

    /** What the folder holds, name and size: any change means the download is still moving. */
    private static Object progressOf(Path dir) {
        return list(dir).stream().map(f -> f.getFileName() + ":" + size(f)).sorted().toList();
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException gone) {
            return -1;
        }
    }

    private static long modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException gone) {
            return -1;
        }
    }
}
