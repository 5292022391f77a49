package org.karakuri.robots.files;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;
import org.karakuri.model.Connection;
import org.karakuri.robots.files.smb.SmbConfiguration;
import org.karakuri.robots.files.smb.SmbEndpoint;
import org.karakuri.robots.files.smb.SmbFile;
import org.karakuri.robots.files.smb.SmbOperations;
import org.karakuri.spi.StepContext;

/**
 * The scenario's Windows file shares ({@code smb: host/share}) as a run uses them: a session
 * through smbj behind Camel's remote file operations ({@link SmbOperations}), signed, and
 * encrypted where the server speaks SMB 3. A share has no host key to pin; the user and
 * password come from secrets.
 */
final class Smb {
    private Smb() {}

    /** A session to the share of connection {@code name}. */
    static RemoteServer connect(StepContext ctx, String name, Connection c) {
        SmbConfiguration config = configuration(c, ctx::text, ctx::registerSecret);
        SmbEndpoint endpoint = SmbEndpoint.of(ctx.camel(), config, null);
        SmbOperations ops = (SmbOperations) endpoint.createRemoteFileOperations();
        try {
            ops.connect(config, null);
        } catch (GenericFileOperationFailedException e) {
            throw refused(name, c, e);
        }
        return new OnShare(name, c, ctx.camel(), ops, config);
    }

    /** Why the share could not be reached, naming the connection and the share. */
    static KarakuriException refused(String name, Connection c, Exception e) {
        return new KarakuriException((Position) null, e, "files.smb-cannot-connect", name, c.shown(), e.getMessage());
    }

    /**
     * Where the share is and who signs in: the user ({@code DOMAIN\\user} or the connection's
     * {@code domain}) and password, read through {@code text} each time a session is opened (so
     * {@code serve} signs in with what the secret store holds then), the password registered to
     * be masked.
     */
    static SmbConfiguration configuration(Connection c, Function<Template, String> text, Consumer<String> secret) {
        SmbConfiguration config = new SmbConfiguration(() -> {
            String user = text.apply(c.user());
            String password = text.apply(c.password());
            secret.accept(password);
            String domain = c.domain() == null ? null : text.apply(c.domain());
            int slash = user.indexOf('\\');
            if (slash > 0 && domain == null) {
                domain = user.substring(0, slash);
                user = user.substring(slash + 1);
            }
            return new SmbConfiguration.Credentials(user, password, domain);
        });
        config.setHost(c.host());
        config.setPort(c.port());
        config.setShare(c.share());
        config.setConnectTimeout(15_000);
        return config;
    }

    /** Camel's endpoint on {@code folder} of the share, for a consumer, with a session of its own. */
    static SmbEndpoint endpoint(CamelContext camel, SmbConfiguration config, String folder) {
        return SmbEndpoint.of(camel, config.copy(), folder);
    }

    /** One share's session. */
    private static final class OnShare extends RemoteServer {
        private final SmbConfiguration config;

        OnShare(String name, Connection connection, CamelContext camel, SmbOperations ops, SmbConfiguration config) {
            super(name, connection, camel, ops);
            this.config = config;
        }

        @Override
        SmbEndpoint endpoint(String folder) {
            return Smb.endpoint(camel(), config, folder);
        }

        @Override
        Map<String, Boolean> listing(String folder) {
            Map<String, Boolean> entries = new TreeMap<>(Glob.ORDER);
            try {
                for (SmbFile f : ((SmbOperations) ops()).listFiles(folder)) {
                    entries.put(f.name(), f.isDirectory());
                }
            } catch (GenericFileOperationFailedException e) {
                throw failed("files.cannot-list", e, shown(folder));
            }
            return entries;
        }

        @Override
        String reason(Exception e) {
            return e.getMessage();
        }

        @Override
        String protection() {
            return ((SmbOperations) ops()).protection();
        }

        @Override
        org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy<SmbFile> changedReadLock(
            org.apache.camel.component.file.remote.RemoteFileEndpoint<?> ep) {
            return ((SmbEndpoint) ep).changedReadLock();
        }
    }
}
