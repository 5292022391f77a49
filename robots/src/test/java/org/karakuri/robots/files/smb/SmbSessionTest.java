package org.karakuri.robots.files.smb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.i18n.Messages;
import org.karakuri.robots.files.SambaServer;

/** What a session with a share is: signed always, encrypted on SMB 3, never a guest's; and what a path on it may hold. */
class SmbSessionTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void english() {
        Messages.setDefault(java.util.Locale.ENGLISH);
    }

    private static SmbOperations connect(SambaServer samba, String user, String password) {
        SmbConfiguration c = new SmbConfiguration(() -> new SmbConfiguration.Credentials(user, password, null));
        c.setHost("127.0.0.1");
        c.setPort(samba.port());
        c.setShare(SambaServer.SHARE);
        // the context only carries the endpoint: nothing is started in it
        SmbEndpoint ep = SmbEndpoint.of(new DefaultCamelContext(), c, "");
        SmbOperations ops = (SmbOperations) ep.createRemoteFileOperations();
        ops.connect(c, null);
        return ops;
    }

    private String protection(List<String> global) throws Exception {
        Path root = Files.createDirectories(dir.resolve("share-" + global.hashCode()));
        try (SambaServer samba = SambaServer.serving(root, global, List.of())) {
            SmbOperations ops = connect(samba, SambaServer.user(), SambaServer.PASSWORD);
            try {
                assertThat(ops.listFiles("")).isEmpty();
                return ops.protection();
            } finally {
                ops.disconnect();
            }
        }
    }

    @Test
    void aSessionIsEncryptedWhenTheServerSpeaksSmb3AndSignedWhenItSpeaksOnlySmb2() throws Exception {
        assertThat(protection(List.of())).as("encryption offered").isEqualTo("SMB_3_1_1, encrypted");
        assertThat(protection(List.of("  server smb encrypt = required"))).isEqualTo("SMB_3_1_1, encrypted");
        assertThat(protection(List.of("  server max protocol = SMB2_10"))).isEqualTo("SMB_2_1, signed");
    }

    @Test
    void aServerThatTakesAnUnknownUserAsAGuestIsNotUsed() throws Exception {
        Path root = Files.createDirectories(dir.resolve("share"));
        Files.writeString(root.resolve("secret.csv"), "R-0001");
        try (SambaServer samba = SambaServer.serving(root, List.of("  map to guest = bad user", "  server signing = auto"),
            List.of("  guest ok = yes"))) {
            assertThatThrownBy(() -> connect(samba, "nobody-here", "whatever"))
                .isInstanceOf(GenericFileOperationFailedException.class)
                .hasMessageContaining("refused the user name and password");
        }
    }

    @Test
    void aPathWithANameWindowsRefusesOrADotDotIsRefusedBeforeTheServerIsAsked() {
        for (String bad : List.of("受付/../../etc", "受付/kekka.csv:hidden", "受付/a*b.csv", "受付/a\u0001.csv", "..")) {
            assertThatThrownBy(() -> SmbOperations.onShare(bad)).as(bad)
                .isInstanceOf(GenericFileOperationFailedException.class)
                .hasMessageContaining(bad + " cannot be a path on a share");
        }
        assertThat(SmbOperations.onShare("/受付/住民票_0001.csv")).isEqualTo("受付\\住民票_0001.csv");
        assertThat(SmbOperations.onShare("./")).isEmpty();
    }
}
