package org.karakuri.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/configuration.md lists every setting, and the example engine.yaml is one the engine reads. */
class ConfigDocsTest {
    private static final Path ROOT = root();

    @TempDir
    Path home;

    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs")) && Files.exists(p.resolve("karakuri"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    @Test
    void theSettingsTableIsWhatTheCodeSays() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/configuration.md"));
        int from = doc.indexOf(ConfigReference.BEGIN);
        int to = doc.indexOf(ConfigReference.END);
        assertThat(from).as("docs/configuration.md has the generated block").isNotNegative();
        assertThat(doc.substring(from, to + ConfigReference.END.length() + 1))
            .as("regenerate the block with ./karakuri config --markdown")
            .isEqualTo(ConfigReference.markdown());
    }

    @Test
    void everyEnvironmentVariableTheCodeReadsIsDocumented() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/configuration.md"));
        Set<String> names = new TreeSet<>();
        Pattern variable = Pattern.compile("KARAKURI_[A-Z0-9_]*[A-Z0-9](?![A-Z0-9_*])");
        List<Path> sources = new ArrayList<>(List.of(ROOT.resolve("karakuri")));
        for (String module : List.of("engine", "robots", "scenarios")) {
            try (Stream<Path> s = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                s.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        for (Path p : sources) {
            Matcher m = variable.matcher(Files.readString(p));
            while (m.find()) {
                names.add(m.group());
            }
        }
        // not settings: a table's name, and secrets (KARAKURI_SECRET_<NAME>, one per secret, documented as a pattern)
        names.removeIf(n -> n.equals("KARAKURI_SCENARIO_LOCKS") || n.startsWith("KARAKURI_SECRET_"));
        assertThat(doc).contains("`KARAKURI_SECRET_LEGACY_PASSWORD`");
        assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(doc).as(n).contains("`" + n + "`"));
    }

    @Test
    void theExampleFileLoadsAndShowsEverySetting() throws IOException {
        Path example = ROOT.resolve("docs/examples/engine.yaml");
        Files.copy(example, home.resolve("engine.yaml"));
        EngineConfig asShipped = EngineConfig.load(home, Map.of());
        Files.delete(home.resolve("engine.yaml"));
        assertThat(asShipped).as("the example sets every setting to its default").isEqualTo(EngineConfig.load(home, Map.of()));
        String text = Files.readString(example);
        for (RecordComponent section : EngineConfig.class.getRecordComponents()) {
            assertThat(text).contains(ConfigReader.key(section) + ":");
            Class<?> entries = ConfigReader.entryType(section);
            if (entries != null) {
                assertThat(text).contains(section.getAnnotation(Setting.class).env());
            }
            for (RecordComponent s : (entries != null ? entries : section.getType()).getRecordComponents()) {
                Setting setting = s.getAnnotation(Setting.class);
                assertThat(text).as(s.getName()).contains(setting.env().replace("*", "<NAME>"));
            }
        }
    }
}
