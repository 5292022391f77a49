package org.karakuri.spi;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;

/**
 * The extension jars of this process: every {@code .jar} in {@code KARAKURI_HOME/plugins/} and in
 * the folders the {@code karakuri.ext} property names (the archive's launcher passes its
 * {@code lib/ext/}). They are loaded once per set of jars, in one class loader whose parent is the
 * engine's, so a jar adds robot actions ({@code META-INF/services/org.karakuri.spi.Action}), Camel
 * components (found by the Camel context through this loader) and JDBC drivers, and can replace
 * nothing of the engine. Nothing is downloaded. Each jar is opened before it is used: one that is
 * not a jar stops the engine with a message naming it.
 */
public final class Extensions {
    /** The property holding more extension folders (the archive's {@code lib/ext}), separated by the path separator. */
    public static final String FOLDERS_PROPERTY = "karakuri.ext";
    /** The folder under KARAKURI_HOME. */
    public static final String HOME_FOLDER = "plugins";
    static final String ACTIONS = "META-INF/services/" + Action.class.getName();

    private static volatile Extensions current;

    private final List<Jar> jars;
    private final ClassLoader loader;

    /** One extension jar, with its file's size and time (a changed jar is a new set). */
    public record Jar(Path file, long size, long modified) {}

    private Extensions(List<Jar> jars, ClassLoader loader) {
        this.jars = List.copyOf(jars);
        this.loader = loader;
    }

    /** The extensions of this process now: KARAKURI_HOME/plugins and the {@code karakuri.ext} folders. */
    public static Extensions current() {
        List<Jar> found = jars(folders(System.getenv()));
        Extensions e = current;
        if (e != null && e.jars.equals(found)) {
            return e;
        }
        synchronized (Extensions.class) {
            e = current;
            if (e == null || !e.jars.equals(found)) {
                current = e = open(found);
            }
            return e;
        }
    }

    /** The class loader of the engine and its extensions (the engine's own when there are none). */
    public static ClassLoader loader() {
        return current().classLoader();
    }

    public ClassLoader classLoader() {
        return loader;
    }

    public List<Jar> jars() {
        return jars;
    }

    /** The folders looked in: KARAKURI_HOME/plugins ({@code karakuri.home}, else the variable, else ./.karakuri), then {@code karakuri.ext}. */
    static List<Path> folders(Map<String, String> env) {
        List<Path> out = new ArrayList<>();
        String home = System.getProperty("karakuri.home", env.get("KARAKURI_HOME"));
        out.add((home == null || home.isBlank() ? Path.of(".karakuri") : Path.of(home)).resolve(HOME_FOLDER).toAbsolutePath().normalize());
        String more = System.getProperty(FOLDERS_PROPERTY, "");
        Arrays.stream(more.split(java.util.regex.Pattern.quote(File.pathSeparator))).map(String::strip).filter(s -> !s.isEmpty())
            .map(s -> Path.of(s).toAbsolutePath().normalize()).forEach(out::add);
        return out;
    }

    private static List<Jar> jars(List<Path> folders) {
        List<Jar> out = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> s = Files.list(folder)) {
                for (Path p : s.filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jar")).sorted().toList()) {
                    out.add(new Jar(p, Files.size(p), Files.getLastModifiedTime(p).toMillis()));
                }
            } catch (IOException e) {
                throw new KarakuriException("plugin.unreadable", folder.toString(), String.valueOf(e.getMessage()));
            }
        }
        return out;
    }

    private static Extensions open(List<Jar> jars) {
        ClassLoader engine = Extensions.class.getClassLoader();
        if (jars.isEmpty()) {
            Messages.include(null);
            return new Extensions(jars, engine);
        }
        List<URL> urls = new ArrayList<>();
        for (Jar j : jars) {
            try (JarFile f = new JarFile(j.file().toFile())) {
                f.stream().count(); // reads the central directory: a file that is not a jar fails here
            } catch (IOException | RuntimeException e) {
                throw new KarakuriException("plugin.not-a-jar", j.file().toString(), String.valueOf(e.getMessage()));
            }
            try {
                urls.add(j.file().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new KarakuriException("plugin.not-a-jar", j.file().toString(), String.valueOf(e.getMessage()));
            }
        }
        URLClassLoader loader = new URLClassLoader("karakuri-plugins", urls.toArray(URL[]::new), engine);
        // a plugin's messages (its actions' errors) in the engine's languages
        Messages.include(loader);
        return new Extensions(jars, loader);
    }

    /** The class names a jar lists as robot actions in {@code META-INF/services/org.karakuri.spi.Action}. */
    List<String> actionClasses(Jar jar) {
        try (JarFile f = new JarFile(jar.file().toFile())) {
            ZipEntry e = f.getEntry(ACTIONS);
            if (e == null) {
                return List.of();
            }
            try (InputStream in = f.getInputStream(e)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> l.replaceFirst("#.*", "").strip())
                    .filter(l -> !l.isEmpty()).toList();
            }
        } catch (IOException e) {
            throw new KarakuriException("plugin.not-a-jar", jar.file().toString(), String.valueOf(e.getMessage()));
        }
    }
}
