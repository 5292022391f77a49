package org.karakuri.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.karakuri.i18n.Messages;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.schema.SchemaGenerator;
import org.karakuri.spi.Action;
import org.karakuri.spi.ActionRegistry;

/** Checks examples: every action's own examples, and scenario files, against the loader and the JSON Schema. */
public final class Examples {
    private Examples() {}

    /** An action example (one step, without the dash) as a whole scenario. */
    public static String asScenario(String example) {
        StringBuilder b = new StringBuilder("scenario: example\nvars:\n  system: http://localhost:8089\n  inbox: ./inbox\nsteps:\n");
        String[] lines = example.stripTrailing().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            b.append(i == 0 ? "  - " : "    ").append(lines[i]).append('\n');
        }
        return b.toString();
    }

    /** Problems of every example of every action in {@code registry}, loaded as scenarios and validated by the schema. */
    public static List<String> problemsOfActionExamples(ActionRegistry registry, Path dir) {
        List<String> all = new ArrayList<>();
        JsonSchema schema = schema(registry);
        ScenarioLoader loader = new ScenarioLoader(registry);
        for (Action<?> a : registry.all()) {
            if (a.examples().isEmpty()) {
                all.add(a.name() + ": no example");
            }
            int n = 0;
            for (String ex : a.examples()) {
                String yaml = asScenario(ex);
                Path file = dir.resolve(a.name() + "-" + (n++) + ".yaml");
                try {
                    Files.writeString(file, yaml);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                loader.check(file).problems().forEach(p -> all.add(a.name() + ": " + p.format(Messages.of(Locale.ENGLISH))));
                schemaProblems(schema, yaml).forEach(p -> all.add(a.name() + " (schema): " + p));
            }
        }
        return all;
    }

    public static JsonSchema schema(ActionRegistry registry) {
        String json = new SchemaGenerator(registry).json();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(json);
    }

    public static List<String> schemaProblems(JsonSchema schema, String yaml) {
        try {
            JsonNode node = new YAMLMapper().readTree(yaml);
            Set<ValidationMessage> errors = schema.validate(node);
            return errors.stream().map(ValidationMessage::getMessage).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
