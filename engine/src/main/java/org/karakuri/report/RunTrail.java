package org.karakuri.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A run as the report shows it, read from its trail ({@code audit.jsonl}) in one pass: the
 * steps outside loops as groups of their own, each item of a loop as a group with its steps,
 * the elements its steps touched, the values entered, its screenshots and files. Only the
 * first {@link #detailedLimit} items that went well keep their steps; every item that did not
 * keeps them all, so a report of 10,000 rows stays small.
 */
final class RunTrail {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    /** One event of the trail. */
    record Event(String type, Instant time, String at, String step, JsonNode data) {
        String text(String key) {
            JsonNode n = data.get(key);
            return n == null || n.isNull() ? null : n.asText();
        }
    }

    /** A step as it ran: where, what, how it ended, how long, why it failed, what it said. */
    static final class StepLine {
        final String at;
        final String action;
        final String label;
        final Instant start;
        String outcome = "running";
        long ms = -1;
        String error;
        int attempts = 1;
        final List<String> notes = new ArrayList<>();

        StepLine(String at, String action, String label, Instant start) {
            this.at = at;
            this.action = action;
            this.label = label;
            this.start = start;
        }
    }

    /** An element a step used: its tag, the text or label a person reads, where it was on the page. */
    record Touched(String at, String action, String target, String tag, String text, Object x, Object y, String value) {}

    /** A screenshot or a file the run read, wrote or moved. */
    record Evidence(String type, String at, String name, String file, String to, String sha256) {}

    /** The steps outside loops between two loops, or one item of a loop. */
    static final class Group {
        final boolean item;
        final int index;
        final String label;
        final String loop;
        final int depth;
        /** Which browser of a loop over several entered the item (0: the run's only one). */
        int browser;
        Instant start;
        Instant end;
        String outcome;
        String error;
        long ms = -1;
        boolean detailed = true;
        final List<StepLine> steps = new ArrayList<>();
        final List<Touched> touched = new ArrayList<>();
        final List<Evidence> evidence = new ArrayList<>();
        final List<Group> children = new ArrayList<>();
        final Deque<StepLine> running = new ArrayDeque<>();

        Group(boolean item, int index, String label, String loop, int depth, Instant start) {
            this.item = item;
            this.index = index;
            this.label = label;
            this.loop = loop;
            this.depth = depth;
            this.start = start;
        }

        boolean wentWell() {
            return "ok".equals(outcome) || "skipped".equals(outcome);
        }
    }

    final int detailedLimit;
    final List<Group> groups = new ArrayList<>();
    final List<Evidence> files = new ArrayList<>();
    Event started;
    Event ended;
    long events;
    int detailedOk;
    private final Deque<Group> open = new ArrayDeque<>();
    /** The open items of each browser of a loop over several: their events interleave in the trail. */
    private final java.util.Map<Integer, Deque<Group>> browsers = new java.util.HashMap<>();
    private Group outside;
    private Group lastOutside;

    private RunTrail(int detailedLimit) {
        this.detailedLimit = detailedLimit;
    }

    /** Reads {@code trail}; a trail that cannot be read gives what was read up to there. */
    static RunTrail read(Path trail, int detailedLimit) {
        RunTrail t = new RunTrail(detailedLimit);
        if (!Files.isRegularFile(trail)) {
            return t;
        }
        try (BufferedReader in = Files.newBufferedReader(trail, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try (JsonParser p = FACTORY.createParser(line)) {
                    n = JSON.readTree(p);
                } catch (IOException e) {
                    continue; // the trail's own status says it is damaged
                }
                String type = n.path("type").asText("");
                if (type.isEmpty() || !n.has("time")) {
                    continue;
                }
                Instant time;
                try {
                    time = Instant.parse(n.path("time").asText());
                } catch (RuntimeException e) {
                    continue;
                }
                t.accept(new Event(type, time, n.path("at").asText(null), n.path("step").asText(null), n.path("data")));
            }
        } catch (IOException e) {
            return t;
        }
        t.finish();
        return t;
    }

    private void accept(Event e) {
        events++;
        switch (e.type()) {
            case "run-started" -> started = e;
            case "run-ended" -> ended = e;
            case "item-started" -> {
                Deque<Group> open = open(e);
                Group parent = open.peek();
                if (parent == null) {
                    outside = null;
                }
                Group g = new Group(true, e.data().path("index").asInt(), e.text("label"), e.step(),
                    parent == null ? 0 : parent.depth + 1, e.time());
                g.browser = e.data().path("browser").asInt(0);
                (parent == null ? groups : parent.children).add(g);
                open.push(g);
            }
            case "item-ended" -> itemEnded(e);
            case "step-started" -> {
                Group g = current(e);
                StepLine again = e.data().has("attempt") ? stepOf(e) : null;
                if (again != null) {
                    again.attempts = e.data().path("attempt").asInt();
                    again.outcome = "running";
                } else {
                    StepLine s = new StepLine(e.at(), e.text("action"), e.text("label"), e.time());
                    g.steps.add(s);
                    g.running.push(s);
                }
            }
            case "step-ended" -> {
                StepLine s = stepOf(e);
                if (s != null) {
                    s.outcome = e.text("outcome");
                    s.ms = e.data().path("ms").asLong(-1);
                    s.error = e.text("error");
                    if (!"will-retry".equals(s.outcome)) {
                        open(e).forEach(g -> g.running.remove(s));
                        if (lastOutside != null) {
                            lastOutside.running.remove(s);
                        }
                    }
                }
            }
            case "step-continued" -> {
                StepLine s = lastStep(e);
                if (s != null) {
                    s.outcome = "continued";
                }
            }
            case "touched" -> {
                JsonNode d = e.data();
                current(e).touched.add(new Touched(e.at(), e.text("action"), d.path("target").asText(""), d.path("tag").asText(""),
                    d.path("text").asText(""), number(d.get("x")), number(d.get("y")), d.has("value") ? d.path("value").asText() : null));
            }
            case "screenshot", "file-read", "file-written", "file-moved", "file-copied", "file-found", "results-written",
                 "review-written", "rows-written" -> {
                String file = e.text("file") != null ? e.text("file") : e.text("from") != null ? e.text("from") : e.text("path");
                Evidence ev = new Evidence(e.type(), e.at(), e.text("name"), file, e.text("to"), e.text("sha256"));
                if (e.type().equals("screenshot")) {
                    current(e).evidence.add(ev);
                } else {
                    files.add(ev);
                }
            }
            case "log", "alert", "caught", "session-renewed", "session-expired", "row-interrupted", "server-connected" -> {
                StepLine s = lastStep(e);
                String text = switch (e.type()) {
                    case "log" -> e.text("text");
                    case "alert" -> "alert \"" + e.text("text") + "\" → " + e.text("answer");
                    default -> e.type() + ": " + compact(e.data());
                };
                if (s != null && text != null) {
                    s.notes.add(text);
                }
            }
            default -> { }
        }
    }

    private static Object number(JsonNode n) {
        return n == null || n.isNull() ? null : n.isNumber() ? n.numberValue() : n.asText();
    }

    private static String compact(JsonNode data) {
        List<String> parts = new ArrayList<>();
        data.fields().forEachRemaining(f -> parts.add(f.getKey() + "=" + (f.getValue().isValueNode() ? f.getValue().asText() : f.getValue())));
        return String.join(", ", parts);
    }

    /** The items open where the event happened: in its browser, or (one browser) in the run. */
    private Deque<Group> open(Event e) {
        int browser = e.data().path("browser").asInt(0);
        return browser == 0 ? open : browsers.computeIfAbsent(browser, b -> new ArrayDeque<>(open));
    }

    private void itemEnded(Event e) {
        Deque<Group> open = open(e);
        Group g = open.peek();
        int index = e.data().path("index").asInt();
        if (g == null || g.index != index || !e.step().equals(g.loop)) {
            // a skipped or invalid item: it never started
            Group parent = open.peek();
            if (parent == null) {
                outside = null;
            }
            g = new Group(true, index, e.text("label"), e.step(), parent == null ? 0 : parent.depth + 1, e.time());
            (parent == null ? groups : parent.children).add(g);
        } else {
            open.pop();
        }
        g.end = e.time();
        g.outcome = e.text("outcome");
        g.error = e.text("error") != null ? e.text("error") : e.text("reason");
        g.ms = e.data().path("ms").asLong(-1);
        if (g.wentWell()) {
            if (g.depth == 0 && detailedOk++ >= detailedLimit) {
                g.detailed = false;
                g.steps.clear();
                g.touched.clear();
                g.children.clear();
            }
        }
    }

    /** The group an event belongs to: the innermost open item, else the steps outside loops. */
    private Group current(Event e) {
        Group g = open(e).peek();
        if (g != null) {
            return g;
        }
        if (outside == null) {
            outside = new Group(false, 0, null, null, 0, e.time());
            groups.add(outside);
            lastOutside = outside;
        }
        outside.end = e.time();
        return outside;
    }

    /** The step still running at the event's place: in the open items, innermost first, then outside loops. */
    private StepLine stepOf(Event e) {
        List<Group> where = new ArrayList<>(open(e));
        if (lastOutside != null) {
            where.add(lastOutside);
        }
        for (Group g : where) {
            for (StepLine s : g.running) {
                if (s.at != null && s.at.equals(e.at())) {
                    return s;
                }
            }
        }
        return null;
    }

    private StepLine lastStep(Event e) {
        StepLine s = stepOf(e);
        if (s != null) {
            return s;
        }
        Deque<Group> open = open(e);
        Group g = open.isEmpty() ? lastOutside : open.peek();
        return g == null || g.steps.isEmpty() ? null : g.steps.get(g.steps.size() - 1);
    }

    private void finish() {
        if (!browsers.isEmpty()) {
            inRowOrder(groups);
        }
        for (Group g : groups) {
            if (!g.item) {
                g.outcome = g.steps.stream().anyMatch(s -> "failed".equals(s.outcome)) ? "failed"
                    : g.steps.stream().anyMatch(s -> "continued".equals(s.outcome)) ? "continued" : "ok";
            }
            if (g.item && g.outcome == null) {
                g.outcome = "interrupted";
            }
        }
    }

    /** Items that several browsers entered at once, listed in the file's order as the loop took them. */
    private static void inRowOrder(List<Group> list) {
        int from = 0;
        while (from < list.size()) {
            int to = from;
            while (to < list.size() && list.get(to).item && java.util.Objects.equals(list.get(to).loop, list.get(from).loop)) {
                to++;
            }
            if (to > from + 1) {
                list.subList(from, to).sort(java.util.Comparator.comparingInt(g -> g.index));
            }
            for (int i = from; i < Math.max(to, from + 1); i++) {
                inRowOrder(list.get(i).children);
            }
            from = Math.max(to, from + 1);
        }
    }

    /** When the run started and ended (the trail's first and last events). */
    Instant startTime() {
        return started != null ? started.time() : groups.isEmpty() ? null : groups.get(0).start;
    }

    Instant endTime() {
        return ended != null ? ended.time() : null;
    }
}
