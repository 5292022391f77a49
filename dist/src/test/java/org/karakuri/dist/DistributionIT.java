package org.karakuri.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * What {@code mvn package} leaves for an office: {@code karakuri-<version>.zip} and {@code .tar.gz},
 * each one folder with the launchers, the libraries, the examples, the docs, the licence and the
 * service files; unpacked anywhere, it runs and keeps its data in {@code ~/.karakuri}.
 */
class DistributionIT {
    private static final Duration LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    /** Each archive unpacked once, as an office would; no test writes into them. */
    @TempDir
    static Path unpacked;

    static Path fromTar;
    static Path fromZip;

    @BeforeAll
    static void unpackBoth() throws IOException {
        fromTar = Archive.unpack(Archive.tarGz(), Files.createDirectories(unpacked.resolve("tar")));
        fromZip = Archive.unpack(Archive.zip(), Files.createDirectories(unpacked.resolve("zip")));
    }

    @Test
    void bothArchivesUnpackIntoOneFolderNamedAfterTheVersionWithTheSameFiles() {
        List<String> zip = Archive.entries(Archive.zip());
        List<String> tar = Archive.entries(Archive.tarGz());

        assertThat(zip).allMatch(e -> e.startsWith(Archive.folderName() + "/"), "starts with " + Archive.folderName() + "/");
        assertThat(tar).allMatch(e -> e.startsWith(Archive.folderName() + "/"), "starts with " + Archive.folderName() + "/");
        assertThat(files(zip)).isEqualTo(files(tar));
    }

    @Test
    void holdsTheLaunchersLibrariesExamplesDocsLicenceAndServiceFiles() throws IOException {
        Set<String> files = files(Archive.entries(Archive.tarGz()));

        assertThat(files).contains("bin/karakuri", "bin/karakuri.cmd", "README.md", "README.ja.md", "LICENSE", "engine.example.yaml",
            "systemd/karakuri.service", "windows/karakuri-service.xml", "docs/install.md",
            "lib/karakuri-engine-" + Archive.version() + ".jar", "lib/karakuri-robots-" + Archive.version() + ".jar",
            "lib/karakuri-scenarios-" + Archive.version() + ".jar");
        try (Stream<Path> examples = Files.walk(Archive.root().resolve("scenarios/examples"))) {
            List<String> expected = examples.filter(Files::isRegularFile)
                .map(p -> "scenarios/examples/" + Archive.root().resolve("scenarios/examples").relativize(p).toString().replace('\\', '/')).toList();
            assertThat(expected).isNotEmpty();
            assertThat(files).containsAll(expected);
        }
        try (Stream<Path> docs = Files.list(Archive.root().resolve("docs"))) {
            assertThat(files).containsAll(docs.filter(Files::isRegularFile).map(p -> "docs/" + p.getFileName()).toList());
        }
    }

    @Test
    void shipsTheCommentedExampleConfigurationAtTheTop() throws IOException {
        String example = Files.readString(Archive.root().resolve("docs/examples/engine.yaml"));

        assertThat(Files.readString(fromTar.resolve("engine.example.yaml"))).isEqualTo(example).contains("# KARAKURI_HOME/engine.yaml");
        assertThat(Files.readString(fromZip.resolve("docs/examples/engine.yaml"))).isEqualTo(example);
    }

    @Test
    void libHoldsOneVersionOfEachLibraryAndNothingOnlyTestsUse() {
        Set<String> files = files(Archive.entries(Archive.tarGz()));
        List<String> jars = files.stream()
            .filter(f -> f.startsWith("lib/") && !f.startsWith("lib/ext/")).map(f -> f.substring(4)).toList();
        assertThat(files.stream().filter(f -> f.startsWith("lib/ext/")))
            .as("the extension folder ships empty but for what it is for").containsExactly("lib/ext/README.txt");

        assertThat(jars).allMatch(j -> j.endsWith(".jar"));
        assertThat(jars).noneMatch(j -> j.endsWith("-tests.jar"));
        assertThat(jars).noneMatch(j -> j.matches("(junit|assertj|wiremock|opentest4j|apiguardian).*"));
        Pattern versioned = Pattern.compile("(.+?)-\\d[^-]*(-SNAPSHOT)?(-[a-z]+)?\\.jar");
        Map<String, List<String>> byName = jars.stream().collect(Collectors.groupingBy(j -> {
            Matcher m = versioned.matcher(j);
            return m.matches() ? m.group(1) + (m.group(3) == null ? "" : m.group(3)) : j;
        }));
        byName.forEach((name, versions) -> assertThat(versions).as("versions of " + name + " in lib/").hasSize(1));
    }

