package org.karakuri.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.karakuri.load.Problems;
import org.karakuri.model.Position;

/**
 * Reads a scenario file into a {@link YNode} tree that keeps every line and column.
 * Refuses what a scenario never needs and an attacker would use: files over
 * {@link #MAX_BYTES}, anchors and aliases (so an alias bomb is never expanded), deep nesting,
 * duplicate keys, more than one document.
 */
public final class YamlReader {
    public static final int MAX_BYTES = 1 << 20;
    static final int MAX_DEPTH = 64;
    static final int MAX_NODES = 200_000;

    private final YAMLFactory factory = YAMLFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
        .build();

    /** Reads {@code file}; problems go to {@code problems} and the result is null when nothing usable was read. */
    public YNode read(Path file, String displayName, Problems problems) {
        Position top = new Position(displayName, 1, 1);
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                problems.add(top, "", "yaml.too-large", Files.size(file), MAX_BYTES);
                return null;
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            problems.add(top, "", "yaml.no-file", file.toString());
            return null;
        } catch (IOException e) {
            problems.add(top, "", "yaml.unreadable", file.toString(), String.valueOf(e.getMessage()));
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(top, "", "yaml.not-utf8");
            return null;
        }
        return read(text, displayName, problems);
    }

    public YNode read(String text, String displayName, Problems problems) {
        if (text.length() > MAX_BYTES) {
            problems.add(new Position(displayName, 1, 1), "", "yaml.too-large", text.length(), MAX_BYTES);
            return null;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (JsonParser parser = factory.createParser(text)) {
            Builder builder = new Builder((YAMLParser) parser, displayName, problems);
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new Position(displayName, 1, 1), "", "yaml.empty");
                return null;
            }
            YNode root = builder.value(first, 0);
            if (parser.nextToken() != null) {
                problems.add(builder.here(), "", "yaml.more-documents");
            }
            return root;
        } catch (JsonProcessingException e) {
            problems.add(problemPosition(displayName, e), "", syntaxKey(e), cleanMessage(e));
            return null;
        } catch (Builder.TooBig e) {
            problems.add(new Position(displayName, 1, 1), "", "yaml.too-many-nodes", MAX_NODES);
            return null;
        } catch (IOException e) {
            problems.add(new Position(displayName, 1, 1), "", "yaml.unreadable", displayName, String.valueOf(e.getMessage()));
            return null;
        }
    }

    private static String syntaxKey(JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.contains("'\\t'") || m.contains("\\t(TAB)") || m.contains("TAB")) {
            return "yaml.tab";
        }
        if (m.contains("nesting depth")) {
            return "yaml.too-deep";
        }
        return "yaml.syntax";
    }

    private static String cleanMessage(JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        // SnakeYAML messages span several lines with a caret drawing; the first sentence is the point.
        String first = m.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("in reader") && !l.startsWith("^")
            && !l.startsWith("at line")).findFirst().orElse(m);
        return first.replaceAll("\\s*\\(line \\d+, column \\d+\\)", "").replaceAll("[:,]$", "");
    }

    /** SnakeYAML's own mark of the problem when it has one: Jackson's location is where its parser stood. */
    private static Position problemPosition(String file, JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                return new Position(file, m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1);
            }
        }
        return position(file, e.getLocation());
    }

    static Position position(String file, JsonLocation loc) {
        if (loc == null) {
            return new Position(file, 1, 1);
        }
        return new Position(file, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
    }

    private static final class Builder {
        static final class TooBig extends RuntimeException {
            TooBig() {
                super(null, null, false, false);
            }
        }

        private final YAMLParser parser;
        private final String file;
        private final Problems problems;
        private int nodes;

        Builder(YAMLParser parser, String file, Problems problems) {
            this.parser = parser;
            this.file = file;
            this.problems = problems;
        }

        Position here() {
            return position(file, parser.currentTokenLocation());
        }

        YNode value(JsonToken token, int depth) throws IOException {
            if (++nodes > MAX_NODES) {
                throw new TooBig();
            }
            Position at = here();
            if (parser.isCurrentAlias()) {
                problems.add(at, "", "yaml.alias");
                return new YNode.Scalar(null, at);
            }
            if (parser.getObjectId() != null) {
                problems.add(at, "", "yaml.anchor", String.valueOf(parser.getObjectId()));
            }
            switch (token) {
                case START_OBJECT: {
                    List<YNode.Entry> entries = new ArrayList<>();
                    Map<String, Position> seen = new HashMap<>();
                    JsonToken t;
                    while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                        Position keyAt = here();
                        String name = parser.currentName();
                        YNode.Scalar key = new YNode.Scalar(name, keyAt);
                        YNode v = value(parser.nextToken(), depth + 1);
                        Position first = seen.putIfAbsent(name, keyAt);
                        if (first != null) {
                            problems.add(keyAt, "", "yaml.duplicate-key", name, first.line());
                        } else {
                            entries.add(new YNode.Entry(key, v));
                        }
                    }
                    return new YNode.Map(entries, at);
                }
                case START_ARRAY: {
                    List<YNode> items = new ArrayList<>();
                    JsonToken t;
                    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                        items.add(value(t, depth + 1));
                    }
                    return new YNode.Seq(items, at);
                }
                case VALUE_NULL:
                    return new YNode.Scalar(null, at);
                default:
                    return new YNode.Scalar(parser.getText(), at);
            }
        }
    }
}
