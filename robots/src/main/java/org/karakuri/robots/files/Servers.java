package org.karakuri.robots.files;

import java.util.HashMap;
import java.util.Map;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Connection;
import org.karakuri.spi.StepContext;

/**
 * The servers a run has reached through its scenario's {@code connections:}: one session per
 * connection, opened on first use and closed when the run ends.
 */
final class Servers implements AutoCloseable {
    private final Map<String, RemoteServer> open = new HashMap<>();

    /** The run's session to the connection {@code name} (declared in the scenario), opened on first use. */
    static RemoteServer server(StepContext ctx, String name) {
        Servers sessions = ctx.resource(Servers.class, Servers::new);
        synchronized (sessions) {
            RemoteServer s = sessions.open.get(name);
            if (s == null) {
                Connection written = ctx.scenario().connections().get(name)
                    .orElseThrow(() -> new KarakuriException("files.unknown-connection", name, Locations.known(ctx.scenario())));
                if (written.isShare()) {
                    s = Smb.connect(ctx, name, written);
                } else {
                    // the key the administrator pinned in engine.yaml, or the scenario's (they must agree)
                    s = Sftp.connect(ctx, name, written.withHostKey(ctx.capabilities().hostKey(name, written)));
                }
                sessions.open.put(name, s);
                // for the auditor: which server, and how the session was protected
                java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
                data.put("connection", name);
                data.put("server", written.shown());
                data.put("protection", s.protection());
                ctx.emit("server-connected", data);
            }
            return s;
        }
    }

    @Override
    public synchronized void close() {
        open.values().forEach(RemoteServer::close);
        open.clear();
    }
}
