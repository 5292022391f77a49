package org.karakuri.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command run to its end by a test: exit code and output (stdout and stderr together), with a time limit. */
record Proc(List<String> command, int exit, String output) {

    /** Runs {@code command} in {@code dir} with exactly {@code env} as its environment. */
    static Proc run(Path dir, Map<String, String> env, Duration limit, String... command) {
        return run(dir, env, limit, List.of(command));
    }

    static Proc run(Path dir, Map<String, String> env, Duration limit, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            Path log = Files.createTempFile("karakuri-proc-", ".log");
            try {
                pb.redirectOutput(log.toFile());
                Process p = pb.start();
                if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor();
                    throw new AssertionError(String.join(" ", command) + " did not end within " + limit + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Proc(List.copyOf(command), p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** Runs a command that must succeed; its output. */
    static String ok(Path dir, Map<String, String> env, Duration limit, String... command) {
        Proc p = run(dir, env, limit, command);
        if (p.exit != 0) {
            throw new AssertionError(p.describe());
        }
        return p.output;
    }

    String describe() {
        return String.join(" ", command) + " exited with " + exit + ":\n" + output;
    }

    static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }
}
