package org.karakuri.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineConfigTest {
    @TempDir
    Path home;

    private void write(String yaml) throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("engine.yaml"), yaml);
    }

    @Test
    void withoutAFileEverySettingHasItsDefault() {
        EngineConfig c = EngineConfig.load(home, Map.of());
        assertThat(c.capabilities().camelComponents()).containsExactly("log", "seda", "file", "http", "https", "smtp", "smtps");
        assertThat(c.capabilities().camelComponents()).doesNotContain("exec", "language", "bean", "class", "jdbc");
        assertThat(c.capabilities().openSchemes()).containsExactly("http", "https", "file");
        assertThat(c.capabilities().roots()).isEmpty();
        assertThat(c.database().url()).isNull();
        assertThat(c.secrets().store()).isEqualTo(home.resolve("secrets.store"));
        assertThat(c.secrets().keyFile()).isEqualTo(Path.of(System.getProperty("user.home"), ".config", "karakuri", "master.key"));
        assertThat(c.secrets().key()).isNull();
    }

    @Test
    void theFileOverridesTheDefaultsAndTheEnvironmentOverridesTheFile() throws IOException {
        write("""
            database:
              url: jdbc:postgresql://db/karakuri
              user: file-user
            capabilities:
              camel-components: [log, exec]
              roots:
                - shared
                - /srv/kyoyu
            """);
        EngineConfig fromFile = EngineConfig.load(home, Map.of());
        assertThat(fromFile.database().url()).isEqualTo("jdbc:postgresql://db/karakuri");
        assertThat(fromFile.database().user()).isEqualTo("file-user");
        assertThat(fromFile.capabilities().camelComponents()).containsExactly("log", "exec");
        assertThat(fromFile.capabilities().roots()).containsExactly(home.resolve("shared"), Path.of("/srv/kyoyu").toAbsolutePath());

        EngineConfig fromEnv = EngineConfig.load(home, Map.of("KARAKURI_DB_USER", "env-user", "KARAKURI_CAMEL_COMPONENTS", "log, seda",
            "KARAKURI_ROOTS", "/a" + File.pathSeparator + "/b" + File.pathSeparator));
        assertThat(fromEnv.database().user()).isEqualTo("env-user");
        assertThat(fromEnv.database().url()).isEqualTo("jdbc:postgresql://db/karakuri");
        assertThat(fromEnv.capabilities().camelComponents()).containsExactly("log", "seda");
        assertThat(fromEnv.capabilities().roots()).containsExactly(Path.of("/a").toAbsolutePath(), Path.of("/b").toAbsolutePath());
    }

    @Test
    void aChangedFileIsReadAgain() throws IOException {
        write("capabilities:\n  open-schemes: [https]\n");
        assertThat(EngineConfig.load(home, Map.of()).capabilities().openSchemes()).containsExactly("https");
        write("capabilities:\n  open-schemes: [https, http]\n# changed\n");
        assertThat(EngineConfig.load(home, Map.of()).capabilities().openSchemes()).containsExactly("https", "http");
    }

    @Test
    void anUnknownKeyIsNamedWithItsPlaceAndTheKeysAllowedThere() throws IOException {
        write("""
            capabilities:
              camel-component: [log]
            """);
        assertThatThrownBy(() -> EngineConfig.load(home, Map.of()))
            .isInstanceOf(ConfigException.class)
            .satisfies(e -> {
                ConfigException c = (ConfigException) e;
                assertThat(c.message(Locale.ENGLISH)).contains(home.resolve("engine.yaml") + ":2:3: capabilities: unknown key 'camel-component' "
                    + "(did you mean 'camel-components'?); allowed here: camel-components, open-schemes, roots");
                assertThat(c.message(Locale.JAPANESE)).contains(home.resolve("engine.yaml") + ":2:3: capabilities: ")
                    .contains("camel-component").contains("エンジンの設定を使えません");
            });
    }

    @Test
    void everyProblemOfTheFileIsReportedAtOnce() throws IOException {
        write("""
            databse:
              url: x
            capabilities:
              open-schemes: [http, gopher]
              roots: {a: b}
            """);
        assertThatThrownBy(() -> EngineConfig.load(home, Map.of()))
            .isInstanceOf(ConfigException.class)
            .satisfies(e -> assertThat(((ConfigException) e).message(Locale.ENGLISH))
                .contains("engine.yaml:1:1: unknown key 'databse' (did you mean 'database'?); allowed here: database, capabilities, secrets")
                .contains("engine.yaml:5:10: capabilities.roots: a list (\"- \" lines) expected here, found a map"));
    }

    @Test
    void aValueASectionRefusesIsPlacedAtTheValue() throws IOException {
        write("""
            capabilities:
              open-schemes:
                - http
                - gopher
            """);
        assertThatThrownBy(() -> EngineConfig.load(home, Map.of()))
            .satisfies(e -> assertThat(((ConfigException) e).message(Locale.ENGLISH))
                .contains("engine.yaml:4:7: capabilities.open-schemes: 'gopher' cannot be allowed for open; choose from: http, https, file"));
    }

    @Test
    void aBadEnvironmentValueNamesTheVariable() {
        assertThatThrownBy(() -> EngineConfig.load(home, Map.of("KARAKURI_OPEN_SCHEMES", "https, javascript")))
            .satisfies(e -> assertThat(((ConfigException) e).message(Locale.ENGLISH))
                .contains("KARAKURI_OPEN_SCHEMES: capabilities.open-schemes: 'javascript' cannot be allowed for open"));
    }

    @Test
    void theMasterKeyIsRefusedInTheFile() throws IOException {
        write("""
            secrets:
              key: c2VjcmV0LWtleS1ieXRlcw==
            """);
        assertThatThrownBy(() -> EngineConfig.load(home, Map.of()))
            .satisfies(e -> assertThat(((ConfigException) e).message(Locale.ENGLISH))
                .contains("engine.yaml:2:8: secrets.key: 'secrets.key' may only be set in the environment (KARAKURI_MASTER_KEY)")
                .doesNotContain("c2VjcmV0"));
        assertThat(EngineConfig.load(home.resolve("other"), Map.of("KARAKURI_MASTER_KEY", "c2VjcmV0LWtleS1ieXRlcw==")).secrets().key())
            .isEqualTo("c2VjcmV0LWtleS1ieXRlcw==");
    }

    @Test
    void aYamlSyntaxErrorHasItsPlace() throws IOException {
        write("capabilities:\n  roots: [a\n");
        assertThatThrownBy(() -> EngineConfig.load(home, Map.of()))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(home.resolve("engine.yaml") + ":");
    }

    @Test
    void aFileOfCommentsOnlyIsTheDefaults() throws IOException {
        write("# nothing yet\n\n");
        assertThat(EngineConfig.load(home, Map.of()).capabilities().openSchemes()).containsExactly("http", "https", "file");
    }

    @Test
    void dataSourcesAreNamedEntriesWithTheirOwnVariables() throws IOException {
        write("""
            data-sources:
              kikan:
                url: jdbc:postgresql://db.city.local:5432/kikan
                user: karakuri
                password: ${secret:kikan.password}
              jumin-db:
                url: jdbc:h2:./jumin
                password: ${env:JUMIN_PASSWORD}
            """);
        EngineConfig fromFile = EngineConfig.load(home, Map.of());
        assertThat(fromFile.dataSources()).containsOnlyKeys("kikan", "jumin-db");
        assertThat(fromFile.dataSource("kikan")).get().extracting(DataSourceConfig::url, DataSourceConfig::user, DataSourceConfig::password)
            .containsExactly("jdbc:postgresql://db.city.local:5432/kikan", "karakuri", "${secret:kikan.password}");

        EngineConfig fromEnv = EngineConfig.load(home, Map.of("KARAKURI_DATA_SOURCE_JUMIN_DB_USER", "env-user",
            "KARAKURI_DATA_SOURCE_KIKAN_PASSWORD", "from-the-environment",
            "KARAKURI_DATA_SOURCES", "nenkin", "KARAKURI_DATA_SOURCE_NENKIN_URL", "jdbc:h2:mem:nenkin"));
        assertThat(fromEnv.dataSource("jumin-db").orElseThrow().user()).isEqualTo("env-user");
        assertThat(fromEnv.dataSource("kikan").orElseThrow().password()).isEqualTo("from-the-environment");
        assertThat(fromEnv.dataSource("nenkin").orElseThrow().url()).isEqualTo("jdbc:h2:mem:nenkin");
        assertThat(fromEnv.dataSources()).containsOnlyKeys("kikan", "jumin-db", "nenkin");
        assertThat(EngineConfig.load(home.resolve("none"), Map.of()).dataSources()).isEmpty();
    }

    @Test
    void aDataSourcePasswordWrittenInTheFileIsRefusedAtItsPlaceWithoutShowingIt() throws IOException {
        write("""
            data-sources:
              kikan:
                url: jdbc:postgresql://db/kikan
                password: Himitsu-123
            """);
        assertThatThrownBy(() -> EngineConfig.load(home, Map.of()))
            .isInstanceOf(ConfigException.class)
            .satisfies(e -> {
                String message = ((ConfigException) e).message(Locale.ENGLISH);
                assertThat(message).contains("engine.yaml:4:15: data-sources.kikan.password: 'data-sources.kikan.password' is written in "
                    + "engine.yaml only as a reference (${secret:NAME} / ${env:NAME}), never the value itself; or pass the value in "
                    + "KARAKURI_DATA_SOURCE_KIKAN_PASSWORD")
                    .doesNotContain("Himitsu-123");
            });
        write("""
            data-sources:
              broken:
                user: x
            """);
        assertThatThrownBy(() -> EngineConfig.load(home, Map.of()))
            .satisfies(e -> assertThat(((ConfigException) e).message(Locale.ENGLISH))
                .contains("engine.yaml:3:5: data-sources.broken: a data source needs url:"));
    }
}
