package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.model.BrowserSettings;
import org.karakuri.model.Scenario;
import org.karakuri.spi.Action;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.model.Doc;

/** The browser actions as authors meet them: names, docs in both languages, examples that load, messages. */
class BrowserActionsCatalogTest {
    private static final Set<String> V1 = Set.of("open", "click", "fill", "select", "check", "uncheck", "upload", "download",
        "expect-text", "expect-value", "read", "read-table", "read-list", "within-frame", "switch-window", "alert", "wait",
        "screenshot", "close-browser");

    @TempDir
    Path dir;

    private static List<Action<?>> browserActions() {
        return ActionRegistry.installed().all().stream()
            .filter(a -> a.getClass().getPackageName().equals(BrowserSession.class.getPackageName())).toList();
    }

    @Test
    void everyV1BrowserActionIsRegisteredUnderItsName() {
        assertThat(browserActions()).extracting(Action::name).containsExactlyInAnyOrderElementsOf(V1);
    }

    @Test
    void everyActionAndEveryKeyIsDocumentedInEnglishAndJapanese() {
        for (Action<?> a : browserActions()) {
            assertThat(a.doc()).as(a.name()).isNotBlank();
            assertThat(a.docJa()).as(a.name()).isNotBlank();
            assertThat(a.paramsType().getAnnotation(Doc.class)).as(a.name()).isNotNull();
            for (RecordComponent c : a.paramsType().getRecordComponents()) {
                Doc d = c.getAnnotation(Doc.class);
                assertThat(d).as(a.name() + "." + c.getName()).isNotNull();
                assertThat(d.ja()).as(a.name() + "." + c.getName()).isNotBlank();
            }
        }
    }

    @Test
    void everyExampleLoadsAsOneStepOfItsAction() {
        ScenarioLoader loader = new ScenarioLoader(ActionRegistry.installed());
        for (Action<?> a : browserActions()) {
            assertThat(a.examples()).as(a.name()).isNotEmpty();
            for (String example : a.examples()) {
                String step = example.stripIndent().lines().map(l -> "    " + l).reduce("", (x, y) -> x + y + "\n").replaceFirst("    ", "  - ");
                String yaml = "scenario: example\nvars:\n  system: http://localhost:8089\nsteps:\n" + step;
                ScenarioLoader.Result r = loader.checkText(yaml, dir.resolve("example.yaml"));
                assertThat(r.problems()).as(yaml).isEmpty();
                assertThat(r.scenario().steps()).singleElement().satisfies(s -> assertThat(s.action()).isEqualTo(a.name()));
            }
        }
    }

    @Test
    void browserSessionIsWrittenUnderBrowserAndChecked() {
        ScenarioLoader loader = new ScenarioLoader(ActionRegistry.installed());
        Scenario s = loader.checkText("""
            scenario: t
            browser:
              timeout: 5s
              session:
                expired-text: セッションの有効期限が切れました
                expired-url: /login
                login:
                  - open: http://localhost:8089/login
                  - fill:
                      利用者ID: ${secret:legacy.user}
                  - click: ログイン
            steps:
              - click: 新規登録
            """, dir.resolve("t.yaml")).scenario();
        BrowserSettings.Session session = s.browser().session();
        assertThat(session.expiredText()).isEqualTo("セッションの有効期限が切れました");
        assertThat(session.expiredUrl()).isEqualTo("/login");
        assertThat(session.login()).extracting(org.karakuri.model.Step::action).containsExactly("open", "fill", "click");

        var noLogin = loader.checkText("""
            scenario: t
            browser:
              session:
                expired-text: セッション
            steps:
              - click: x
            """, dir.resolve("t.yaml"));
        assertThat(noLogin.problems()).singleElement().satisfies(p -> assertThat(p.toString()).contains("t.yaml:4:5"));
        var noSign = loader.checkText("""
            scenario: t
            browser:
              session:
                login:
                  - click: ログイン
            steps:
              - click: x
            """, dir.resolve("t.yaml"));
        assertThat(noSign.problems()).singleElement().satisfies(p -> assertThat(p.toString()).contains("t.yaml:4:5"));
    }

    @Test
    void everyMessageKeyTheRobotUsesExistsInEnglishAndJapanese() throws IOException {
        Properties en = messages("META-INF/karakuri/messages.properties");
        Properties ja = messages("META-INF/karakuri/messages_ja.properties");
        Set<String> enKeys = browserKeys(en);
        assertThat(browserKeys(ja)).isEqualTo(enKeys);
        Set<String> used = new TreeSet<>();
        Pattern literal = Pattern.compile("\"(browser\\.[a-z0-9.-]+[a-z0-9])\"");
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/org/karakuri/robots/browser"))) {
            for (Path f : sources.toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        Matcher m = literal.matcher(Files.readString(Path.of("../engine/src/main/java/org/karakuri/model/BrowserSettings.java")));
        while (m.find()) {
            used.add(m.group(1));
        }
        for (Targets.Kind k : Targets.Kind.values()) {
            used.add("browser.kind." + k.js);
        }
        for (String why : List.of("not-a-field", "not-a-list", "not-a-checkbox", "not-yes-no", "radio-uncheck", "too-long",
            "not-ready.disabled", "not-ready.readonly", "not-ready.no-option")) {
            used.add("browser.fill." + why);
        }
        assertThat(enKeys).containsAll(used);
    }

    private static Set<String> browserKeys(Properties p) {
        Set<String> keys = new TreeSet<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("browser.")).forEach(keys::add);
        return keys;
    }

    private static Properties messages(String resource) throws IOException {
        Properties all = new Properties();
        for (URL url : Collections.list(BrowserActionsCatalogTest.class.getClassLoader().getResources(resource))) {
            Properties p = new Properties();
            try (var in = new InputStreamReader(url.openStream(), StandardCharsets.UTF_8)) {
                p.load(in);
            }
            all.putAll(p);
        }
        return all;
    }
}
