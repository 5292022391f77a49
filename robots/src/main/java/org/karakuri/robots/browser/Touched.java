package org.karakuri.robots.browser;

import java.util.LinkedHashMap;
import java.util.Map;
import org.karakuri.spi.StepContext;

/**
 * What a step used on the page, recorded in the trail as a {@code touched} event (the report
 * lists it under each item): the element's tag, the text a person reads by it, where it was on
 * the page and, for a field, what was entered — masked, and never the value of a password field.
 */
final class Touched {
    /** What a password field received, in the trail and the report. */
    static final String HIDDEN = "********";

    private Touched() {}

    /**
     * Records the element the page script described ({@code described}, as karakuri.js's
     * {@code describe}) for {@code target} as written; {@code value} is what was entered, or null.
     */
    static void record(StepContext ctx, String target, Object described, String value) {
        if (!(described instanceof Map<?, ?> d)) {
            return;
        }
        String tag = String.valueOf(d.get("tag"));
        String type = d.get("type") instanceof String t ? t : "";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("action", ctx.step() == null ? "" : ctx.step().action());
        data.put("target", ctx.mask(target));
        data.put("tag", type.isEmpty() || type.equals(tag) || tag.equals("button") ? tag : tag + " type=" + type);
        data.put("text", ctx.mask(String.valueOf(d.get("text"))));
        data.put("x", d.get("x"));
        data.put("y", d.get("y"));
        if (value != null) {
            data.put("value", "password".equals(type) ? HIDDEN : ctx.mask(value));
        }
        ctx.emit("touched", data);
    }

    /** {@code a "ログイン" (412, 12)}: the element in a sentence of a message. */
    static String inWords(StepContext ctx, Object described) {
        return described instanceof Map<?, ?> d ? ctx.mask(Targets.describe(d)) : "";
    }
}
