package org.karakuri.robots.files;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.FileComponent;
import org.apache.camel.component.file.FileConstants;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.spi.ExceptionHandler;
import org.karakuri.spi.FileFields;
import org.karakuri.spi.Hashes;
import org.karakuri.spi.StepContext;

/**
 * The files of one {@code for-each-file} on a local folder, claimed one at a time through
 * Camel's file consumer ({@link ClaimedFiles}): moved by Camel to {@code done} or {@code failed}
 * on the same disk, a name already there becoming {@code a (1).csv}.
 */
final class FileLoop extends ClaimedFiles {
    private final Path folder;
    private final Path done;
    private final Path failed;
    private final List<Throwable> completionErrors = new ArrayList<>();

    FileLoop(StepContext ctx, Path folder, List<Path> files, Path done, Path failed, Duration stableFor, Duration lockTimeout) {
        super(ctx, files.stream().map(f -> f.getFileName().toString()).toList(), stableFor, lockTimeout);
        this.folder = folder;
        this.done = done;
        this.failed = failed;
        FileEndpoint ep = CamelFiles.endpoint(ctx.camel(), folder, f -> true, stableFor, lockTimeout);
        ep.setOnCompletionExceptionHandler(new Collect());
        consume(ep, done != null, failed != null);
    }

    @Override
    boolean gone(org.apache.camel.component.file.GenericFile<?> f) {
        return f.getFile() instanceof java.io.File file && !file.exists();
    }

    @Override
    String shownFolder() {
        return folder.toString();
    }

    @Override
    Claim claimed(Exchange ex) {
        String path = ex.getMessage().getHeader(FileConstants.FILE_ABSOLUTE_PATH, String.class);
        return path == null ? null : new Local(ex, Path.of(path).toAbsolutePath().normalize());
    }

    @Override
    boolean inFolder(String name) {
        return Places.exists(folder.resolve(name));
    }

    @Override
    FileFields unclaimed(String name) {
        return FileFields.of(folder.resolve(name));
    }

    /** A local file Camel claimed. */
    private final class Local extends Claim {
        private final Path path;

        Local(Exchange exchange, Path path) {
            super(exchange, FileFields.of(path), Hashes.sha256(path));
            this.path = path;
        }

        @Override
        String target(boolean succeeded) {
            Path folderTo = succeeded ? done : failed;
            // what goes wrong while Camel moves this file is collected from here on
            completionErrors.clear();
            return folderTo == null ? null : AtomicFiles.freeName(folderTo, fields.name()).toString();
        }

        @Override
        boolean there(String location) {
            return Places.exists(location == null ? path : Path.of(location));
        }

        @Override
        String shown(String location, boolean succeeded) {
            return location != null ? location : String.valueOf(succeeded ? done : failed);
        }

        @Override
        String whyKept() {
            return completionErrors.isEmpty() ? "?" : String.valueOf(completionErrors.get(0).getMessage());
        }

        @Override
        void dropMarker() {
            AtomicFiles.deleteQuietly(Path.of(path + FileComponent.DEFAULT_LOCK_FILE_POSTFIX));
        }
    }

    /** Keeps what went wrong while Camel moved a file, so the item can say it. */
    private final class Collect implements ExceptionHandler {
        @Override
        public void handleException(Throwable exception) {
            completionErrors.add(exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            completionErrors.add(exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            completionErrors.add(exception);
        }
    }

    @Override
    public String toString() {
        return "for-each-file " + folder + File.separator;
    }
}
