package org.karakuri.run;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.karakuri.context.Progress;
import org.karakuri.event.EventSink;
import org.karakuri.event.RunEvent;
import org.karakuri.i18n.Messages;

/**
 * What the terminal shows of a run: each top-level step as it ends, each item of a loop as
 * "row n/N" (and, over several browsers, which browser took it), every failure with its
 * file:line:col, and the outcome.
 */
final class ProgressSink implements EventSink {
    private final Progress out;
    private final Messages messages;
    private final Map<String, String> labels = new ConcurrentHashMap<>();
    private final AtomicInteger itemDepth = new AtomicInteger();

    ProgressSink(Progress out, Messages messages) {
        this.out = out;
        this.messages = messages;
    }

    @Override
    public void accept(RunEvent e) {
        switch (e.type()) {
            case "run-started" -> out.line(messages.format("progress.run-started", e.scenario(), e.runId()));
            case "step-started" -> labels.put(e.step(), String.valueOf(e.get("label")));
            case "item-started" -> itemDepth.incrementAndGet();
            case "step-ended" -> {
                String outcome = String.valueOf(e.get("outcome"));
                if ("failed".equals(outcome)) {
                    out.line(messages.format("progress.step-failed", e.position(), String.valueOf(e.get("error"))));
                } else if ("will-retry".equals(outcome)) {
                    out.line(messages.format("progress.step-retry", e.position(), labels.getOrDefault(e.step(), "")));
                } else if ("ok".equals(outcome) && itemDepth.get() == 0) {
                    out.line(messages.format("progress.step-ok", labels.getOrDefault(e.step(), ""), e.position(), e.get("ms")));
                }
            }
            case "item-ended" -> {
                if (!"skipped".equals(e.get("outcome")) && !"invalid".equals(e.get("outcome"))) {
                    itemDepth.updateAndGet(d -> Math.max(0, d - 1));
                }
                Object total = e.get("total");
                String n = total == null ? String.valueOf(e.get("index")) : e.get("index") + "/" + total;
                String line = messages.format("progress.item-" + e.get("outcome"), n, e.get("label"),
                    e.get("error") != null ? e.get("error") : e.get("reason") != null ? e.get("reason") : "");
                // rows over several browsers: which one took the row
                out.line(e.get("browser") == null ? line : line + messages.format("progress.browser", e.get("browser")));
            }
            case "step-continued" -> out.line(messages.format("progress.step-continued", e.position(), e.get("error")));
            case "run-ended" -> out.line(messages.format("progress.run-" + e.get("status"), e.get("items-ok"), e.get("items-failed"),
                e.get("items-skipped"), e.get("items-invalid")));
            default -> { }
        }
    }
}
