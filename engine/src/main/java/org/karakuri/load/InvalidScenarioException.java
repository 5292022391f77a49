package org.karakuri.load;

import java.util.List;
import java.util.stream.Collectors;
import org.karakuri.i18n.Messages;

/** A scenario file that must not run, with every problem found in it. */
public class InvalidScenarioException extends RuntimeException {
    private final List<Problem> problems;

    public InvalidScenarioException(List<Problem> problems) {
        super(null, null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    public String format(Messages messages) {
        return problems.stream().map(p -> p.format(messages)).collect(Collectors.joining("\n"));
    }

    @Override
    public String getMessage() {
        return format(Messages.get());
    }
}
