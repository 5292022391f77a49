package org.karakuri.robots.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;
import org.karakuri.spi.SimpleAction;
import org.karakuri.model.Doc;
import org.karakuri.model.Required;
import org.karakuri.spi.StepContext;

/**
 * {@code write-file:} writes a text to a file in an encoding. The bytes go to a temporary file
 * in the same folder, are forced to disk and renamed over the file in one step, so a reader
 * sees the old file or the new one, never a part. A character the encoding cannot hold is an
 * error naming it and its line and column, never a silent '?'. Emits {@code file-written}
 * (path, sha256, bytes, encoding).
 */
public final class WriteFile implements SimpleAction<WriteFile.Params> {

    public record Params(
        @Required @Doc(value = "The file to write, relative to the scenario's folder; missing folders are created.",
            ja = "書き込むファイル（シナリオのフォルダからの相対パス）。フォルダがなければ作ります。")
        Template path,
        @Required @Doc(value = "The text to write.", ja = "書き込む文字列。")
        Template text,
        @Doc(value = "UTF-8 (default, no BOM), Shift_JIS, Windows-31J (Shift_JIS with NEC/IBM characters like ①), EUC-JP…",
            ja = "文字コード: UTF-8（既定、BOM なし）、Shift_JIS、Windows-31J（①などの NEC/IBM 拡張文字を含む Shift_JIS）、EUC-JP など。")
        String encoding,
        @Doc(value = "When the file is already there: replace (default), fail (error, nothing written) or append.",
            ja = "ファイルが既にあるとき: replace（既定。置き換える）、fail（エラーにして書かない）、append（末尾に追加する）。")
        WriteMode onConflict) {
        public Params {
            encoding = encoding == null || encoding.isBlank() ? "UTF-8" : encoding.strip();
            charset(encoding);
            onConflict = onConflict == null ? WriteMode.REPLACE : onConflict;
        }
    }

    @Override
    public String name() {
        return "write-file";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Write a text to a file (UTF-8, Shift_JIS, Windows-31J…); readers never see half a file.";
    }

    @Override
    public String docJa() {
        return "文字列をファイルに書き込みます（UTF-8、Shift_JIS、Windows-31J など）。書きかけの状態は他から見えません。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            write-file:
              path: ./work/out/${row.受付番号}.txt
              text: |
                受付番号: ${row.受付番号}
                氏名: ${row.氏名}
              encoding: Windows-31J
            """, """
            write-file:
              path: ./work/log/処理済み.txt
              text: "${file.name}\\n"
              on-conflict: append
            """);
    }

    @Override
    public void run(Params p, StepContext ctx) {
        Path target = Places.checked(ctx, ctx.text(p.path()));
        if (Files.isDirectory(target)) {
            throw new KarakuriException("files.write-is-folder", target.toString());
        }
        Charset charset = charset(p.encoding());
        byte[] body = encode(ctx.text(p.text()), charset, p.encoding());
        Path folder = target.getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new KarakuriException((Position) null, e, "files.cannot-create-folder", folder.toString(), Places.reason(e));
        }
        String name = target.getFileName().toString();
        String sha;
        long size;
        // the folder is opened once and written through its handle: a link swapped in meanwhile is not followed
        try (OpenedFolder into = OpenedFolder.open(ctx, folder)) {
            if (p.onConflict() == WriteMode.FAIL && into.exists(name)) {
                throw new KarakuriException("files.write-exists", target.toString());
            }
            String temp = into.tempName();
            try {
                byte[] head = p.onConflict() == WriteMode.APPEND && into.exists(name) ? into.readAll(name) : new byte[0];
                sha = into.write(temp, head, body);
                size = head.length + (long) body.length;
                if (p.onConflict() == WriteMode.FAIL && into.exists(name)) {
                    throw new KarakuriException("files.write-exists", target.toString());
                }
                into.rename(temp, into, name);
            } finally {
                into.deleteQuietly(temp);
            }
        } catch (IOException e) {
            throw new KarakuriException((Position) null, e, "files.cannot-write", target.toString(), Places.reason(e));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", target.toString());
        data.put("sha256", sha);
        data.put("bytes", size);
        data.put("encoding", charset.name());
        ctx.emit("file-written", data);
    }

    static Charset charset(String name) {
        try {
            Charset c = Charset.forName(name);
            if (c.canEncode()) {
                return c;
            }
        } catch (IllegalCharsetNameException | java.nio.charset.UnsupportedCharsetException e) {
            // reported below, with the names an author can use
        }
        throw new KarakuriException("files.encoding-unknown", name);
    }

    /** The text in {@code charset}; the first character it cannot hold is an error with its line and column. */
    static byte[] encode(String text, Charset charset, String written) {
        CharsetEncoder encoder = charset.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer bytes = encoder.encode(CharBuffer.wrap(text));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (CharacterCodingException e) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                String ch = new String(Character.toChars(cp));
                if (!charset.newEncoder().canEncode(ch)) {
                    throw new KarakuriException("files.unmappable", ch, String.format(Locale.ROOT, "U+%04X", cp), written, String.valueOf(line), String.valueOf(column));
                }
                if (cp == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
                i += Character.charCount(cp);
            }
            throw new KarakuriException("files.unmappable", "?", "?", written, String.valueOf(line), String.valueOf(column));
        }
    }
}
