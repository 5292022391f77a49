package org.karakuri.robots.browser;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages.Text;
import org.karakuri.model.Durations;

/** Frame paths as authors write them ({@code menu}, {@code main > detail}) and their messages. */
final class Frames {
    private Frames() {}

    /** {@code "a > b"} → [a, b]. */
    static List<String> parse(String written) {
        return Arrays.stream(written.split(">")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static KarakuriException missing(String written, Duration timeout, Map<String, Object> last) {
        List<Object> frames = last == null ? List.of() : Targets.list(last.get("frames"));
        String there = frames.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return new KarakuriException("browser.frame.missing", written, Durations.format(timeout),
            there.isEmpty() ? new Text("browser.frame.none") : there);
    }

    static KarakuriException ambiguous(String segment, Map<String, Object> r) {
        return new KarakuriException("browser.frame.ambiguous", segment, Targets.describeAll(r.get("list")));
    }
}
