package org.karakuri.recording;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;

/**
 * A Selenium IDE recording (a {@code .side} file: JSON with a project {@code url} and
 * {@code tests}, each a list of {@code commands} with {@code command}, {@code target} and
 * {@code value}), as far as an import needs it.
 */
public record SideRecording(String name, String url, List<Test> tests) {
    private static final long MAX_BYTES = 20L * 1024 * 1024;

    public SideRecording {
        tests = List.copyOf(tests);
    }

    /** One test of the recording: its name and its commands in order. */
    public record Test(String name, List<Command> commands) {
        public Test {
            commands = List.copyOf(commands);
        }
    }

    /**
     * One recorded command. {@code alternatives} are the other locators Selenium IDE offered for
     * the same element ({@code targets}); {@code newWindow} names the handle variable of a window
     * the command opened ({@code opensWindow} with {@code windowHandleName}).
     */
    public record Command(String command, String target, String value, String comment, List<String> alternatives,
                          String newWindow) {
        public Command {
            alternatives = List.copyOf(alternatives);
        }

        /** A command with no alternatives and no window (tests, hand-made recordings). */
        public static Command of(String command, String target, String value) {
            return new Command(command, target, value, "", List.of(), null);
        }
    }

    /**
     * Reads {@code file}; a file that is not there, not JSON or not a Selenium IDE recording is a
     * {@link KarakuriException} that says which (with line and column for broken JSON).
     */
    public static SideRecording read(Path file) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new KarakuriException("import.not-a-file", file);
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new KarakuriException("import.too-large", file, Files.size(file), MAX_BYTES);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new KarakuriException("yaml.no-file", file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new KarakuriException("import.not-json", file, "not UTF-8 text");
        } catch (IOException e) {
            throw new KarakuriException("yaml.unreadable", file, e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Reads the text of a recording named {@code name} in messages. */
    public static SideRecording parse(String text, String name) {
        JsonNode root;
        try {
            ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = json.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            Position where = new Position(name, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr());
            throw new KarakuriException(where, null, "import.not-json", name, e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("tests").isArray()) {
            throw new KarakuriException("import.not-side", name);
        }
        List<Test> tests = new ArrayList<>();
        for (JsonNode t : root.path("tests")) {
            if (!t.isObject() || !t.path("commands").isArray()) {
                throw new KarakuriException("import.not-side", name);
            }
            List<Command> commands = new ArrayList<>();
            for (JsonNode c : t.path("commands")) {
                if (!c.isObject() || !c.path("command").isTextual()) {
                    throw new KarakuriException("import.not-side", name);
                }
                commands.add(command(c));
            }
            tests.add(new Test(t.path("name").asText(""), commands));
        }
        if (tests.isEmpty()) {
            throw new KarakuriException("import.no-tests", name);
        }
        return new SideRecording(root.path("name").asText(""), root.path("url").asText("").strip(), tests);
    }

    private static Command command(JsonNode c) {
        List<String> alternatives = new ArrayList<>();
        for (JsonNode pair : c.path("targets")) {
            if (pair.isArray() && pair.size() > 0 && pair.get(0).isTextual()) {
                alternatives.add(pair.get(0).asText());
            }
        }
        String window = c.path("opensWindow").asBoolean(false) ? c.path("windowHandleName").asText("") : null;
        return new Command(c.path("command").asText().strip(), text(c.path("target")), text(c.path("value")),
            c.path("comment").asText(""), alternatives, window);
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "" : n.asText("");
    }
}
