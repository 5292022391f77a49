package org.karakuri.load;

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
import java.util.Set;
import org.karakuri.i18n.Position;
import org.karakuri.yaml.YNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads a scenario file into a {@link YNode} tree that keeps every line and column.
 *
 * <p>The text goes through SnakeYAML's own parser (with its {@link LoaderOptions} code-point
 * limit), and the parser's events, each with its start mark, are composed into the tree here
 * rather than by SnakeYAML's composer: the composer resolves aliases and reports its limits as
 * untyped exceptions, while a scenario refuses aliases outright and every refusal below is a
 * problem of its own kind. Refused: files over {@link #MAX_BYTES}, anchors and aliases (so an
 * alias bomb is never expanded), nesting deeper than {@link #MAX_DEPTH}, more than
 * {@link #MAX_NODES} nodes, duplicate keys, keys that are not text, more than one document.
 */
public final class YamlReader {
    public static final int MAX_BYTES = 1 << 20;
    static final int MAX_DEPTH = 64;
    static final int MAX_NODES = 200_000;
    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

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
        Position top = new Position(displayName, 1, 1);
        if (text.length() > MAX_BYTES) {
            problems.add(top, "", "yaml.too-large", text.length(), MAX_BYTES);
            return null;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        Composer composer = new Composer(new ParserImpl(new StreamReader(text), options), displayName, problems);
        try {
            return composer.document();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Position at = mark == null ? top : position(displayName, mark);
            if (mark != null && mark.getIndex() < text.length() && text.charAt(mark.getIndex()) == '\t') {
                problems.add(at, "", "yaml.tab");
            } else {
                problems.add(at, "", "yaml.syntax", String.valueOf(e.getProblem()));
            }
            return null;
        } catch (Composer.TooDeep e) {
            problems.add(e.at, "", "yaml.too-deep");
            return null;
        } catch (Composer.TooBig e) {
            problems.add(top, "", "yaml.too-many-nodes", MAX_NODES);
            return null;
        }
    }

    static Position position(String file, Mark mark) {
        return new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Builds the tree from the parser's events, checking what a scenario never needs as it goes. */
    private static final class Composer {
        static final class TooBig extends RuntimeException {
            TooBig() {
                super(null, null, false, false);
            }
        }

        static final class TooDeep extends RuntimeException {
            final Position at;

            TooDeep(Position at) {
                super(null, null, false, false);
                this.at = at;
            }
        }

        private final Parser parser;
        private final String file;
        private final Problems problems;
        private int nodes;

        Composer(Parser parser, String file, Problems problems) {
            this.parser = parser;
            this.file = file;
            this.problems = problems;
        }

        /** The stream's only document, or null (with a problem) when it has none. */
        YNode document() {
            expect(Event.ID.StreamStart);
            if (parser.checkEvent(Event.ID.StreamEnd)) {
                problems.add(new Position(file, 1, 1), "", "yaml.empty");
                return null;
            }
            expect(Event.ID.DocumentStart);
            YNode root = node(0);
            expect(Event.ID.DocumentEnd);
            if (parser.checkEvent(Event.ID.DocumentStart)) {
                problems.add(at(parser.peekEvent()), "", "yaml.more-documents");
            }
            return root;
        }

        private void expect(Event.ID id) {
            Event e = parser.getEvent();
            if (!e.is(id)) {
                throw new IllegalStateException("YAML parser gave " + e + " where " + id + " was expected");
            }
        }

        private Position at(Event e) {
            return position(file, e.getStartMark());
        }

        private YNode node(int depth) {
            Event event = parser.getEvent();
            Position at = at(event);
            if (++nodes > MAX_NODES) {
                throw new TooBig();
            }
            if (depth > MAX_DEPTH) {
                throw new TooDeep(at);
            }
            if (event instanceof AliasEvent) {
                problems.add(at, "", "yaml.alias");
                return new YNode.Scalar(null, at);
            }
            if (event instanceof NodeEvent n && n.getAnchor() != null) {
                problems.add(at, "", "yaml.anchor", n.getAnchor());
            }
            if (event instanceof ScalarEvent s) {
                boolean isNull = s.isPlain() && NULLS.contains(s.getValue());
                return new YNode.Scalar(isNull ? null : s.getValue(), at);
            }
            if (event.is(Event.ID.SequenceStart)) {
                List<YNode> items = new ArrayList<>();
                while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                    items.add(node(depth + 1));
                }
                parser.getEvent();
                return new YNode.Seq(items, at);
            }
            if (event.is(Event.ID.MappingStart)) {
                List<YNode.Entry> entries = new ArrayList<>();
                Map<String, Position> seen = new HashMap<>();
                while (!parser.checkEvent(Event.ID.MappingEnd)) {
                    YNode keyNode = parser.peekEvent() instanceof ScalarEvent k && k.getAnchor() == null
                        ? new YNode.Scalar(k.getValue(), at(parser.getEvent()))
                        : node(depth + 1);
                    YNode value = node(depth + 1);
                    if (!(keyNode instanceof YNode.Scalar key) || key.isNull() || key.value().isEmpty()) {
                        problems.add(keyNode.position(), "", "yaml.key-not-text");
                        continue;
                    }
                    Position first = seen.putIfAbsent(key.value(), key.position());
                    if (first != null) {
                        problems.add(key.position(), "", "yaml.duplicate-key", key.value(), first.line());
                    } else {
                        entries.add(new YNode.Entry(key, value));
                    }
                }
                parser.getEvent();
                return new YNode.Map(entries, at);
            }
            throw new IllegalStateException("unexpected YAML event " + event);
        }
    }
}
