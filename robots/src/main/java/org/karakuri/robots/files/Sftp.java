package org.karakuri.robots.files;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
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
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.apache.camel.component.file.remote.strategy.SftpChangedExclusiveReadLockStrategy;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.component.file.remote.SftpComponent;
import org.apache.camel.component.file.remote.SftpConfiguration;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpOperations;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.support.DefaultExchange;
import org.karakuri.robots.files.claim.ExclusiveFolders;
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

        OnServer(String name, Connection connection, Credentials credentials, CamelContext camel, SftpOperations ops) {
            super(name, connection, camel, ops);
            this.credentials = credentials;
        }

        @Override
        PinnedEndpoint endpoint(String folder) {
            return PinnedEndpoint.of(camel(), name(), connection(), credentials, folder);
        }

        @Override
        Map<String, Boolean> listing(String folder) {
            try {
                return list(folder);
            } catch (KarakuriException e) {
                // an entry another engine removed while the server listed the folder: look once more
                if (exists(folder)) {
                    return list(folder);
                }
                throw e;
            }
        }

        private Map<String, Boolean> list(String folder) {
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

        @Override
        String protection() {
            return "SSH, host key " + connection().hostKey();
        }

        @Override
        SftpChangedExclusiveReadLockStrategy changedReadLock(RemoteFileEndpoint<?> ep) {
            SftpChangedExclusiveReadLockStrategy changed = new SftpChangedExclusiveReadLockStrategy();
            changed.setTimeout(ep.getReadLockTimeout());
            changed.setCheckInterval(ep.getReadLockCheckInterval());
            changed.setMinAge(ep.getReadLockMinAge());
            changed.setMinLength(ep.getReadLockMinLength());
            changed.setFastExistsCheck(ep.isFastExistsCheck());
            changed.setReadLockLoggingLevel(ep.getReadLockLoggingLevel());
            return changed;
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
        private final java.util.function.Supplier<Credentials> credentials;
        private final Pinned pinned;
        /** Told why a session could not be opened (a consumer's poll: nobody else would say it). */
        private volatile Consumer<String> problems;

        private PinnedEndpoint(String uri, SftpComponent component, SftpConfiguration config, String name, Connection c,
                               java.util.function.Supplier<Credentials> credentials) {
            super(uri, component, config);
            this.name = name;
            this.connection = c;
            this.credentials = credentials;
            this.pinned = new Pinned(c.hostKey());
        }

        static PinnedEndpoint of(CamelContext camel, String name, Connection c, Credentials credentials, String folder) {
            return of(camel, name, c, () -> credentials, folder);
        }

        /** The same, asking {@code credentials} for the user and key or password each time a session opens (serve's folders). */
        static PinnedEndpoint of(CamelContext camel, String name, Connection c, java.util.function.Supplier<Credentials> credentials, String folder) {
            SftpConfiguration config = new SftpConfiguration() {
                @Override
                public String getUsername() {
                    return credentials.get().user();
                }

                @Override
                public String getPassword() {
                    return credentials.get().password();
                }

                @Override
                public byte[] getPrivateKey() {
                    String key = credentials.get().key();
                    return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
                }
            };
            config.setHost(c.host());
            config.setPort(c.port());
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
            PinnedOperations ops = new PinnedOperations(this);
            ops.setEndpoint(this);
            return ops;
        }

        /** Says why a session could not be opened to {@code told} (for a consumer's polls). */
        void onProblem(Consumer<String> told) {
            this.problems = told;
        }

        /** Why connecting failed: the host key was not the pinned one, or the reason the server or network gave. */
        KarakuriException refused(Exception e) {
            return pinned.seen != null && !pinned.matched
                ? new KarakuriException((Position) null, null, "files.sftp-host-key", name, connection.sftp(), pinned.seen, pinned.type, connection.hostKey())
                : new KarakuriException((Position) null, e, "files.sftp-cannot-connect", name, connection.sftp(), Sftp.reason(e, credentials.get().user()));
        }
    }

    /**
     * Camel's SFTP operations on a session that checks the pinned host key, and that can claim a
     * file with a folder created in one step ({@code mkdir} fails when the name is taken).
     */
    static final class PinnedOperations extends SftpOperations implements ExclusiveFolders {
        private final PinnedEndpoint endpoint;
        private volatile Session session;

        PinnedOperations(PinnedEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        protected Session createSession(RemoteFileConfiguration configuration) throws JSchException {
            Session s = super.createSession(configuration);
            s.setHostKeyRepository(endpoint.pinned);
            s.setConfig("StrictHostKeyChecking", "yes");
            this.session = s;
            return s;
        }

        @Override
        public boolean connect(RemoteFileConfiguration configuration, Exchange exchange) {
            try {
                return super.connect(configuration, exchange);
            } catch (GenericFileOperationFailedException e) {
                Consumer<String> told = endpoint.problems;
                if (told != null) {
                    told.accept(endpoint.refused(e).getMessage());
                }
                throw e;
            }
        }

        /** Runs {@code work} on a channel of its own on the session (Camel's channel is its own). */
        private <R> R onChannel(String what, ChannelWork<R> work) {
            Session s = session;
            if (s == null || !s.isConnected()) {
                throw new GenericFileOperationFailedException("not connected: cannot " + what);
            }
            ChannelSftp ch = null;
            try {
                ch = (ChannelSftp) s.openChannel("sftp");
                ch.connect(15_000);
                return work.on(ch);
            } catch (JSchException | SftpException e) {
                throw new GenericFileOperationFailedException("cannot " + what + ": " + e.getMessage(), e);
            } finally {
                if (ch != null) {
                    ch.disconnect();
                }
            }
        }

        /**
         * The claim is made in a folder of its own ({@code marker.tmp-owner}, holding the owner's
         * file) and renamed to {@code marker}, which the server refuses when {@code marker} (never
         * empty) is there: a claim in place always names its owner.
         */
        @Override
        public boolean claim(String marker, String owner) {
            String tmp = ExclusiveFolders.unfinished(marker, owner);
            return onChannel("claim " + marker, ch -> {
                ch.mkdir(tmp);
                ch.put(new java.io.ByteArrayInputStream(new byte[0]), tmp + "/" + owner);
                try {
                    ch.rename(tmp, marker);
                    return true;
                } catch (SftpException e) {
                    try {
                        ch.stat(marker);
                    } catch (SftpException gone) {
                        throw e;
                    }
                    ch.rm(tmp + "/" + owner);
                    ch.rmdir(tmp);
                    return false; // taken: another engine claimed the file
                }
            });
        }

        @Override
        public List<String> owners(String marker) {
            try {
                return onChannel("list " + marker, ch -> {
                    List<String> names = new java.util.ArrayList<>();
                    for (Object o : ch.ls(marker)) {
                        String n = ((ChannelSftp.LsEntry) o).getFilename();
                        if (!n.equals(".") && !n.equals("..")) {
                            names.add(n);
                        }
                    }
                    return names;
                });
            } catch (GenericFileOperationFailedException e) {
                return List.of();
            }
        }

        @Override
        public void release(String marker) {
            onChannel("remove " + marker, ch -> {
                try {
                    for (Object o : ch.ls(marker)) {
                        String n = ((ChannelSftp.LsEntry) o).getFilename();
                        if (!n.equals(".") && !n.equals("..")) {
                            ch.rm(marker + "/" + n);
                        }
                    }
                    ch.rmdir(marker);
                } catch (SftpException e) {
                    if (e.id != ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                        throw e;
                    }
                }
                return null;
            });
        }

        /** Work on an SFTP channel. */
        private interface ChannelWork<R> {
            R on(ChannelSftp ch) throws SftpException;
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
