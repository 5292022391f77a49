package org.karakuri.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.karakuri.i18n.Messages;
import org.karakuri.load.Problem;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.i18n.Position;
import org.karakuri.model.Scenario;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scenario files of the server's folder ({@code *.yaml}, {@code *.yml}), each validated when
 * read and again whenever it changes on disk. A file that turns invalid keeps its last valid
 * version scheduled: that version is kept beside it as {@code .<name>.last-valid.yaml} (same
 * folder, so relative paths still resolve) and runs until the file is fixed.
 */
public final class ScenarioFolder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScenarioFolder.class);

    /**
     * One file. {@code valid} is the version that runs (null if the file never was valid),
     * {@code problems} what is wrong with the file as it is now.
     */
    public record Entry(Path file, String display, Scenario valid, String validText, List<Problem> problems) {
        public Entry {
            problems = List.copyOf(problems);
        }

        /** The file a run reads: the file itself, or its last valid copy while the file is invalid. */
        public Path runFile() {
            return problems.isEmpty() ? file : snapshot(file);
        }

        public String id() {
            if (valid != null) {
                return valid.id();
            }
            String name = file.getFileName().toString();
            return name.substring(0, name.lastIndexOf('.'));
        }
    }

    /** Hears every change of the folder, after it was applied. */
    public interface Listener {
        void changed(ScenarioFolder folder);
    }

    private final Path dir;
    private final ScenarioLoader loader;
    private final Listener listener;
    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();
    private volatile WatchService watcher;
    private volatile Thread watching;

    public ScenarioFolder(Path dir, ScenarioLoader loader, Listener listener) {
        this.dir = dir.toAbsolutePath().normalize();
        this.loader = loader;
        this.listener = listener;
    }

    public Path dir() {
        return dir;
    }

    /** Reads every scenario file once. */
    public void load() {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(ScenarioFolder::isScenarioFile).sorted().forEach(this::read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        listener.changed(this);
    }

    static boolean isScenarioFile(Path p) {
        String n = p.getFileName().toString();
        return !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml")) && Files.isRegularFile(p);
    }

    /** Every file, by name. */
    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>(entries.values());
        all.sort(Comparator.comparing(e -> e.file().getFileName().toString()));
        return all;
    }

    /** The file of scenario {@code id} that has a valid version. */
    public Optional<Entry> byId(String id) {
        return entries.values().stream().filter(e -> e.valid() != null && e.valid().id().equals(id)).findFirst();
    }

    private void read(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String display = displayName(abs);
        if (!Files.isRegularFile(abs)) {
            entries.remove(abs);
            deleteSnapshot(abs);
            log.info("{}: removed", display);
            return;
        }
        String text;
        try {
            text = Files.readString(abs, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("{}: cannot read: {}", display, e.getMessage());
            return;
        }
        ScenarioLoader.Result r = loader.checkText(text, Path.of(display));
        List<Problem> problems = new ArrayList<>(r.problems());
        if (r.valid()) {
            Optional<Entry> other = byId(r.scenario().id()).filter(e -> !e.file().equals(abs));
            other.ifPresent(o -> problems.add(Problem.of(new Position(display, 1, 1), "scenario", "server.duplicate-id",
                r.scenario().id(), o.display())));
        }
        Entry old = entries.get(abs);
        Entry now;
        if (problems.isEmpty()) {
            now = new Entry(abs, display, r.scenario(), text, List.of());
            deleteSnapshot(abs);
            log.info("{}: valid", display);
        } else {
            Scenario keep = old == null ? null : old.valid();
            String keepText = old == null ? null : old.validText();
            now = new Entry(abs, display, keep, keepText, problems);
            for (Problem p : problems) {
                log.error("{}", p.format(Messages.get()));
            }
            if (keep != null) {
                writeSnapshot(abs, keepText);
                log.warn("{}: invalid; the last valid version stays scheduled until the file is fixed", display);
            }
        }
        entries.put(abs, now);
    }

    private String displayName(Path abs) {
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    static Path snapshot(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".last-valid.yaml");
    }

    private static void writeSnapshot(Path file, String text) {
        try {
            Files.writeString(snapshot(file), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.error("{}: cannot keep the last valid version: {}", file, e.getMessage());
        }
    }

    private static void deleteSnapshot(Path file) {
        try {
            Files.deleteIfExists(snapshot(file));
        } catch (IOException e) {
            log.warn("{}: cannot delete {}: {}", file, snapshot(file), e.getMessage());
        }
    }

    /** Watches the folder in a thread of its own; each change is re-read, then the listener hears it. */
    public void watch() throws IOException {
        watcher = FileSystems.getDefault().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        watching = new Thread(this::loop, "karakuri-scenario-watch");
        watching.setDaemon(true);
        watching.start();
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                java.util.Set<Path> changed = new java.util.TreeSet<>();
                collect(key, changed);
                // an editor's save is often several events: take what follows closely in one go
                WatchKey more;
                while ((more = watcher.poll(100, TimeUnit.MILLISECONDS)) != null) {
                    collect(more, changed);
                }
                if (!changed.isEmpty()) {
                    changed.forEach(this::read);
                    listener.changed(this);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stop) {
            // closing
        } catch (RuntimeException e) {
            log.error("watching {} stopped", dir, e);
        }
    }

    private void collect(WatchKey key, java.util.Set<Path> changed) {
        for (var event : key.pollEvents()) {
            if (event.context() instanceof Path name) {
                String n = name.getFileName().toString();
                if (!n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml"))) {
                    changed.add(dir.resolve(name));
                }
            } else if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(ScenarioFolder::isScenarioFile).forEach(changed::add);
                } catch (IOException e) {
                    log.warn("re-reading {} failed: {}", dir, e.getMessage());
                }
                changed.addAll(entries.keySet());
            }
        }
        key.reset();
    }

    @Override
    public void close() {
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (IOException e) {
            log.debug("closing the watch service: {}", e.getMessage());
        }
        if (watching != null) {
            watching.interrupt();
        }
    }
}
