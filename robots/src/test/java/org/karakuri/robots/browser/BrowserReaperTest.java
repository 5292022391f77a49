package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No browser outlives its engine, and no profile keeps what the browser saw. */
@Tag("browser")
class BrowserReaperTest {
    @TempDir
    Path home;

    private static List<ProcessHandle> running(Path folder) {
        String mark = folder.toString();
        return ProcessHandle.allProcesses().filter(p -> BrowserReaper.commandLine(p).contains(mark)).toList();
    }

    private static List<Path> folders(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.toList();
        }
    }

    @Test
    void aBrowserAndItsProfileAreGoneWithinSecondsOfItsEngineBeingKilled() throws Exception {
        try (PageServer server = new PageServer()) {
            String url = server.page("/held", "<title>held</title><p>受付番号 R-0001</p>") + "?token=s3cr3t-value";
            Process engine = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BrowserHolder.class.getName(), home.toString(), url)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(engine.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                do {
                    line = out.readLine();
                } while (line != null && !line.equals("ready"));
                assertThat(line).as("the engine stand-in started its browser").isEqualTo("ready");
            }
            Path root = BrowserReaper.root(home);
            List<Path> folders = folders(root);
            assertThat(folders).hasSize(1);
            Path folder = folders.get(0);
            assertThat(Files.getPosixFilePermissions(root)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(running(folder)).as("Chromium runs with its profile in the folder").isNotEmpty();
            Properties owner = new Properties();
            try (var in = Files.newInputStream(folder.resolve(BrowserReaper.OWNER))) {
                owner.load(in);
            }
            long driver = Long.parseLong(owner.getProperty("driver.pid"));

            engine.destroyForcibly().waitFor(); // kill -9

            BrowserWait.until(Duration.ofSeconds(10),
                () -> running(folder).isEmpty() && ProcessHandle.of(driver).map(p -> !p.isAlive()).orElse(true)
                    && !Files.exists(folder),
                () -> new IllegalStateException("still running: " + running(folder) + ", folder there: " + Files.exists(folder)));
        }
    }

    @Test
    void theNextStartReapsWhatAnEngineThatDiedLeftBehind() throws Exception {
        Path root = BrowserReaper.root(home);
        Path leftover = Files.createDirectories(root.resolve("left-by-a-dead-engine"));
        Files.createDirectories(leftover.resolve("profile"));
        Files.writeString(leftover.resolve("profile").resolve("History"), "http://system/entry?token=s3cr3t-value");
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        // a stand-in for the Chromium it left, recognisable by its profile folder on its command line
        Process browser = new ProcessBuilder("/bin/sh", "-c", "sleep 120", "--user-data-dir=" + leftover.resolve("profile")).start();
        Properties owner = new Properties();
        owner.setProperty("engine.pid", String.valueOf(dead.pid()));
        owner.setProperty("engine.start", "1");
        try (var out = Files.newOutputStream(leftover.resolve(BrowserReaper.OWNER))) {
            owner.store(out, null);
        }
        Path mine = BrowserReaper.newFolder(root);

        assertThat(browser.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).as("the leftover browser was stopped").isTrue();
        assertThat(leftover).doesNotExist();
        assertThat(folders(root)).containsExactly(mine);
    }

    @Test
    void aFolderWhoseEngineStillRunsIsLeftAlone() throws Exception {
        Path root = BrowserReaper.root(home);
        Path other = BrowserReaper.newFolder(root); // this JVM is its engine, alive
        Path mine = BrowserReaper.newFolder(root);
        assertThat(folders(root)).containsExactlyInAnyOrder(other, mine);
    }
}
