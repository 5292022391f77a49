package org.karakuri.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.config.ConfigException;
import org.karakuri.config.EngineConfig;
import org.karakuri.i18n.Messages;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.testing.ExampleDataSources;
import org.karakuri.testing.Examples;

/** The README, the docs and the example scenarios say only what the engine accepts. */
class DocsExamplesTest {
    private static final Path ROOT = findRoot();
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;
    private ExampleDataSources dataSources;

    /** The data sources the examples name are this process's (docs/examples/engine-data-sources.yaml). */
    @BeforeEach
    void exampleDataSources() {
        dataSources = ExampleDataSources.in(dir.resolve("example-home"));
    }

    @AfterEach
    void noDataSources() {
        dataSources.close();
    }

    static Path findRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("README.ja.md")));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    @Test
    void everyYamlBlockInTheDocsIsAValidScenarioOrStep() throws IOException {
        List<String> problems = new ArrayList<>();
        ScenarioLoader loader = new ScenarioLoader();
        var schema = Examples.schema(ActionRegistry.installed());
        int blocks = 0;
        for (Path doc : documents()) {
            Matcher m = YAML_BLOCK.matcher(Files.readString(doc, StandardCharsets.UTF_8));
            while (m.find()) {
                String block = m.group(1);
                if (engineConfiguration(block)) {
                    // a part of KARAKURI_HOME/engine.yaml: the engine configuration reads it
                    Path home = Files.createDirectories(dir.resolve("home-" + (++blocks)));
                    Files.writeString(home.resolve(EngineConfig.FILE), block);
                    try {
                        EngineConfig.load(home, java.util.Map.of());
                    } catch (ConfigException e) {
                        problems.add(doc.getFileName() + " (engine.yaml): " + e.getMessage());
                    }
                    continue;
                }
                boolean scenario = block.replaceFirst("^(#[^\n]*\n)+", "").startsWith("scenario:"); // after a modeline or a comment
                String yaml = scenario ? block
                    : block.startsWith("- ") ? Examples.asScenario(block.substring(2).replace("\n  ", "\n")) : null;
                if (yaml == null) {
                    problems.add(doc.getFileName() + ": a yaml block that is neither a scenario nor a step:\n" + block);
                    continue;
                }
                blocks++;
                Path file = dir.resolve("block-" + blocks + ".yaml");
                Files.writeString(file, yaml);
                loader.check(file, doc.getFileName() + "#" + blocks).problems()
                    .forEach(p -> problems.add(p.format(Messages.of(Locale.ENGLISH))));
                String where = doc.getFileName() + "#" + blocks;
                Examples.schemaProblems(schema, yaml).forEach(p -> problems.add(where + " (schema): " + p));
            }
        }
        assertThat(blocks).isGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    /** Whether a block is a part of engine.yaml: its first key (after comments) is a section of the engine configuration. */
    static boolean engineConfiguration(String block) {
        String first = block.replaceFirst("^(#[^\n]*\n)+", "");
        return java.util.Arrays.stream(EngineConfig.class.getRecordComponents())
            .map(c -> c.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT))
            .anyMatch(k -> first.startsWith(k + ":"));
    }

    @Test
    void theActionReferenceIsWhatTheCodeSays() throws IOException {
        String generated = ActionReference.markdown(ActionRegistry.installed());
        Path doc = ROOT.resolve("docs/actions.md");
        assertThat(Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "")
            .as("docs/actions.md is out of date: run ./karakuri actions --markdown > docs/actions.md")
            .isEqualTo(generated);
    }

    @Test
    void everyExampleScenarioIsValid() throws IOException {
        List<String> problems = new ArrayList<>();
        var schema = Examples.schema(ActionRegistry.installed());
        try (Stream<Path> s = Files.walk(ROOT.resolve("scenarios/examples"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                new ScenarioLoader().check(p).problems().forEach(x -> problems.add(x.format(Messages.of(Locale.ENGLISH))));
                Examples.schemaProblems(schema, Files.readString(p)).forEach(x -> problems.add(p.getFileName() + " (schema): " + x));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyActionHasExamplesThatLoadAndMatchTheSchema() {
        assertThat(Examples.problemsOfActionExamples(ActionRegistry.installed(), dir)).isEmpty();
    }

    @Test
    void theDesignDocumentsExampleLoadsAndMatchesTheSchema() throws Exception {
        Path example = Path.of(getClass().getResource("/design/tennyu-entry.yaml").toURI());
        assertThat(new ScenarioLoader().check(example).problems()).isEmpty();
        assertThat(Examples.schemaProblems(Examples.schema(ActionRegistry.installed()), Files.readString(example))).isEmpty();
    }
}
