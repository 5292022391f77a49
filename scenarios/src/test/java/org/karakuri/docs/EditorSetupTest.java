package org.karakuri.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.karakuri.schema.SchemaGenerator;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.testing.Examples;

/**
 * docs/editor.md holds: the schema in scenarios/examples is this version's, every example names
 * it in its modeline, the workspace settings shown are the file beside the docs, and the schema
 * underlines what validate refuses (a scenario id with capitals, a choice that does not exist).
 */
class EditorSetupTest {
    private static final Path ROOT = DocsExamplesTest.findRoot();
    private static final Path EXAMPLES = ROOT.resolve("scenarios/examples");
    private static final String MODELINE = "# yaml-language-server: $schema=";

    @Test
    void theSchemaBesideTheExamplesIsWhatKarakuriSchemaPrints() throws IOException {
        assertThat(Files.readString(EXAMPLES.resolve("karakuri.schema.json"), StandardCharsets.UTF_8).strip())
            .as("scenarios/examples/karakuri.schema.json is out of date: run ./karakuri schema > scenarios/examples/karakuri.schema.json")
            .isEqualTo(new SchemaGenerator(ActionRegistry.installed()).json().strip());
    }

    @Test
    void everyExampleNamesTheSchemaInItsFirstLine() throws IOException {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            List<Path> examples = s.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertThat(examples).isNotEmpty();
            for (Path example : examples) {
                String first = Files.readAllLines(example, StandardCharsets.UTF_8).get(0);
                assertThat(first).as(example.getFileName().toString()).startsWith(MODELINE);
                assertThat(example.resolveSibling(first.substring(MODELINE.length()).strip())).as(first).exists();
            }
        }
    }

    @Test
    void theWorkspaceSettingsShownAreTheExampleFileAndMapTheSchemaToScenarioFiles() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/editor.md"), StandardCharsets.UTF_8);
        Matcher json = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(json.find()).as("docs/editor.md shows the settings").isTrue();
        String file = Files.readString(ROOT.resolve("docs/examples/vscode-settings.json"), StandardCharsets.UTF_8);
        assertThat(json.group(1)).isEqualTo(file);
        JsonNode schemas = new ObjectMapper().readTree(file).get("yaml.schemas");
        assertThat(schemas.get("./karakuri.schema.json")).isNotNull();
        assertThat(schemas.get("./karakuri.schema.json").get(0).asText()).isEqualTo("*.yaml");
        assertThat(doc).contains(MODELINE + "./karakuri.schema.json");
    }

    @Test
    void theSchemaUnderlinesWhatValidateRefuses() {
        var schema = Examples.schema(ActionRegistry.installed());
        assertThat(Examples.schemaProblems(schema, "scenario: tennyu-entry\nsteps:\n  - log: x\n")).isEmpty();
        assertThat(Examples.schemaProblems(schema, "scenario: Tennyu Entry\nsteps:\n  - log: x\n")).as("the id's pattern").isNotEmpty();
        assertThat(Examples.schemaProblems(schema, "steps:\n  - log: x\n")).as("scenario: is required").isNotEmpty();
        assertThat(Examples.schemaProblems(schema, "scenario: s\nsteps:\n  - read-table: {table: 一覧, into: r, keep: [total]}\n"))
            .as("keep: has three choices").isNotEmpty();
        assertThat(Examples.schemaProblems(schema, "scenario: s\nsteps:\n  - read-table: {table: 一覧, into: r, keep: [footer]}\n"))
            .isEmpty();
    }
}
