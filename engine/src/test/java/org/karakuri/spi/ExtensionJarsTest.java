package org.karakuri.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.cli.Main;

/**
 * Extension jars in {@code KARAKURI_HOME/plugins/} (and the archive's {@code lib/ext/}, through
 * {@code karakuri.ext}): a jar built here from source adds a robot action that a scenario runs
 * and that {@code actions} and {@code schema} show, and a Camel component that scenarios may use
 * only once engine.yaml allows it. A jar that is not one, or whose action takes a built-in
 * action's name, stops the engine with a message naming the jar.
 */
class ExtensionJarsTest {
    @TempDir
    Path dir;
    @TempDir
    static Path built;
    /** Jars compiled once for the class, by action name. */
    private static final java.util.Map<String, Path> JARS = new java.util.HashMap<>();

    private static final String STAMP = """
        package org.example.stamp;

        import java.util.List;
        import java.util.Map;
        import org.karakuri.expr.Template;
        import org.karakuri.model.Doc;
        import org.karakuri.model.Reaches;
        import org.karakuri.model.Required;
        import org.karakuri.model.Shorthand;
        import org.karakuri.spi.SimpleAction;
        import org.karakuri.spi.StepContext;

        public final class Stamp implements SimpleAction<Stamp.Params> {
            public record Params(@Shorthand @Required @Doc(value = "What to stamp.", ja = "押す印の文字。") Template text,
                @Reaches(Reaches.Kind.CAMEL_ENDPOINT) @Doc(value = "Where to send the stamp.", ja = "印を送る先。") Template to) {}

            public String name() { return "%s"; }
            public Class<Params> paramsType() { return Params.class; }
            public String doc() { return "Stamp a text into the variable stamped."; }
            public String docJa() { return "文字に印を押して変数 stamped に入れます。"; }
            public List<String> examples() { return List.of("%s: 受付済"); }

            public void run(Params p, StepContext ctx) {
                if (ctx.text(p.text()).isBlank()) {
                    throw new org.karakuri.i18n.KarakuriException("stamp.nothing", name());
                }
                String stamped = "【" + ctx.text(p.text()) + "】";
                ctx.setVariable("stamped", stamped);
                if (p.to() != null) {
                    ctx.producer().sendBody(ctx.capabilities().camelUri(ctx.text(p.to())), stamped);
                }
                ctx.emit("stamped", Map.of("text", stamped));
            }
        }
        """;

    private static final String COMPONENT = """
        package org.example.stamp;

        import java.util.Map;
        import org.apache.camel.Consumer;
        import org.apache.camel.Endpoint;
        import org.apache.camel.Exchange;
        import org.apache.camel.Processor;
        import org.apache.camel.Producer;
        import org.apache.camel.support.DefaultComponent;
        import org.apache.camel.support.DefaultEndpoint;
        import org.apache.camel.support.DefaultProducer;

        public final class StampComponent extends DefaultComponent {
            @Override
            protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
                return new DefaultEndpoint(uri, this) {
                    @Override
                    public Producer createProducer() {
                        return new DefaultProducer(this) {
                            @Override
                            public void process(Exchange exchange) {
                                exchange.getMessage().setBody(remaining + ":" + exchange.getMessage().getBody(String.class));
                            }
                        };
                    }

                    @Override
                    public Consumer createConsumer(Processor processor) {
                        throw new UnsupportedOperationException("stamp: only sends");
                    }
                };
            }
        }
        """;

    private static final String DRIVER = """
        package org.example.stamp;

        import java.sql.Connection;
        import java.sql.Driver;
        import java.sql.DriverPropertyInfo;
        import java.sql.SQLException;
        import java.util.Properties;
        import java.util.logging.Logger;

        /** jdbc:stamp:… is H2's jdbc:h2:…: a driver only this jar has. */
        public final class StampDriver implements Driver {
            private static final String PREFIX = "jdbc:stamp:";

            public boolean acceptsURL(String url) { return url != null && url.startsWith(PREFIX); }

            public Connection connect(String url, Properties info) throws SQLException {
                return acceptsURL(url) ? new org.h2.Driver().connect("jdbc:h2:" + url.substring(PREFIX.length()), info) : null;
            }

            public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) { return new DriverPropertyInfo[0]; }
            public int getMajorVersion() { return 1; }
            public int getMinorVersion() { return 0; }
            public boolean jdbcCompliant() { return false; }
            public Logger getParentLogger() { return Logger.getLogger("stamp"); }
        }
        """;

    /** A jar compiled here (once): the action {@code actionName} ({@code Stamp}) and the Camel component {@code stamp:}, copied to {@code target}. */
    private static Path jar(Path target, String actionName) throws IOException {
        Path jar = JARS.get(actionName);
        if (jar == null) {
            jar = compile(built.resolve(actionName + ".jar"), actionName);
            JARS.put(actionName, jar);
        }
        Files.createDirectories(target.getParent());
        return Files.copy(jar, target);
    }

