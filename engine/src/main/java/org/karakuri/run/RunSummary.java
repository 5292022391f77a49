package org.karakuri.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.karakuri.event.EventSink;
import org.karakuri.event.RunEvent;

/** Keeps what the report shows: the ended steps and items, the files and screenshots, in order. */
public final class RunSummary implements EventSink {
    private static final int MAX_KEPT = 5_000;
    private final List<RunEvent> steps = Collections.synchronizedList(new ArrayList<>());
    private final List<RunEvent> items = Collections.synchronizedList(new ArrayList<>());
    private final List<RunEvent> evidence = Collections.synchronizedList(new ArrayList<>());
    private volatile RunEvent started;
    private volatile RunEvent ended;

    @Override
    public void accept(RunEvent e) {
        switch (e.type()) {
            case "run-started" -> started = e;
            case "run-ended" -> ended = e;
            case "step-started", "step-ended", "step-continued", "step-recovering" -> keep(steps, e);
            case "item-ended" -> keep(items, e);
            case "screenshot", "file-moved", "file-copied", "file-written", "file-read" -> keep(evidence, e);
            default -> { }
        }
    }

    private static void keep(List<RunEvent> list, RunEvent e) {
        if (list.size() < MAX_KEPT) {
            list.add(e);
        }
    }

    public List<RunEvent> steps() {
        return List.copyOf(steps);
    }

    public List<RunEvent> items() {
        return List.copyOf(items);
    }

    public List<RunEvent> evidence() {
        return List.copyOf(evidence);
    }

    public RunEvent started() {
        return started;
    }

    public RunEvent ended() {
        return ended;
    }
}
