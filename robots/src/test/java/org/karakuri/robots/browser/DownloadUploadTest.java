package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karakuri.i18n.KarakuriException;

/** download: waiting for a complete file and moving it; upload: handing files to file fields. */
class DownloadUploadTest extends BrowserTest {
    private static final byte[] CSV = "受付番号,氏名\r\nR-0001,山田太郎\r\n".getBytes(StandardCharsets.UTF_8);

    private String downloadPage(String path, String fileName) {
        server.handle(path + "/file", ex -> PageServer.send(ex, 200, "text/csv", CSV,
            Map.of("Content-Disposition", "attachment; filename=\"x.csv\"; filename*=UTF-8''" + fileName)));
        return server.page(path, "<html><head><meta charset='UTF-8'><title>DL</title></head><body>"
            + "<a href='" + path + "/file'>CSVダウンロード</a></body></html>");
    }

    @Test
    void downloadsTheFileIntoAFolderAndRecordsItsHash() throws Exception {
        String url = downloadPage("/dl/a", "idou_20240501.csv");
        TestContext ctx = run("""
            - open: %s
            - download:
                click: CSVダウンロード
                to: ./work/inbox/""".formatted(url));
        Path file = dir.resolve("work/inbox/idou_20240501.csv");
        assertThat(file).hasBinaryContent(CSV);
        assertThat(ctx.events("file-written")).extracting(TestContext.Event::data)
            .containsExactly(Map.of("file", file.toString(), "sha256", Evidence.sha256(CSV), "size", (long) CSV.length));
        assertThat(browser().downloads()).isEmptyDirectory();
    }

    @Test
    void waitsUntilAFileThatArrivesSlowlyIsComplete() throws Exception {
        byte[] big = new byte[2_000_000];
        Arrays.fill(big, (byte) 'x');
        Path downloads = browser().downloads();
        server.handle("/dl/slow/file", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"big.bin\"");
            ex.sendResponseHeaders(200, big.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(big, 0, big.length / 2);
                out.flush();
                // the rest only once the browser shows it is writing a partial file
                BrowserWait.until(Duration.ofSeconds(5), () -> partialIn(downloads), () -> new IllegalStateException("no partial file"));
                out.write(big, big.length / 2, big.length - big.length / 2);
            }
        });
        String url = server.page("/dl/slow", "<html><body><a href='/dl/slow/file'>取得</a></body></html>");
        run("""
            - open: %s
            - download:
                click: 取得
                to: ./work/big.bin""".formatted(url));
        assertThat(Files.size(dir.resolve("work/big.bin"))).isEqualTo(big.length);
    }

    private static Boolean partialIn(Path downloads) {
        try (var files = Files.list(downloads)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".crdownload")) ? Boolean.TRUE : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Test
    void anExistingFileIsAnErrorUnlessRenameOrReplaceIsWritten() throws Exception {
        String url = downloadPage("/dl/b", "report.csv");
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/report.csv"), "old");
        KarakuriException e = failure("""
            - open: %s
            - download:
                click: CSVダウンロード
                to: ./out/""".formatted(url));
        assertThat(e.message(Locale.ENGLISH)).isEqualTo(dir.resolve("out/report.csv")
            + " already exists; write on-conflict: rename or replace to keep going.");
        run("""
            - open: %s
            - download:
                click: CSVダウンロード
                to: ./out/
                on-conflict: rename
            - download:
                click: CSVダウンロード
                to: ./out/report.csv
                on-conflict: replace""".formatted(url));
        assertThat(dir.resolve("out/report(2).csv")).hasBinaryContent(CSV);
        assertThat(dir.resolve("out/report.csv")).hasBinaryContent(CSV);
    }

    @Test
    void uploadsAFileThroughAFieldFoundByItsTableCellAndAHiddenOneFoundByItsLabel() throws Exception {
        Files.writeString(dir.resolve("tennyu.csv"), "受付番号\r\nR-0001\r\n");
        Files.writeString(dir.resolve("memo.txt"), "memo");
        server.page("/up/done", "<html><body>取込が完了しました</body></html>");
        String url = server.page("/up", """
            <html><head><meta charset="UTF-8"></head><body>
            <form method="post" action="/up/done" enctype="multipart/form-data">
              <table><tr><td class="label">取込ファイル：</td><td><input type="file" name="file" id="File1"></td></tr></table>
              <label for="att" class="button">添付する</label><input type="file" id="att" name="att" style="display:none">
              <input type="submit" value="取込">
            </form></body></html>""");
        run("""
            - open: %s
            - upload:
                取込ファイル: ./tennyu.csv
                添付する: memo.txt
            - click: 取込
            - expect-text: 取込が完了しました""".formatted(url));
        String body = server.requests("/up/done").get(0).text();
        assertThat(body).contains("filename=\"tennyu.csv\"", "受付番号\r\nR-0001", "filename=\"memo.txt\"", "memo");
    }

    @Test
    void uploadingAFileThatDoesNotExistIsAnErrorBeforeTouchingThePage() {
        KarakuriException e = failure("""
            - upload:
                取込ファイル: ./nothing.csv""");
        assertThat(e.message(Locale.ENGLISH)).isEqualTo("The file ./nothing.csv does not exist.");
    }
}
