package org.karakuri.robots.files;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.FileComponent;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.remote.RemoteFileConfiguration;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.component.file.remote.SftpComponent;
import org.apache.camel.component.file.remote.SftpConfiguration;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpOperations;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.support.DefaultExchange;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;
import org.karakuri.expr.Template;
import org.karakuri.model.Connection;
import org.karakuri.spi.StepContext;

/**
 * The scenario's SFTP connections as a run uses them: Camel's SFTP component (camel-ftp, JSch),
 * one session per connection ({@link Servers}). The
 * server's host key must have the fingerprint the scenario pinned — Camel's session is given a
 * host key repository that knows only that key, with strict checking — so an unknown or changed
 * key is refused before the user name or any secret is sent.
 */
final class Sftp {
    private static final AtomicLong IDS = new AtomicLong();

    private Sftp() {}

    /** A session to the SFTP server of connection {@code name}, its host key {@code c.hostKey()}. */
    static RemoteServer connect(StepContext ctx, String name, Connection c) {
        Credentials credentials = Credentials.of(c, ctx::text, ctx::registerSecret);
        PinnedEndpoint endpoint = PinnedEndpoint.of(ctx.camel(), name, c, credentials, null);
        SftpOperations ops = (SftpOperations) endpoint.createRemoteFileOperations();
        try {
            ops.connect(endpoint.getConfiguration(), null);
        } catch (GenericFileOperationFailedException e) {
            throw endpoint.refused(e);
        }
        return new OnServer(name, c, credentials, ctx.camel(), ops);
    }

    /** One SFTP connection's session. */
    private static final class OnServer extends RemoteServer {
        private final Credentials credentials;
        private final CamelContext camel;

        OnServer(String name, Connection connection, Credentials credentials, CamelContext camel, SftpOperations ops) {
            super(name, connection, camel, ops);
            this.credentials = credentials;
            this.camel = camel;
        }

        @Override
        PinnedEndpoint endpoint(String folder) {
            return PinnedEndpoint.of(camel, name(), connection(), credentials, folder);
        }

        @Override
        Map<String, Boolean> listing(String folder) {
            Map<String, Boolean> entries = new java.util.TreeMap<>(Glob.ORDER);
            try {
                for (SftpRemoteFile<?> f : ((SftpOperations) ops()).listFiles(folder)) {
                    String n = f.getFilename();
                    if (!n.equals(".") && !n.equals("..") && n.indexOf('/') < 0 && n.indexOf('\\') < 0) {
                        entries.put(n, f.isDirectory());
                    }
                }
            } catch (GenericFileOperationFailedException e) {
                throw failed("files.cannot-list", e, shown(folder));
            }
            return entries;
        }

        @Override
        String reason(Exception e) {
            return Sftp.reason(e, "?");
        }
    }

