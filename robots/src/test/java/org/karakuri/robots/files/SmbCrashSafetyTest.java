package org.karakuri.robots.files;

import java.nio.file.Path;
import java.util.Map;

/** {@link ServerCrashSafety} against a Windows file share: a real Samba server on loopback. */
class SmbCrashSafetyTest extends ServerCrashSafety {
    @Override
    AutoCloseable serve(Path root) {
        return SambaServer.serving(root);
    }

    @Override
    String connection(AutoCloseable server) {
        return ((SambaServer) server).connection("vendor");
    }

    @Override
    Map<String, String> secrets(AutoCloseable server) {
        return Map.of("KARAKURI_SECRET_VENDOR_USER", SambaServer.user(), "KARAKURI_SECRET_VENDOR_PASSWORD", SambaServer.PASSWORD);
    }
}