    private static Path compile(Path target, String actionName) throws IOException {
        Path src = Files.createDirectories(built.resolve("src-" + actionName).resolve("org/example/stamp"));
        Path classes = Files.createDirectories(built.resolve("classes-" + actionName));
        Files.writeString(src.resolve("Stamp.java"), STAMP.formatted(actionName, actionName));
        Files.writeString(src.resolve("StampComponent.java"), COMPONENT);
        Files.writeString(src.resolve("StampDriver.java"), DRIVER);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-d", classes.toString(), "-classpath", classPath(), "--release", "17", "-proc:none",
            src.resolve("Stamp.java").toString(), src.resolve("StampComponent.java").toString(), src.resolve("StampDriver.java").toString());
        assertThat(rc).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        Files.createDirectories(target.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                add(out, classes.relativize(f).toString().replace(File.separatorChar, '/'), Files.readAllBytes(f));
            }
            add(out, "META-INF/services/org.karakuri.spi.Action", "org.example.stamp.Stamp\n".getBytes(StandardCharsets.UTF_8));
            add(out, "META-INF/services/org/apache/camel/component/stamp", "class=org.example.stamp.StampComponent\n".getBytes(StandardCharsets.UTF_8));
            add(out, "META-INF/services/java.sql.Driver", "org.example.stamp.StampDriver\n".getBytes(StandardCharsets.UTF_8));
            add(out, "META-INF/karakuri/messages.properties",
                "stamp.nothing=nothing to stamp: write the text after {0}:\n".getBytes(StandardCharsets.UTF_8));
            add(out, "META-INF/karakuri/messages_ja.properties",
                "stamp.nothing=印を押す文字がありません。{0}: のあとに文字を書いてください\n".getBytes(StandardCharsets.UTF_8));
        }
        return target;
    }

    private static void add(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    /** The engine's classes and Camel's, wherever this test runs from (a manifest-only class path too). */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(SimpleAction.class, org.apache.camel.support.DefaultComponent.class, org.apache.camel.Component.class,
            org.apache.camel.util.ObjectHelper.class, org.slf4j.Logger.class, org.h2.Driver.class)) {
            entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().getPath()).toString());
        }
        entries.addAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        return String.join(File.pathSeparator, entries);
    }

    private record Result(int exit, String out, String err) {}

    private Result karakuri(Path home, String... args) {
        keepTheMasterKeyHere(home);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args).contains("--lang") ? List.of() : List.of("--lang", "en"));
        all.addAll(List.of(args));
        int exit = Main.execute(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), home);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A run's master key stays in the test's folder, never in the user's ~/.config/karakuri (engine.yaml's secrets.key-file). */
    private void keepTheMasterKeyHere(Path home) {
        try {
            Path config = home.resolve("engine.yaml");
            String keyFile = "secrets:\n  key-file: " + dir.resolve(".keys/master.key") + "\n";
            if (!Files.exists(config)) {
                Files.createDirectories(home);
                Files.writeString(config, keyFile);
            } else if (!Files.readString(config).contains("secrets:")) {
                Files.writeString(config, "\n" + keyFile, java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path scenario(String yaml) throws IOException {
        return Files.writeString(dir.resolve("work/stamp.yaml"), yaml);
    }

    @Test
    void aJarInPluginsAddsAnActionThatRunsAndThatTheReferenceAndTheSchemaShow() throws IOException {
        Path home = dir.resolve("home");
        jar(home.resolve("plugins/stamp-1.0.jar"), "stamp");
        Files.createDirectories(dir.resolve("work"));
        Path s = scenario("""
            scenario: stamp
            steps:
              - stamp: 受付 ${run.id}
              - log: ${stamped}
            """);

        Result run = karakuri(home, "run", s.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out() + run.err()).contains("【受付 ");
        Result actions = karakuri(home, "actions");
        assertThat(actions.out()).contains("stamp").contains("Stamp a text into the variable stamped.");
        Result schema = karakuri(home, "schema");
        assertThat(schema.out()).contains("\"stamp\"").contains("What to stamp.");
        Result without = karakuri(dir.resolve("other-home"), "validate", s.toString());
        assertThat(without.exit()).as("another KARAKURI_HOME has no such action").isEqualTo(2);
    }

    @Test
    void aPluginsErrorIsSaidInItsOwnWordsInEnglishAndJapanese() throws IOException {
        Path home = dir.resolve("home");
        jar(home.resolve("plugins/stamp-1.0.jar"), "stamp");
        Files.createDirectories(dir.resolve("work"));
        Path s = scenario("""
            scenario: stamp
            steps:
              - stamp: " "
            """);

        Result english = karakuri(home, "run", s.toString());
        assertThat(english.exit()).isNotZero();
        assertThat(english.out() + english.err()).contains("nothing to stamp: write the text after stamp:").doesNotContain("stamp.nothing");

        Result japanese = karakuri(home, "--lang", "ja", "run", s.toString());
        assertThat(japanese.out() + japanese.err()).contains("印を押す文字がありません。stamp: のあとに文字を書いてください");
    }

    @Test
    void theArchivesExtFolderIsReadToo() throws IOException {
        Path ext = dir.resolve("install/lib/ext");
        jar(ext.resolve("stamp.jar"), "stamp");
        Files.createDirectories(dir.resolve("work"));
        Path s = scenario("scenario: stamp\nsteps:\n  - stamp: x\n");
        String before = System.setProperty(Extensions.FOLDERS_PROPERTY, ext.toString());
        try {
            assertThat(karakuri(dir.resolve("home"), "validate", s.toString()).exit()).isZero();
        } finally {
            if (before == null) {
                System.clearProperty(Extensions.FOLDERS_PROPERTY);
            } else {
                System.setProperty(Extensions.FOLDERS_PROPERTY, before);
            }
        }
    }

    @Test
    void aPluginsCamelComponentIsRefusedUntilEngineYamlAllowsIt() throws IOException {
        Path home = dir.resolve("home");
        jar(home.resolve("plugins/stamp.jar"), "stamp");
        Files.createDirectories(dir.resolve("work"));
        Path s = scenario("""
            scenario: stamp
            steps:
              - camel:
                  to: stamp:受付
                  body: R-1
                  into: answer
              - log: answer=${answer}
            """);

        Result refused = karakuri(home, "validate", s.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.out() + refused.err()).contains("the Camel component 'stamp' is not allowed");

        Files.writeString(home.resolve("engine.yaml"), "capabilities:\n  camel-components: [log, stamp]\n");
        Result run = karakuri(home, "run", s.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out() + run.err()).contains("answer=受付:R-1");
    }

    @Test
    void aPluginActionIsHeldToTheCapabilityPolicyLikeABuiltInOne() throws IOException {
        Path home = dir.resolve("home");
        jar(home.resolve("plugins/stamp.jar"), "stamp");
        Files.createDirectories(dir.resolve("work"));
        Path s = scenario("""
            scenario: stamp
            steps:
              - stamp:
                  text: 受付
                  to: exec:rm
            """);

        Result r = karakuri(home, "validate", s.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out() + r.err()).contains("stamp.yaml:3:5").contains("the Camel component 'exec' is not allowed");
    }

    @Test
    void aJdbcDriverOfAJarServesADataSourceOfEngineYaml() throws Exception {
        Path home = dir.resolve("home");
        org.karakuri.config.DataSourceConfig plugged = new org.karakuri.config.DataSourceConfig("jdbc:stamp:mem:plugged", "sa", null);
        String before = System.setProperty(org.karakuri.config.EngineConfig.HOME_PROPERTY, home.toString());
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> plugged.connect("plugged", n -> java.util.Optional.empty(), java.util.Map.of(), v -> { }))
                .as("without the jar no driver takes jdbc:stamp:").hasMessageContaining("'plugged'");
            jar(home.resolve("plugins/stamp.jar"), "stamp");
            try (java.sql.Connection c = plugged.connect("plugged", n -> java.util.Optional.empty(), java.util.Map.of(), v -> { })) {
                assertThat(c.getMetaData().getURL()).isEqualTo("jdbc:h2:mem:plugged");
            }
        } finally {
            if (before == null) {
                System.clearProperty(org.karakuri.config.EngineConfig.HOME_PROPERTY);
            } else {
                System.setProperty(org.karakuri.config.EngineConfig.HOME_PROPERTY, before);
            }
        }
    }

    @Test
    void aJarThatIsNotOneStopsTheEngineNamingIt() throws IOException {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("plugins"));
        Files.write(home.resolve("plugins/broken.jar"), "not a zip at all".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(dir.resolve("work"));
        Path s = scenario("scenario: s\nsteps:\n  - log: x\n");

        Result r = karakuri(home, "validate", s.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out() + r.err()).contains(home.resolve("plugins/broken.jar") + " is not a jar the engine can load");
    }

    @Test
    void anActionNamedLikeABuiltInOneStopsTheEngineNamingTheJar() throws IOException {
        Path home = dir.resolve("home");
        jar(home.resolve("plugins/my-log.jar"), "log");
        Files.createDirectories(dir.resolve("work"));
        Path s = scenario("scenario: s\nsteps:\n  - log: x\n");

        Result r = karakuri(home, "validate", s.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out() + r.err()).contains(home.resolve("plugins/my-log.jar") + ": its action 'log' (org.example.stamp.Stamp) has the name "
            + "of an action the engine already has: org.karakuri.actions.Log");
    }
}
