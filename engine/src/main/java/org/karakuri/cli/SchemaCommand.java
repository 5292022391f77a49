package org.karakuri.cli;

import org.karakuri.schema.SchemaGenerator;
import org.karakuri.spi.ActionRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./karakuri schema}: the JSON Schema of the scenario language, generated from the action registry. */
@Command(name = "schema", description = {"Print the JSON Schema of the scenario language (for editors).",
    "シナリオ言語の JSON Schema を出力します（エディタの補完用）。"})
public final class SchemaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(new SchemaGenerator(ActionRegistry.installed()).json());
    }
}
