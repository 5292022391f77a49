package org.karakuri.schedule;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;

/**
 * The site's own closures and openings for {@code jp-business-days}, in
 * {@code KARAKURI_HOME/calendar.yaml}; they apply to every scenario on that calendar:
 *
 * <pre>
 * extra-closed: [2026-05-07]      # e.g. a system maintenance day
 * extra-open: [2026-07-12]        # e.g. an election Sunday
 * </pre>
 */
public record CalendarConfig(Set<LocalDate> extraClosed, Set<LocalDate> extraOpen) {
    public static final String FILE = "calendar.yaml";
    public static final CalendarConfig NONE = new CalendarConfig(Set.of(), Set.of());

    public CalendarConfig {
        extraClosed = Set.copyOf(extraClosed);
        extraOpen = Set.copyOf(extraOpen);
    }

    /** The config of {@code home}, or {@link #NONE} when there is no file; a bad file throws with its place. */
    public static CalendarConfig load(Path home) {
        Path file = home.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new KarakuriException(new Position(file.toString(), l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr()),
                e, "calendar.config-invalid", e.getOriginalMessage());
        } catch (IOException e) {
            throw new KarakuriException(new Position(file.toString(), 0, 0), e, "calendar.config-invalid", e.getMessage());
        }
        if (root == null || root.isNull()) {
            return NONE;
        }
        List<String> unknown = new ArrayList<>();
        root.fieldNames().forEachRemaining(n -> {
            if (!n.equals("extra-closed") && !n.equals("extra-open")) {
                unknown.add(n);
            }
        });
        if (!unknown.isEmpty()) {
            throw new KarakuriException(new Position(file.toString(), 1, 1), null, "calendar.config-unknown-key", unknown.get(0));
        }
        return new CalendarConfig(dates(file, root.get("extra-closed")), dates(file, root.get("extra-open")));
    }

    private static Set<LocalDate> dates(Path file, JsonNode list) {
        Set<LocalDate> out = new TreeSet<>();
        if (list == null || list.isNull()) {
            return out;
        }
        for (JsonNode n : list.isArray() ? list : List.of(list)) {
            try {
                out.add(LocalDate.parse(n.asText().strip()));
            } catch (DateTimeParseException e) {
                throw new KarakuriException(new Position(file.toString(), 1, 1), null, "trigger.bad-date", n.asText());
            }
        }
        return out;
    }
}
