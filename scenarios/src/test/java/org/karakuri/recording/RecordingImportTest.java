package org.karakuri.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.cli.Main;
import org.karakuri.i18n.Messages;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.testing.Examples;

/**
 * {@code ./karakuri import FILE.side [--to DIR]} on Selenium IDE's own recordings and on
 * hand-written ones: one valid scenario per test, targets as recorded, unknown commands listed
 * and kept as comments, bad input refused with nothing written.
 */
class RecordingImportTest {
    static final Path RECORDINGS = resource("/recordings");

    @TempDir
    Path dir;

    record Output(int exit, String out, String err) {
        List<Path> paths() {
            return out.lines().map(Path::of).toList();
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(RecordingImportTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Output karakuri(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--lang")) {
            all.addAll(0, List.of("--lang", "en"));
        }
        int exit = Main.execute(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), dir.resolve(".karakuri"));
        return new Output(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Output importInto(String recording, Path to) {
        return karakuri("import", RECORDINGS.resolve(recording).toString(), "--to", to.toString());
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyRecordingOfSeleniumIdesOwnRepositoryBecomesScenariosThatValidateAndMatchTheSchema() throws IOException {
        List<Path> recordings;
        try (Stream<Path> s = Files.list(RECORDINGS.resolve("selenium-ide"))) {
            recordings = s.filter(p -> p.toString().endsWith(".side")).sorted().toList();
        }
        assertThat(recordings).hasSizeGreaterThanOrEqualTo(25);
        var schema = Examples.schema(ActionRegistry.installed());
        ScenarioLoader loader = new ScenarioLoader();
        List<String> problems = new ArrayList<>();
        int scenarios = 0;
        for (Path side : recordings) {
            Path to = dir.resolve(side.getFileName().toString().replace(".side", ""));
            Output o = karakuri("import", side.toString(), "--to", to.toString());
            assertThat(o.exit()).as(side + ": " + o.err()).isZero();
            assertThat(o.paths()).as(side.toString()).isNotEmpty();
            for (Path p : o.paths()) {
                scenarios++;
                assertThat(p).exists().hasParent(to);
                loader.check(p).problems().forEach(x -> problems.add(x.format(Messages.of(Locale.ENGLISH))));
                Examples.schemaProblems(schema, read(p)).forEach(x -> problems.add(p + " (schema): " + x));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(scenarios).isGreaterThanOrEqualTo(60);
    }

    @Test
    void aRecordedLoginBecomesAScenarioWithTheTargetsAsRecordedHintsAndNoPassword() {
        Output o = importInto("selenium-ide/code-export-single-test.side", dir);
        assertThat(o.exit()).isZero();
        assertThat(o.out()).isEqualTo(dir.resolve("login.yaml") + "\n");
        assertThat(read(dir.resolve("login.yaml"))).isEqualTo("""
            # Imported from code-export-single-test.side (Selenium IDE), test "login". Check each step against the page before running it.
            scenario: login
            title: login
            vars:
              base: http://the-internet.herokuapp.com
            steps:
              - open: ${base}/login
              # Selenium IDE command 2 "setWindowSize 1440x1177" has no counterpart in Karakuri and was not imported: write it by hand, or leave it out
              - fill:
                  # reads better by the label a person reads beside this field (e.g. 氏名: …) instead of id:username
                  id:username: tomsmith
                  # the recorded password is not kept in the file: store it with ./karakuri secret set login.password (or set the environment variable KARAKURI_SECRET_LOGIN_PASSWORD)
                  # reads better by the label a person reads beside this field (e.g. 氏名: …) instead of id:password
                  id:password: ${secret:login.password}
              # reads better by the text of the button or link instead of css:#login button
              - click: css:#login button
              - expect-text:
                  in: css:.flash.success
                  text: You logged into a secure area!\\n×
            """);
        assertThat(read(dir.resolve("login.yaml"))).doesNotContain("SuperSecretPassword!");
        assertThat(o.err()).contains("login.yaml: command 2 'setWindowSize 1440x1177' has no counterpart")
            .contains("login.yaml: before running it, store the recorded password with ./karakuri secret set login.password "
                + "(or set the environment variable KARAKURI_SECRET_LOGIN_PASSWORD); it is not kept in the file");
    }

    @Test
    void theExampleInTheDocsIsWhatImportWritesAndPrints() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docs/recordings.md"))) {
            root = root.getParent();
        }
        String doc = read(root.resolve("docs/recordings.md"));
        java.util.regex.Matcher json = java.util.regex.Pattern.compile("```json\\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(doc);
        java.util.regex.Matcher yaml = java.util.regex.Pattern.compile("```yaml\\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(doc);
        java.util.regex.Matcher printed = java.util.regex.Pattern.compile("```\\n(log-in.yaml\\n.*?)```", java.util.regex.Pattern.DOTALL).matcher(doc);
        assertThat(json.find() && yaml.find() && printed.find()).isTrue();
        Path side = Files.writeString(dir.resolve("住民記録.side"), json.group(1));
        Path to = dir.resolve("scenarios");
        Output o = karakuri("import", side.toString(), "--to", to.toString());
        assertThat(o.exit()).isZero();
        String written = read(to.resolve("log-in.yaml"));
        assertThat(written).startsWith("# Imported from 住民記録.side (Selenium IDE), test \"Log in\".");
        assertThat(written.substring(written.indexOf('\n') + 1)).isEqualTo(yaml.group(1));
        assertThat((o.out() + o.err()).replace(to + "/", "")).isEqualTo(printed.group(1));
    }

    @Test
    void valuesThatLookLikeYamlAreQuotedSoTheyReadBackExactlyAsRecorded() throws IOException {
        List<String> values = List.of("yes", "123", "*star", "- dash", "a: b", "a #b", "[x]", "{y}", "line1\nline2", "  padded ",
            "\"quoted\"", "back\\slash", "null", "~", "0x1F", "@at", "%p", "!tag", "|bar", ">gt", "?q", "tab\there", "");
        StringBuilder commands = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            commands.append(i == 0 ? "" : ",").append("{\"command\": \"type\", \"target\": \"css=input[name='f")
                .append(i).append("'] # x: y\", \"value\": ")
                .append(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(values.get(i))).append('}');
        }
        Path side = Files.writeString(dir.resolve("tricky.side"),
            "{\"url\": \"http://a.example\", \"tests\": [{\"name\": \"tricky\", \"commands\": [" + commands + "]}]}");
        Output o = karakuri("import", side.toString(), "--to", dir.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        var fill = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(dir.resolve("tricky.yaml").toFile())
            .get("steps").get(0).get("fill");
        for (int i = 0; i < values.size(); i++) {
            assertThat(fill.get("css:input[name='f" + i + "'] # x: y").asText()).isEqualTo(values.get(i));
        }
    }

    @Test
    void namesEachScenarioAfterItsTestInKebabCaseAndPrintsThePaths() {
        Output o = importInto("selenium-ide/nginx-examples.side", dir);
        assertThat(o.exit()).isZero();
        assertThat(o.paths()).extracting(p -> p.getFileName().toString()).containsExactly("input-type-text.yaml",
            "input-type-checkbox.yaml", "input-editable.yaml", "select.yaml", "wait-implicit.yaml", "popup-alert.yaml",
            "popup-confirmation.yaml", "popup-prompt.yaml", "form-submit.yaml", "send-keys.yaml");
        assertThat(read(dir.resolve("popup-alert.yaml"))).startsWith("# Imported from nginx-examples.side")
            .contains("scenario: popup-alert\ntitle: popup alert\nvars:\n  base: http://localhost:8080\n");
    }

    @Test
    void testsWithoutAsciiLettersAreNumberedAndSameNamesGetASuffix() {
        assertThat(SideTranslator.ids(List.of("転入届の登録", "住民検索", "deleteEntry", "Delete entry", "123", "ログイン test")))
            .containsExactly("recording-1", "recording-2", "delete-entry", "delete-entry-2", "recording-3", "test");
    }

    @Test
    void aJapaneseRecordingKeepsFramesWindowsDialogsAndCallsAndSaysWhatReadsBetter() {
        Output o = importInto("hand-written/juminhyo.side", dir);
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.paths()).containsExactly(dir.resolve("recording-1.yaml"), dir.resolve("recording-2.yaml"));
        String entry = read(dir.resolve("recording-1.yaml"));
        assertThat(entry)
            .contains("title: 転入届の登録\nvars:\n  base: http://127.0.0.1:8089\n")
            .contains("  - open: ${base}/login\n")
            .contains("""
                  - fill:
                      # reads better by the label a person reads beside this field (e.g. 氏名: …) instead of id:txtUid
                      id:txtUid: clerk01
                """)
            .contains("""
                  # ログインボタン
                  # reads better as the text on the page: click: ログイン
                  - click: name:btnLogin
                  - within-frame:
                      frame: "2"
                      steps:
                        - expect-text:
                            in: css:b
                            text: メニュー
                  - within-frame:
                      frame: "1"
                      steps:
                        - click: text:新規登録
                """)
            .contains("""
                        - select:
                            # reads better by the label a person reads beside this field (e.g. 氏名: …) instead of id:DropDownList1
                            id:DropDownList1: 女
                """)
            .contains("""
                        # reads better as the text on the page: click: 登録
                        - click: id:Button1
                        - alert:
                            expect: 登録してよろしいですか？
                            then: accept
                """)
            .contains("""
                  - switch-window: new
                  - expect-text:
                      in: css:tr:nth-child(1) > td:nth-child(2)
                      text: R-0901
                    continue-on-error: true
                """)
            .contains("  - switch-window: main\n")
            .contains("# Selenium IDE command 26 \"mouseOver linkText=印刷プレビュー\" has no counterpart")
            .doesNotContain("madoguchi-2026")
            .doesNotContain("click: id:txtUid");
        assertThat(read(dir.resolve("recording-2.yaml")))
            .contains("  - call: recording-1.yaml\n")
            .contains("sendKeys id=TextBox1 ${KEY_ENTER}\" presses Enter, which Karakuri does not do: click the form's button instead");
    }

    @Test
    void everyUnknownCommandIsListedOnStderrAndKeptAsACommentInItsScenario() {
        Output o = importInto("selenium-ide/select-window.side", dir);
        assertThat(o.exit()).isZero();
        Path file = dir.resolve("select-window.yaml");
        assertThat(o.err().lines().toList()).containsExactly(
            file + ": command 2 'setWindowSize 1200x904' has no counterpart; it is kept in the file as a comment",
            file + ": command 3 'executeScript document.title = 'old page'' has no counterpart; it is kept in the file as a comment",
            file + ": command 7 'assertTitle' has no counterpart; it is kept in the file as a comment",
            file + ": command 8 'close' has no counterpart; it is kept in the file as a comment",
            file + ": command 10 'assertTitle old page' has no counterpart; it is kept in the file as a comment");
        assertThat(read(file)).contains("""
              - click: text:open new window
              - switch-window: new
              # Selenium IDE command 7 "assertTitle" has no counterpart in Karakuri and was not imported: write it by hand, or leave it out
              # Selenium IDE command 8 "close" has no counterpart in Karakuri and was not imported: write it by hand, or leave it out
              - switch-window: main
            """);
    }

    @Test
    void dialogsArmedBeforeTheClickAsOlderSeleniumIdeRecordedThemAreAnsweredAfterIt() {
        Output o = importInto("hand-written/legacy-dialogs.side", dir);
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(read(dir.resolve("delete-entry.yaml")))
            .contains("  base: https://jumin.example.lg.jp/app\n")
            .contains("""
                  - open: ${base}/entries/list
                  # reads better as the text on the page: click: 削除
                  - click: xpath://button[@title='削除']
                  - alert:
                      expect: 削除しますか
                      then: accept
                  # reads better by the text of the button or link instead of id:btnReason
                  - click: id:btnReason
                  - alert:
                      text: 理由なし
                      then: accept
                  # reads better by the text of the button or link instead of css:#btnCancel
                  - click: css:#btnCancel
                  - alert:
                      expect: 取り消しました
                      then: dismiss
                  - open: https://other.example.jp/help
                  - wait: 1500ms
                  - within-frame:
                      frame: detail
                      steps:
                        # reads better as the text on the page: check: 同意する
                        - check: id:agree
                        # reads better by the label a person reads beside this field (e.g. 氏名: …) instead of css:#notify
                        - uncheck: css:#notify
                """)
            .contains("""
                        - log: "done: ${count}"
                        - if: ${count} != '3'
                          then:
                            - fail: count is not 3
                          continue-on-error: true
                """);
        assertThat(read(dir.resolve("recording-1.yaml"))).contains("title: \"123\"").contains("  - open: ${base}/\n");
    }

    @Test
    void messagesAndCommentsAreInJapaneseWithLangJa() {
        Output o = karakuri("--lang", "ja", "import", RECORDINGS.resolve("selenium-ide/select-window.side").toString(),
            "--to", dir.toString());
        assertThat(o.exit()).isZero();
        assertThat(o.err()).contains("2 番目のコマンド「setWindowSize 1200x904」は対応する操作がないため、ファイルにコメントとして残しました");
        assertThat(read(dir.resolve("select-window.yaml")))
            .startsWith("# select-window.side（Selenium IDE）のテスト「select window」から作成しました。")
            .contains("# Selenium IDE のコマンド 8「close」は Karakuri に対応する操作がないため取り込んでいません。");
    }

    @Test
    void writesIntoTheCurrentFolderWithoutTo() {
        Path written = Path.of("check-examples.yaml").toAbsolutePath();
        assertThat(written).doesNotExist();
        try {
            Output o = karakuri("import", RECORDINGS.resolve("selenium-ide/check-examples.side").toString());
            assertThat(o.exit()).isZero();
            assertThat(o.out()).isEqualTo("check-examples.yaml\n");
            assertThat(read(written)).contains("scenario: check-examples\n");
        } finally {
            try {
                Files.deleteIfExists(written);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void aFileThatIsNotJsonIsRefusedWithItsLineAndColumnAndNothingIsWritten() throws IOException {
        Path bad = Files.writeString(dir.resolve("broken.side"), "{\n  \"tests\": [\n    {\"name\": \"a\",, }\n  ]\n}\n");
        Path to = dir.resolve("out");
        Output o = karakuri("import", bad.toString(), "--to", to.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).startsWith(bad + ":3:18: not a Selenium IDE recording: the file is not JSON (");
        assertThat(o.out()).isEmpty();
        assertThat(to).doesNotExist();
    }

    @Test
    void jsonThatIsNotASeleniumIdeRecordingIsRefused() throws IOException {
        Path json = Files.writeString(dir.resolve("package.side"), "{\"name\": \"x\", \"version\": \"1.0\"}");
        Output o = karakuri("import", json.toString(), "--to", dir.resolve("out").toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).isEqualTo(json + " is not a Selenium IDE recording: a .side file is JSON with \"tests\", each a list of \"commands\"\n");
        Path noTests = Files.writeString(dir.resolve("empty.side"), "{\"url\": \"http://a\", \"tests\": []}");
        assertThat(karakuri("import", noTests.toString()).err()).contains("has no tests; record one in Selenium IDE");
        Output missing = karakuri("import", dir.resolve("nowhere.side").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file: ").contains("nowhere.side");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void anExistingScenarioIsNeverReplacedAndNoOtherFileIsWritten() throws IOException {
        Files.writeString(dir.resolve("popup-prompt.yaml"), "scenario: mine\nsteps:\n  - log: mine\n");
        Output o = importInto("selenium-ide/nginx-examples.side", dir);
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains(dir.resolve("popup-prompt.yaml") + " already exists; nothing was written");
        assertThat(read(dir.resolve("popup-prompt.yaml"))).isEqualTo("scenario: mine\nsteps:\n  - log: mine\n");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".karakuri"))).containsOnly("popup-prompt.yaml");
        }
    }

    @Test
    void aFolderThatCannotBeWrittenIntoIsRefusedWithNothingWritten() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        Output o = importInto("selenium-ide/nginx-examples.side", file);
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("--to " + file + " is a file, not a folder\n");
        Output under = importInto("selenium-ide/nginx-examples.side", file.resolve("inside"));
        assertThat(under.exit()).isEqualTo(2);
        assertThat(under.err()).startsWith("cannot write into " + file.resolve("inside") + " (").contains("nothing was written");
        assertThat(read(file)).isEqualTo("x");
    }
}
