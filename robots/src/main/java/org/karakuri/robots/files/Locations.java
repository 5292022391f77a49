package org.karakuri.robots.files;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Entries;
import org.karakuri.model.Scenario;
import org.karakuri.spi.StepContext;

/**
 * Where a file action's path points: a local path, or {@code NAME:/path} on one of the
 * scenario's connections (a name of two or more characters, so {@code C:\…} stays a Windows
 * drive and {@code \\server\share\…} a Windows share).
 */
final class Locations {
    private static final Pattern REMOTE = Pattern.compile("([A-Za-z][A-Za-z0-9_-]+):(.*)", Pattern.DOTALL);

    private Locations() {}

    /** A path on a connection's server. */
    record Remote(RemoteServer server, String path) {
        String shown() {
            return server.shown(path);
        }

        /** The folder part and the name part of the path. */
        String folder() {
            return RemoteTransfer.parent(path);
        }

        String name() {
            return RemoteTransfer.leaf(path);
        }

        String child(String name) {
            return RemoteTransfer.join(path, name);
        }
    }

    /** The connection {@code written} names, or null when it is a local path. */
    static String connectionOf(String written) {
        Matcher m = REMOTE.matcher(written);
        return m.matches() ? m.group(1) : null;
    }

    /** {@code written} on a server, connected on first use; null for a local path. */
    static Remote remote(StepContext ctx, String written) {
        Matcher m = REMOTE.matcher(written);
        if (!m.matches()) {
            return null;
        }
        String name = m.group(1);
        if (ctx.scenario().connections().get(name).isEmpty()) {
            throw new KarakuriException("files.unknown-connection", name, known(ctx.scenario()));
        }
        String path = m.group(2).isEmpty() ? "." : m.group(2);
        return new Remote(Servers.server(ctx, name), path);
    }

    /** The scenario's connection names, for a message. */
    static String known(Scenario scenario) {
        Entries<?> c = scenario.connections();
        return c.isEmpty() ? "(none)" : String.join(", ", c.list().stream().map(Entries.Entry::key).toList());
    }
}
