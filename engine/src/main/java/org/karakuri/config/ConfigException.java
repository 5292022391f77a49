package org.karakuri.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.load.Problem;

/**
 * The engine configuration cannot be used: every problem, each with its place
 * ({@code engine.yaml:3:5: capabilities.roots: …}, or the environment variable's name).
 */
public final class ConfigException extends KarakuriException {
    private final transient List<Problem> problems;

    ConfigException(Path file, List<Problem> problems) {
        super("config.invalid", file.toString());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    @Override
    public String getMessage() {
        return format(Messages.get());
    }

    @Override
    public String text() {
        return format(Messages.get());
    }

    @Override
    public String message(Locale locale) {
        return format(Messages.of(locale));
    }

    private String format(Messages m) {
        StringBuilder b = new StringBuilder(m.format(key(), args()));
        for (Problem p : problems) {
            b.append('\n');
            if (p.position().line() == 0) {
                // from the environment: the variable's name is the place
                b.append(p.position().file()).append(": ").append(p.path()).append(": ").append(m.format(p.key(), p.args().toArray()));
            } else {
                b.append(p.format(m));
            }
        }
        return b.toString();
    }
}
