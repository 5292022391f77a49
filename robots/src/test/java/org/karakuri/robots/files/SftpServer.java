package org.karakuri.robots.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SSH server with the SFTP subsystem (Apache MINA SSHD) on loopback with an ephemeral
 * port, serving {@code root}: one user, {@code karakuri}, who logs in with a key (an OpenSSH
 * private key the test hands to the scenario as a secret) or with {@link #PASSWORD}. It records
 * every login attempt and every rename, so a test can see that nothing was sent to a server
 * whose host key was refused and that files arrived under a temporary name.
 */
public final class SftpServer implements AutoCloseable {
    public static final String USER = "karakuri";
    public static final String PASSWORD = "pw-Sftp-2026";

    private final SshServer sshd;
    private final KeyPair hostKey;
    private final KeyPair userKey;
    public final AtomicInteger logins = new AtomicInteger();
    /** Connections opened to the server (before any key exchange or login). */
    public final AtomicInteger sessions = new AtomicInteger();
    final List<String> renames = new CopyOnWriteArrayList<>();

    private SftpServer(Path root, boolean noDelay) throws IOException, GeneralSecurityException {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        hostKey = ec.generateKeyPair();
        userKey = ec.generateKeyPair();
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        // MINA's default lets TCP hold back small packets until the last ones are acknowledged (Nagle)
        org.apache.sshd.core.CoreModuleProperties.TCP_NODELAY.set(sshd, noDelay);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.addSessionListener(new org.apache.sshd.common.session.SessionListener() {
            @Override
            public void sessionCreated(org.apache.sshd.common.session.Session session) {
                sessions.incrementAndGet();
            }
        });
        sshd.setPublickeyAuthenticator((user, key, session) -> {
            logins.incrementAndGet();
            return user.equals(USER) && KeyUtils.compareKeys(key, userKey.getPublic());
        });
        sshd.setPasswordAuthenticator((user, password, session) -> {
            logins.incrementAndGet();
            return user.equals(USER) && password.equals(PASSWORD);
        });
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new SftpEventListener() {
            @Override
            public void moved(ServerSession session, Path src, Path dst, Collection<CopyOption> opts, Throwable thrown) {
                if (thrown == null) {
                    renames.add(src.getFileName() + " -> " + dst.getFileName());
                }
            }
        });
        sshd.setSubsystemFactories(List.of(sftp));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root.toAbsolutePath()));
        sshd.start();
    }

    public static SftpServer serving(Path root) {
        return serving(root, false);
    }

    /** @param noDelay whether the server sends small packets at once (TCP_NODELAY) instead of TCP's default */
    static SftpServer serving(Path root, boolean noDelay) {
        try {
            return new SftpServer(root, noDelay);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** host:port, as a scenario's {@code sftp:} takes it. */
    public String address() {
        return "127.0.0.1:" + sshd.getPort();
    }

    /** The host key's fingerprint as {@code ssh-keygen -lf} prints it ({@code SHA256:…}). */
    public String fingerprint() {
        return KeyUtils.getFingerPrint(hostKey.getPublic());
    }

    /** The server's line for OpenSSH's known_hosts ({@code [127.0.0.1]:port ecdsa-sha2-nistp256 AAAA…}). */
    String knownHostsLine() {
        return "[127.0.0.1]:" + sshd.getPort() + " " + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** The user's private key in OpenSSH format. */
    public String privateKey() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "karakuri-test", null, out);
            return out.toString(StandardCharsets.US_ASCII);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connection named {@code name} to this server with the key from the secret {@code NAME.key}. */
    public String connectionWithKey(String name, String hostKey) {
        return """
            connections:
              %s:
                sftp: %s
                user: ${secret:%s.user}
                key: ${secret:%s.key}
                host-key: "%s"
            """.formatted(name, address(), name, name, hostKey);
    }

    @Override
    public void close() {
        try {
            sshd.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
