package org.karakuri.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/security.md stays true: every {@code ./karakuri …} command it shows is one the command line
 * accepts, and every setting and {@code KARAKURI_…} variable it names is in docs/configuration.md.
 */
class SecurityDocsTest {
    private static final Path ROOT = root();
    private static final Pattern COMMAND = Pattern.compile("\\./karakuri((?: [-A-Za-z0-9.=\\[\\]]+)+)");
    private static final Map<String, String> SAMPLES = Map.of("NAME", "sato", "FILE", "/srv/audit/anchors.jsonl",
        "RUN", "20261130-101500-s-3e4c", "[ID]", "t1");

    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs")) && Files.exists(p.resolve("karakuri"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    private static String doc() throws Exception {
        return Files.readString(ROOT.resolve("docs/security.md"));
    }

    @Test
    void everyCommandItShowsIsOneTheCommandLineAccepts() throws Exception {
        List<String> commands = new ArrayList<>();
        Matcher m = COMMAND.matcher(doc());
        while (m.find()) {
            commands.add(m.group(1).strip());
        }
        assertThat(commands).as("commands in docs/security.md").hasSizeGreaterThan(8)
            .contains("audit anchor --to FILE", "audit verify --anchor FILE", "secret rotate-key");
        for (String command : commands) {
            List<String> args = new ArrayList<>();
            for (String word : command.split(" ")) {
                args.add(SAMPLES.getOrDefault(word, word));
            }
            CommandLine cli = new CommandLine(new Main());
            assertThat(cli.parseArgs(args.toArray(String[]::new)).hasSubcommand()).as(command).isTrue();
        }
    }

    @Test
    void everySettingItNamesIsDocumented() throws Exception {
        String configuration = Files.readString(ROOT.resolve("docs/configuration.md"));
        Matcher settings = Pattern.compile("`((?:capabilities|secrets|server|directory)\\.[a-z-]+)`").matcher(doc());
        int found = 0;
        while (settings.find()) {
            assertThat(configuration).as(settings.group(1)).contains("`" + settings.group(1) + "`");
            found++;
        }
        Matcher variables = Pattern.compile("KARAKURI_[A-Z_]+[A-Z]").matcher(doc());
        while (variables.find()) {
            if (!variables.group().startsWith("KARAKURI_SECRET_")) {
                assertThat(configuration).as(variables.group()).contains(variables.group());
                found++;
            }
        }
        assertThat(found).isGreaterThan(5);
    }
}
