package org.karakuri.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's command line in a JVM of its own, on the test's class path and with the launcher's
 * flags: for tests that kill the engine, or need it as a separate process. The caller sets the
 * folder, the environment and where the output goes.
 */
public final class EngineProcess {
    private EngineProcess() {}

    /** {@code karakuri ARGS…} as a process to start. */
    public static ProcessBuilder of(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "-Dfile.encoding=UTF-8", "-cp", classPath, "org.karakuri.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
