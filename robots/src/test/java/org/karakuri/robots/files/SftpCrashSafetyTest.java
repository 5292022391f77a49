package org.karakuri.robots.files;

import java.nio.file.Path;
import java.util.Map;

/** {@link ServerCrashSafety} against a real SSH server with SFTP (Apache MINA SSHD) on loopback. */
class SftpCrashSafetyTest extends ServerCrashSafety {
    @Override
    AutoCloseable serve(Path root) {
        return SftpServer.serving(root);
    }

    @Override
    String connection(AutoCloseable server) {
        SftpServer sftp = (SftpServer) server;
        return sftp.connectionWithKey("vendor", sftp.fingerprint());
    }

    @Override
    Map<String, String> secrets(AutoCloseable server) {
        return Map.of("KARAKURI_SECRET_VENDOR_USER", SftpServer.USER, "KARAKURI_SECRET_VENDOR_KEY", ((SftpServer) server).privateKey());
    }
}
