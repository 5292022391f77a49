package org.karakuri.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.testing.Examples;

class SchemaGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void offersEveryActionAsAStepBranchWithItsKeys() {
        Map<String, Object> schema = new SchemaGenerator(ActionRegistry.installed()).schema();
        @SuppressWarnings("unchecked")
        Map<String, Object> defs = (Map<String, Object>) schema.get("definitions");
        for (String name : ActionRegistry.installed().names()) {
            assertThat(defs).containsKey("action-" + name);
        }
        assertThat(new SchemaGenerator(ActionRegistry.installed()).json()).contains("\"then\"").contains("\"continue-on-error\"");
    }

    @Test
    void everyActionExampleLoadsAndMatchesTheSchema() {
        assertThat(Examples.problemsOfActionExamples(ActionRegistry.installed(), dir)).isEmpty();
    }

    @Test
    void rejectsWhatTheLoaderRejects() {
        var schema = Examples.schema(ActionRegistry.installed());
        assertThat(Examples.schemaProblems(schema, "scenario: s\nsteps:\n  - lgo: x\n")).isNotEmpty();
        assertThat(Examples.schemaProblems(schema, "scenario: s\nsteps:\n  - log: x\n    colour: red\n")).isNotEmpty();
        assertThat(Examples.schemaProblems(schema, "scenario: s\nsteps:\n  - log: x\n    retry: {times: 2, wait: 1s}\n")).isEmpty();
    }
}