    @Test
    void keepsTheLauncherExecutableInBothArchivesAndTheWindowsOneInCrLf() throws IOException {
        String launcher = Archive.folderName() + "/bin/karakuri";
        assertThat(Archive.permissions(Archive.tarGz(), launcher)).isEqualTo("rwxr-xr-x");
        assertThat(Archive.permissions(Archive.zip(), launcher)).isEqualTo("rwxr-xr-x");

        assertThat(Files.getPosixFilePermissions(fromZip.resolve("bin/karakuri"))).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        String cmd = Files.readString(fromZip.resolve("bin/karakuri.cmd"), StandardCharsets.US_ASCII);
        assertThat(cmd).startsWith("@echo off\r\n");
        assertThat(cmd.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(Files.readString(fromZip.resolve("bin/karakuri"))).doesNotContain("\r");
    }

    @Test
    void licenceIsTheApacheLicence2InTheRepositoryAndTheArchive() throws IOException {
        String licence = Files.readString(Archive.root().resolve("LICENSE"));

        assertThat(licence).contains("Apache License", "Version 2.0, January 2004", "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION");
        assertThat(Files.readString(fromTar.resolve("LICENSE"))).isEqualTo(licence);
        assertThat(Files.readString(fromZip.resolve("LICENSE"))).isEqualTo(licence);
    }

    @Test
    void runsFromAnyFolderThroughALinkAndKeepsItsDataInTheUsersHome() throws IOException {
        Path app = fromTar;
        Path home = Files.createDirectories(dir.resolve("home"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("usr-local-bin")).resolve("karakuri"), app.resolve("bin/karakuri"));
        Folders.copy(app.resolve("scenarios/examples"), work);
        Map<String, String> env = Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin", "KARAKURI_LANG", "en");

        assertThat(Proc.ok(work, env, LIMIT, link.toString(), "--version").strip()).isEqualTo("karakuri " + Archive.version());
        Proc run = Proc.run(work, env, LIMIT, link.toString(), "run", "nightly-filing.yaml");

        assertThat(run.exit()).as(run.describe()).isZero();
        assertThat(work.resolve("receipts/tennyu.txt")).content(StandardCharsets.UTF_8).contains("tennyu.csv");
        assertThat(work.resolve("done/tennyu.csv")).exists();
        assertThat(work.resolve(".karakuri")).doesNotExist();
        try (Stream<Path> runs = Files.list(home.resolve(".karakuri/runs"))) {
            assertThat(runs.filter(Files::isDirectory).map(r -> r.resolve("report.html"))).singleElement().satisfies(r -> assertThat(r).isNotEmptyFile());
        }
    }

    @Test
    void theFirstRunLeavesAClassDataArchiveThatLaterCommandsMapIn() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Folders.copy(fromTar.resolve("scenarios/examples"), work);
        Map<String, String> env = Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin", "KARAKURI_LANG", "en");
        String launcher = fromTar.resolve("bin/karakuri").toString();

        Proc.ok(work, env, LIMIT, launcher, "validate", "nightly-filing.yaml");

        try (Stream<Path> cache = Files.list(home.resolve(".karakuri/cache"))) {
            assertThat(cache.map(p -> p.getFileName().toString())).singleElement().asString().matches("cds-\\d+\\.jsa");
        }
        // -Xshare:on: the JVM refuses to start unless it maps the archive
        Map<String, String> strict = new java.util.HashMap<>(env);
        strict.put("KARAKURI_JAVA_OPTS", "-Xshare:on");
        Proc mapped = Proc.run(work, strict, LIMIT, launcher, "run", "nightly-filing.yaml");
        assertThat(mapped.exit()).as(mapped.describe()).isZero();
        assertThat(mapped.output()).doesNotContain("cds", "shared archive");
    }