    /** What went wrong on the server, said with the connection's name for the message. */
    static String reason(Exception e, String user) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (m.contains("Auth fail") || m.contains("Auth cancel")) {
            return "the server refused the user " + user + " with this key or password";
        }
        return m;
    }

    /** The user and the key or password of a connection, read from secrets (each registered to be masked). */
    record Credentials(String user, String key, String password) {
        static Credentials of(Connection c, Function<Template, String> text, Consumer<String> secret) {
            String user = text.apply(c.user());
            String key = c.key() == null ? null : text.apply(c.key());
            String password = c.password() == null ? null : text.apply(c.password());
            if (key != null) {
                secret.accept(key);
            }
            if (password != null) {
                secret.accept(password);
            }
            return new Credentials(user, key, password);
        }

        @Override
        public String toString() {
            return "Credentials[" + user + "]";
        }
    }

    /**
     * Camel's SFTP endpoint for one connection, on {@code folder} of the server (where a consumer
     * polls): every session it opens — its producer's, its consumer's — checks the server's host
     * key against the pinned fingerprint only.
     */
    static final class PinnedEndpoint extends SftpEndpoint {
        private final String name;
        private final Connection connection;
        private final Credentials credentials;
        private final Pinned pinned;
        /** Told why a session could not be opened (a consumer's poll: nobody else would say it). */
        private volatile Consumer<String> problems;

        private PinnedEndpoint(String uri, SftpComponent component, SftpConfiguration config, String name, Connection c, Credentials credentials) {
            super(uri, component, config);
            this.name = name;
            this.connection = c;
            this.credentials = credentials;
            this.pinned = new Pinned(c.hostKey());
        }

        static PinnedEndpoint of(CamelContext camel, String name, Connection c, Credentials credentials, String folder) {
            SftpConfiguration config = new SftpConfiguration();
            config.setHost(c.host());
            config.setPort(c.port());
            config.setUsername(credentials.user());
            if (credentials.key() != null) {
                config.setPrivateKey(credentials.key().getBytes(StandardCharsets.UTF_8));
            } else {
                config.setPassword(credentials.password());
            }
            if (folder != null) {
                config.setDirectory(folder);
            }
            config.setUseUserKnownHostsFile(false);
            config.setStrictHostKeyChecking("yes");
            config.setStreamDownload(true);
            config.setBinary(true);
            config.setConnectTimeout(15_000);
            config.setStepwise(false);
            SftpComponent component = camel.getComponent("sftp", SftpComponent.class);
            PinnedEndpoint endpoint = new PinnedEndpoint("sftp://" + c.sftp() + "?karakuri=" + IDS.incrementAndGet(), component, config,
                name, c, credentials);
            endpoint.setCamelContext(camel);
            endpoint.setMaximumReconnectAttempts(0);
            endpoint.setFastExistsCheck(true);
            // a consumer never creates folders on someone else's server
            endpoint.setAutoCreate(false);
            return endpoint;
        }

        @Override
        public RemoteFileOperations<SftpRemoteFile> createRemoteFileOperations() {
            SftpOperations pinnedOps = new SftpOperations() {
                @Override
                protected Session createSession(RemoteFileConfiguration configuration) throws JSchException {
                    Session session = super.createSession(configuration);
                    session.setHostKeyRepository(pinned);
                    session.setConfig("StrictHostKeyChecking", "yes");
                    return session;
                }

                @Override
                public boolean connect(RemoteFileConfiguration configuration, Exchange exchange) {
                    try {
                        return super.connect(configuration, exchange);
                    } catch (GenericFileOperationFailedException e) {
                        Consumer<String> told = problems;
                        if (told != null) {
                            told.accept(refused(e).getMessage());
                        }
                        throw e;
                    }
                }
            };
            pinnedOps.setEndpoint(this);
            return pinnedOps;
        }

        /** Says why a session could not be opened to {@code told} (for a consumer's polls). */
        void onProblem(Consumer<String> told) {
            this.problems = told;
        }

        /** Why connecting failed: the host key was not the pinned one, or the reason the server or network gave. */
        KarakuriException refused(Exception e) {
            return pinned.seen != null && !pinned.matched
                ? new KarakuriException((Position) null, null, "files.sftp-host-key", name, connection.sftp(), pinned.seen, pinned.type, connection.hostKey())
                : new KarakuriException((Position) null, e, "files.sftp-cannot-connect", name, connection.sftp(), Sftp.reason(e, credentials.user()));
        }
    }

    /** A host key repository that knows one key: the fingerprint the scenario pinned. */
    static final class Pinned implements HostKeyRepository {
        private final String fingerprint;
        volatile String seen;
        volatile String type;
        volatile boolean matched;

        Pinned(String fingerprint) {
            this.fingerprint = fingerprint.replaceFirst("=$", "");
        }

        /** {@code SHA256:…} of a public key blob, as {@code ssh-keygen -lf} prints it. */
        static String fingerprint(byte[] key) {
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(AtomicFiles.sha256().digest(key));
        }

        @Override
        public int check(String host, byte[] key) {
            seen = fingerprint(key);
            ByteBuffer b = ByteBuffer.wrap(key);
            try {
                byte[] t = new byte[b.getInt()];
                b.get(t);
                type = new String(t, StandardCharsets.US_ASCII);
            } catch (RuntimeException e) {
                type = "?";
            }
            matched = seen.equals(fingerprint);
            return matched ? OK : CHANGED;
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {
            // pinned in the scenario: never learnt
        }

        @Override
        public void remove(String host, String type) {
            // pinned in the scenario
        }

        @Override
        public void remove(String host, String type, byte[] key) {
            // pinned in the scenario
        }

        @Override
        public String getKnownHostsRepositoryID() {
            return "karakuri-pinned";
        }

        @Override
        public HostKey[] getHostKey() {
            return new HostKey[0];
        }

        @Override
        public HostKey[] getHostKey(String host, String type) {
            return new HostKey[0];
        }
    }
}
