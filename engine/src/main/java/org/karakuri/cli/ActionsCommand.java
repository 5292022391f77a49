package org.karakuri.cli;

import org.karakuri.i18n.Messages;
import org.karakuri.spi.Action;
import org.karakuri.spi.ActionRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./karakuri actions}: every action a step can use, with one line of docs. */
@Command(name = "actions", description = {"List the actions a step can use.", "手順で使える操作の一覧を表示します。"})
public final class ActionsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--markdown", description = "Print the full reference as Markdown (docs/actions.md).")
    boolean markdown;

    @Override
    public void run() {
        if (markdown) {
            spec.commandLine().getOut().print(org.karakuri.docs.ActionReference.markdown(ActionRegistry.installed()));
            spec.commandLine().getOut().flush();
            return;
        }
        boolean ja = Messages.isJapanese(Messages.get().locale());
        ActionRegistry registry = ActionRegistry.installed();
        int width = registry.names().stream().mapToInt(String::length).max().orElse(10);
        for (Action<?> a : registry.all()) {
            spec.commandLine().getOut().printf("%-" + width + "s  %s%n", a.name(), ja ? a.docJa() : a.doc());
        }
    }
}