    @Test
    void karakuriHomeFromTheEnvironmentWinsOverTheUsersHome() throws IOException {
        Path app = fromTar;
        Path home = Files.createDirectories(dir.resolve("home"));
        Path elsewhere = dir.resolve("var-lib-karakuri");
        Path work = Files.createDirectories(dir.resolve("work"));
        Folders.copy(app.resolve("scenarios/examples"), work);
        Map<String, String> env = Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin", "KARAKURI_HOME", elsewhere.toString());

        Proc.ok(work, env, LIMIT, app.resolve("bin/karakuri").toString(), "run", "nightly-filing.yaml");

        assertThat(elsewhere.resolve("runs")).isDirectory();
        assertThat(home.resolve(".karakuri")).doesNotExist();
    }

    @Test
    void refusesAJavaOlderThan17WithWhatToDo() throws IOException {
        Path app = fromTar;
        Path old = Files.createDirectories(dir.resolve("jdk-11/bin"));
        Files.writeString(old.getParent().resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
        Path java = Files.writeString(old.resolve("java"), "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("HOME", dir.toString(), "PATH", "/usr/bin:/bin", "JAVA_HOME", old.getParent().toString());

        Proc p = Proc.run(dir, env, LIMIT, app.resolve("bin/karakuri").toString(), "--version");

        assertThat(p.exit()).isEqualTo(2);
        assertThat(p.output()).contains("Java 17 or newer is needed", "Java 11", "JAVA_HOME");
    }

    @Test
    void systemdUnitIsValidAndServesWithItsHomeOutsideTheInstallFolder() throws IOException {
        Path app = fromTar;
        String unit = Files.readString(app.resolve("systemd/karakuri.service"));

        assertThat(unit).contains("ExecStart=/opt/karakuri/current/bin/karakuri serve", "Environment=KARAKURI_HOME=/var/lib/karakuri",
            "User=karakuri", "WantedBy=multi-user.target");
        // systemd checks the unit as installed: the launcher at the unit's path
        Path copy = Files.writeString(dir.resolve("karakuri.service"), unit.replace("/opt/karakuri/current", app.toString()));
        Proc verify = Proc.run(dir, Map.of("PATH", "/usr/bin:/bin"), LIMIT, "systemd-analyze", "verify", copy.toString());
        assertThat(verify.exit()).as(verify.describe()).isZero();
    }

    @Test
    void windowsServiceConfigurationRunsServeOnTheArchivesLibraries() throws Exception {
        Path app = fromZip;
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document xml = f.newDocumentBuilder().parse(app.resolve("windows/karakuri-service.xml").toFile());

        String arguments = xml.getElementsByTagName("arguments").item(0).getTextContent();
        assertThat(xml.getElementsByTagName("executable").item(0).getTextContent()).isEqualTo("%JAVA_HOME%\\bin\\java.exe");
        assertThat(arguments).contains("-cp \"%BASE%\\..\\lib\\*\" org.karakuri.cli.Main serve");
        assertThat(xml.getElementsByTagName("env").item(0).getAttributes().getNamedItem("name").getNodeValue()).isEqualTo("KARAKURI_HOME");
        // %BASE% is the folder of the service's files: windows\, beside lib\
        assertThat(app.resolve("windows").resolve("..").resolve("lib").resolve("karakuri-engine-" + Archive.version() + ".jar")).exists();
    }

    private static Set<String> files(List<String> entries) {
        Set<String> out = new TreeSet<>();
        for (String e : entries) {
            if (!e.endsWith("/")) {
                out.add(e.substring(e.indexOf('/') + 1));
            }
        }
        return out;
    }
}
