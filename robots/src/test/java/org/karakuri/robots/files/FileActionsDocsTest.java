package org.karakuri.robots.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.i18n.Messages;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.spi.Action;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.model.Doc;

/** The file actions as the docs show them: every example loads, every key is documented, every message exists in both languages. */
class FileActionsDocsTest {
    private static final List<String> NAMES = List.of("move", "copy", "wait-for-file", "for-each-file", "write-file");

    @TempDir
    Path dir;

    private static List<Action<?>> fileActions() {
        return ActionRegistry.installed().all().stream()
            .filter(a -> a.getClass().getPackageName().equals(MoveFile.class.getPackageName())).toList();
    }

    /** An action example (one step, without the dash) as a whole scenario. */
    private static String asScenario(String example) {
        StringBuilder b = new StringBuilder("scenario: example\nvars:\n  inbox: ./inbox\nsteps:\n");
        String[] lines = example.stripTrailing().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            b.append(i == 0 ? "  - " : "    ").append(lines[i]).append('\n');
        }
        return b.toString();
    }

    @Test
    void registersTheFiveFileActionsByTheirDesignNames() {
        assertThat(fileActions()).extracting(Action::name).containsExactlyInAnyOrderElementsOf(NAMES);
    }

    @Test
    void loadsEveryExampleOfEveryFileAction() throws IOException {
        ScenarioLoader loader = new ScenarioLoader();
        List<String> problems = new ArrayList<>();
        int loaded = 0;
        for (Action<?> a : fileActions()) {
            assertThat(a.examples()).as(a.name() + " examples").isNotEmpty();
            int n = 0;
            for (String example : a.examples()) {
                Path file = dir.resolve(a.name() + "-" + n++ + ".yaml");
                Files.writeString(file, asScenario(example));
                ScenarioLoader.Result r = loader.check(file);
                r.problems().forEach(p -> problems.add(a.name() + ": " + p.format(Messages.of(Locale.ENGLISH))));
                if (r.valid()) {
                    assertThat(r.scenario().steps()).singleElement().satisfies(s -> assertThat(s.action()).isEqualTo(a.name()));
                    loaded++;
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(loaded).isGreaterThanOrEqualTo(NAMES.size());
    }

    @Test
    void documentsEveryActionAndEveryKeyInEnglishAndJapanese() {
        for (Action<?> a : fileActions()) {
            assertThat(a.doc()).as(a.name()).isNotBlank();
            assertThat(a.docJa()).as(a.name()).isNotBlank().isNotEqualTo(a.doc());
            for (var c : a.paramsType().getRecordComponents()) {
                Doc d = c.getAnnotation(Doc.class);
                assertThat(d).as(a.name() + "." + c.getName()).isNotNull();
                assertThat(d.value()).isNotBlank();
                assertThat(d.ja()).as(a.name() + "." + c.getName()).isNotBlank();
            }
        }
    }

    @Test
    void everyMessageKeyTheFileActionsUseExistsInEnglishAndJapaneseAndFormats() throws IOException {
        Properties en = load("META-INF/karakuri/messages.properties");
        Properties ja = load("META-INF/karakuri/messages_ja.properties");
        Set<String> used = new TreeSet<>();
        Pattern key = Pattern.compile("\"(files\\.[a-z.-]+)\"");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/org/karakuri/robots/files"))) {
            for (Path source : sources.filter(Files::isRegularFile).toList()) {
                Matcher m = key.matcher(Files.readString(source));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(20);
        Set<String> enKeys = filesKeys(en);
        Set<String> jaKeys = filesKeys(ja);
        assertThat(enKeys).containsAll(used).isEqualTo(jaKeys);
        Object[] sample = {"a", "b", "c", "d", "e"};
        for (String k : enKeys) {
            // quotes are literal in Karakuri's messages (Messages doubles them)
            assertThat(new MessageFormat(en.getProperty(k).replace("'", "''"), Locale.ENGLISH).format(sample)).as(k).isNotBlank();
            assertThat(new MessageFormat(ja.getProperty(k).replace("'", "''"), Locale.JAPANESE).format(sample)).as(k).isNotBlank();
        }
    }

    private static Set<String> filesKeys(Properties p) {
        Set<String> keys = new TreeSet<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("files.")).forEach(keys::add);
        return keys;
    }

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(FileActionsDocsTest.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
