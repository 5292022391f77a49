package org.karakuri.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.karakuri.load.Problem;
import org.karakuri.load.Problems;
import org.karakuri.i18n.Position;
import org.karakuri.model.Doc;
import org.karakuri.yaml.YNode;
import org.karakuri.load.YamlReader;

/**
 * The engine's configuration: {@code KARAKURI_HOME/engine.yaml}, each setting overridden by its
 * environment variable ({@code KARAKURI_…}), else its default. It holds what an administrator
 * decides; a scenario never overrides it.
 *
 * <p>To add a section: write a record whose components carry {@link Setting} and
 * {@link Doc} (or are records themselves, for a sub-section), and add it here as a component.
 * {@code docs/configuration.md} and the checks of the file follow from the annotations.
 */
public record EngineConfig(
    @Doc(value = "The engine's database.", ja = "エンジンのデータベース。")
    DatabaseConfig database,
    @Doc(value = "What scenarios may reach.", ja = "シナリオが使ってよいもの。")
    CapabilityPolicy capabilities,
    @Doc(value = "The secret store and the master key.", ja = "シークレットの保管庫とマスターキー。")
    SecretsConfig secrets,
    @Doc(value = "The browser or the Selenium Grid.", ja = "ブラウザーまたは Selenium Grid。")
    BrowserConfig browser,
    @Doc(value = "How serve listens.", ja = "serve の待ち受け。")
    ServerConfig server,
    @Doc(value = "A directory for logins.", ja = "ログインに使うディレクトリー。")
    DirectoryConfig directory,
    @Doc(value = "This node and the cluster's scheduler.", ja = "このノードとクラスターのスケジューラー。")
    ClusterConfig cluster,
    @Doc(value = "Who is told of failed runs.", ja = "失敗した実行の通知先。")
    NotifyConfig notifications,
    @Doc(value = "Servers scenarios reach through connections: (known hosts).", ja = "シナリオが connections: で使うサーバー（既知のホスト）。")
    ConnectionsConfig connections,
    @Setting(env = "KARAKURI_DATA_SOURCES")
    @Doc(value = "Databases scenarios may read rows from, by name (the variable adds names, comma-separated, whose settings are all in the environment).",
        ja = "シナリオが行を読めるデータベース（名前ごと）。環境変数は、設定をすべて環境変数で渡す名前をコンマ区切りで加えます。")
    Map<String, DataSourceConfig> dataSources) {

    public EngineConfig {
        dataSources = dataSources == null ? Map.of() : dataSources;
    }

    /** The data source {@code name} names, if engine.yaml (or the environment) has it. */
    public java.util.Optional<DataSourceConfig> dataSource(String name) {
        return java.util.Optional.ofNullable(dataSources.get(name));
    }

    /** The file's name in {@code KARAKURI_HOME}. */
    public static final String FILE = "engine.yaml";

    private static final int CACHED = 16;
    private static final Map<CacheKey, EngineConfig> CACHE = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CacheKey, EngineConfig> eldest) {
            return size() > CACHED;
        }
    };

    private record CacheKey(Path home, Map<String, String> env, long modified, long size) {}

    /**
     * The configuration under {@code home} with {@code env}; read again when the file changes.
     *
     * @throws ConfigException every problem of the file and the environment, with its place
     */
    public static EngineConfig load(Path home, Map<String, String> env) {
        Path file = file(home);
        CacheKey key = new CacheKey(home.toAbsolutePath().normalize(), Map.copyOf(env), modified(file), size(file));
        synchronized (CACHE) {
            EngineConfig cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        EngineConfig config = read(home, env).config();
        synchronized (CACHE) {
            CACHE.put(key, config);
        }
        return config;
    }

    /** The configuration of this process: KARAKURI_HOME (or the {@code karakuri.home} property) and its environment. */
    public static EngineConfig current() {
        Map<String, String> env = System.getenv();
        return load(home(env), env);
    }

    /** The property that names KARAKURI_HOME for this process (the CLI's {@code --home}), before the environment. */
    public static final String HOME_PROPERTY = "karakuri.home";

    /** KARAKURI_HOME: the {@code karakuri.home} property, else the variable, else {@code ./.karakuri}; absolute. */
    public static Path home(Map<String, String> env) {
        String h = System.getProperty(HOME_PROPERTY, env.get("KARAKURI_HOME"));
        return (h == null || h.isBlank() ? Path.of(".karakuri") : Path.of(h)).toAbsolutePath().normalize();
    }

    /** {@code home/engine.yaml}. */
    public static Path file(Path home) {
        return home.toAbsolutePath().normalize().resolve(FILE);
    }

    /** The configuration with where each setting came from (the {@code config} command). */
    record Read(EngineConfig config, Map<String, ConfigReader.Origin> origins) {}

    static Read read(Path home, Map<String, String> env) {
        Path file = file(home);
        Path base = home.toAbsolutePath().normalize();
        YNode root = null;
        Problems problems = new Problems();
        if (Files.exists(file)) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new ConfigException(file, List.of(Problem.of(new Position(file.toString(), 1, 1), "", "yaml.unreadable",
                    file.toString(), String.valueOf(e.getMessage()))));
            }
            if (!text.isBlank() && !text.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                root = new YamlReader().read(text, file.toString(), problems);
                if (!problems.isEmpty()) {
                    throw new ConfigException(file, problems.sorted());
                }
            }
        }
        ConfigReader reader = new ConfigReader(base, env, file.toString());
        EngineConfig config = reader.section(root, EngineConfig.class, "");
        if (!reader.problems().isEmpty() || config == null) {
            throw new ConfigException(file, reader.problems());
        }
        return new Read(config, reader.origins());
    }

    private static long modified(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).lastModifiedTime().toMillis();
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            return -2;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
