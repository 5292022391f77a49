package org.karakuri.cli;

/**
 * A subcommand another module adds to {@code ./karakuri} (the demo, later the server), found
 * with {@link java.util.ServiceLoader}. {@link #command()} is a picocli {@code @Command} object.
 */
public interface CliCommand {
    String name();

    Object command();
}
