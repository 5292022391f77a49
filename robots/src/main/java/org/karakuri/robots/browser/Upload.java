package org.karakuri.robots.browser;

import java.util.List;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Doc;
import org.karakuri.model.Entries;
import org.karakuri.spi.StepContext;

/** {@code upload: {取込ファイル: ./work/tennyu.csv}} — hands files to file fields. */
public final class Upload extends BrowserAction<Upload.Params> {

    @Doc(value = "File fields and the file for each.", ja = "ファイル選択欄と、それぞれに渡すファイル。")
    public record Params(
        @Entries.Whole @Doc(value = "File field (label, table cell, name, id…) → path of the file, relative to the scenario.",
            ja = "ファイル選択欄（ラベル・表の見出しセル・name・id など）→ ファイルのパス（シナリオからの相対パス）。")
        Entries<Template> files) {

        public Params {
            if (files == null || files.isEmpty()) {
                throw new KarakuriException("browser.fill.empty");
            }
        }
    }

    @Override
    public String name() {
        return "upload";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Chooses files in file fields (also hidden ones behind a styled button); the file must exist under the allowed folders.";
    }

    @Override
    public String docJa() {
        return "ファイル選択欄にファイルを指定します（装飾されたボタンの裏の非表示の欄も可）。ファイルは許可されたフォルダの中に必要です。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            upload:
              取込ファイル: ./work/inbox/tennyu.csv""", """
            upload:
              name:attachment: ${file}""");
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) {
        List<FormFill.Field> fields = Fill.fields(p.files(), ctx).stream()
            .map(f -> new FormFill.Field(f.target(), FormFill.existingFile(ctx, f.value(), f.position()).toString(), f.position()))
            .toList();
        FormFill.fill(browser, ctx, fields, FormFill.Mode.UPLOAD, false);
    }
}
