package org.karakuri.robots.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.expr.Lookup;
import org.karakuri.expr.Template;
import org.karakuri.model.Connection;

/** The folders serve watches on a share: each session signs in with what the secret store holds at that moment. */
class ServerFoldersTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void english() {
        Fixtures.english();
    }

    @Test
    void aPasswordCorrectedInTheSecretStoreIsUsedAtTheNextSignInWithoutARestart() throws Exception {
        Path root = Files.createDirectories(dir.resolve("share"));
        Map<String, String> store = new ConcurrentHashMap<>(Map.of("secret:share.user", SambaServer.user(), "secret:share.password", "Wrong-pw-9"));
        Lookup secrets = store::get;
        List<String> problems = new CopyOnWriteArrayList<>();
        try (SambaServer samba = SambaServer.serving(root); DefaultCamelContext camel = new DefaultCamelContext()) {
            Connection c = new Connection(null, samba.address(), Template.parse("${secret:share.user}"), null,
                Template.parse("${secret:share.password}"), null, null, null);
            RemoteFileEndpoint<?> ep = (RemoteFileEndpoint<?>) new ServerFolders().folder(camel, "share", c, "/", secrets, problems::add);
            RemoteFileOperations<?> ops = ep.createRemoteFileOperations();
            assertThatThrownBy(() -> ops.connect(ep.getConfiguration(), null)).isInstanceOf(GenericFileOperationFailedException.class);
            assertThat(problems).singleElement().satisfies(p -> assertThat(p)
                .contains("cannot reach the share \\\\" + samba.address().replace("/", "\\") + " of connection 'share'")
                .contains("refused the user name and password")
                .doesNotContain("Wrong-pw-9"));

            store.put("secret:share.password", SambaServer.PASSWORD);
            assertThat(ops.connect(ep.getConfiguration(), null)).isTrue();
            ops.disconnect();
        }
    }
}
