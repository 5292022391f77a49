package org.karakuri.robots.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The tests' one wait helper: blocks on the file system's change notifications (inotify on
 * Linux) and re-checks a condition after each change, until it holds, the deadline passes, or
 * the thing being watched has ended ({@link #endsWith}: a process exiting makes no file event).
 */
final class FolderWatch implements AutoCloseable {
    private final WatchService service;

    FolderWatch(Path... folders) {
        try {
            service = FileSystems.getDefault().newWatchService();
            for (Path f : folders) {
                f.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops waiting when {@code end} completes, e.g. {@code process.onExit()}. */
    FolderWatch endsWith(CompletableFuture<?> end) {
        end.whenComplete((value, error) -> close());
        return this;
    }

    /** True once {@code condition} holds; false when the watched thing ended first or {@code timeout} passed. */
    boolean until(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            WatchKey key;
            try {
                key = service.poll(left, TimeUnit.MILLISECONDS);
            } catch (ClosedWatchServiceException ended) {
                return condition.getAsBoolean();
            }
            if (key != null) {
                key.pollEvents();
                key.reset();
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
